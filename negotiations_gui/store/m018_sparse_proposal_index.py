"""Schema m018: positions_by_proposal holds only the positions that answer a proposal.

The index (m001) had an entry for every position, and most answer none: an
imported position never does (import_rows.py). At 1,500,000 imported positions
it held 13.5 MB of NULL keys, and the CSV import, which builds a table's
indexes again after a bulk insert (bulk_indexes.py), spent 0.9 s reading the
whole table to sort them. Partial (WHERE proposal_id IS NOT NULL), it holds
the positions that answer one: every query by proposal (`proposal_id = ?`,
and the ON DELETE SET NULL of a deleted proposal) still seeks it, as
`x = ?` implies `x IS NOT NULL` to SQLite's planner. A bulk insert keeps it
as it is (bulk_indexes.KEPT): positions with no proposal add no entry.

Registered with `schema._migration` after the migrations before it.
"""

from __future__ import annotations

from sqlite_utils import Database

from . import schema

STATEMENTS = (
    "DROP INDEX IF EXISTS positions_by_proposal",
    ("CREATE INDEX positions_by_proposal ON positions(proposal_id) "
     "WHERE proposal_id IS NOT NULL"),
)


@schema._migration
def m018_sparse_proposal_index(db: Database) -> None:
    """positions_by_proposal over the positions that answer a proposal only."""
    for statement in STATEMENTS:
        db.execute(statement)
