"""Secondary indexes set aside during a bulk insert and built again after it.

Inserting 100,000 events into a table with six indexes touches every index
once per row, mostly at scattered pages (titles, dates, kinds in no order);
building an index afresh over the finished table is one sort. Measured on the
CSV import benchmark (100,000 rows into a new case): 16 s of CPU for the
inserts with the indexes kept, 10 s with them dropped and built again. So an
import that adds at least as many rows to a table as it already holds drops
that table's indexes inside its transaction and creates them again from their
own stored definitions (`sqlite_master.sql`, so any index a later migration
adds is kept as it is) before it commits. A larger table keeps its indexes:
building them again would cost more than the rows added. Nothing is ever
committed without them: DDL is part of the transaction, and a rollback (a
cancel, a crash) brings the old indexes back with the old rows.

A few indexes are kept all the same (`KEPT`): partial ones over rows a bulk
writer does not write, which gain no entry from its rows, where building them
again would read the whole table for nothing.

Triggers are set aside the same way (`drop_triggers`, `create_triggers`) when
the bulk writer does their work itself: the CSV import computes each new
event's list sort keys once, where the m010 triggers would run a statement
per link row (a third of the links' insert time). They are created again
from their stored SQL before the commit, for every other writer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from sqlite_utils import Database

# left alone by a bulk insert or delete (see the module docstring)
KEPT = frozenset({
    # partial (m018): the positions that answer a proposal, which no import writes
    "positions_by_proposal",
})


def tables_to_rebuild(db: Database, adding: Mapping[str, int]) -> list[str]:
    """Of the tables in `adding` (table -> rows to add), those cheaper to index afresh."""
    chosen = []
    for table, count in adding.items():
        if count == 0:
            continue
        # count(*) reads the smallest index: tens of ms at a million rows
        existing = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if count >= existing:
            chosen.append(table)
    return chosen


def drop_indexes(db: Database, tables: Iterable[str],
                 keep: Collection[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """Drop the secondary indexes of `tables`; returns table -> the SQL that made each.

    Indexes SQLite makes itself (primary keys, UNIQUE) have no SQL and stay, and
    so do those whose first column is a (table, column) in `keep`, and those in
    `KEPT`.
    """
    dropped: dict[str, list[str]] = {}
    for table in tables:
        rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                          "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                          [table]).fetchall()
        rows = [(name, sql) for name, sql in rows
                if (table, _first_column(db, name)) not in keep and name not in KEPT]
        for name, _ in rows:
            db.execute(f'DROP INDEX "{name}"')
        dropped[table] = [sql for _, sql in rows]
    return dropped


def _first_column(db: Database, index: str) -> str | None:
    row = db.execute("SELECT name FROM pragma_index_info(?) WHERE seqno = 0", [index]).fetchone()
    return row[0] if row else None


# CREATE INDEX sorts its keys in memory up to cache_size bytes, besides the page
# cache itself (up to cache_size too), and writes what does not fit to temporary
# files. A bulk writer that gives its inserts a large page cache (csv_import.py)
# would double its peak memory with a sort as large; the sort is bounded here.
SORT_CACHE_KIB = 128 * 1024


def create_indexes(db: Database, statements: Iterable[str]) -> None:
    """Build indexes again from the SQL `drop_indexes` returned, with the sort's
    memory bounded (`SORT_CACHE_KIB`)."""
    statements = list(statements)
    if not statements:
        return
    cache = int(db.execute("PRAGMA cache_size").fetchone()[0])
    page_kib = int(db.execute("PRAGMA page_size").fetchone()[0]) // 1024
    bounded = (-cache if cache < 0 else cache * page_kib) > SORT_CACHE_KIB
    if bounded:
        db.execute(f"PRAGMA cache_size = {-SORT_CACHE_KIB}")
    try:
        for sql in statements:
            db.execute(sql)
    finally:
        if bounded:
            db.execute(f"PRAGMA cache_size = {cache}")


def drop_triggers(db: Database, names: Iterable[str]) -> list[str]:
    """Drop the triggers named (those the file has); returns the SQL that made each."""
    wanted = list(names)
    rows = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' for _ in wanted)}) ORDER BY name", wanted).fetchall()
    for name, _ in rows:
        db.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in rows]


def create_triggers(db: Database, statements: Iterable[str]) -> None:
    """Create triggers again from the SQL `drop_triggers` returned."""
    for sql in statements:
        db.execute(sql)
