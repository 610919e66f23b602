"""The case as it was recorded up to a moment K ("as known on K").

A copy of the case is made in memory (SQLite's backup API) and every change
applied to this file after K is taken back, newest first, from the revision
log: a record a change created goes, a record it edited or deleted gets its
values from before the change. Records recorded before revisions began (the
"imported" revisions of schema m006, which keep no values) count from their
created_at stamp. The copy is opened read-only, so every question the store
answers (grid, timeline, brief) is answered as known on K. With no K the live
case is used as it is: the as-of query pays nothing for this.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ..domain import CaseInfo
from . import records
from .connection import database
from .event_keys import id_column, id_value, n_by_id
from .integer_keys import LINK_BY_VIEW
from .revision_values import CASE_KIND, decode, from_values
from .stamps import created_after

if TYPE_CHECKING:
    from .case_store import CaseStore

# kind -> (table, link tables keyed by the record's id, writer)
_TABLES = {
    "party": ("parties", ()), "issue": ("issues", ()), "source": ("sources", ()),
    "event": ("events", (("event_parties", "event_id"), ("event_issues", "event_id"),
                         ("event_tags", "event_id"), ("event_sources", "event_id"))),
    "proposal": ("proposals", (("proposal_parties", "proposal_id"),
                               ("proposal_terms", "proposal_id"),
                               ("proposal_sources", "proposal_id"))),
    "position": ("positions", (("position_sources", "position_id"),)),
    "assessment": ("assessments", ()),
}
PUTS: dict[str, Any] = {
    "party": records.put_party, "issue": records.put_issue, "source": records.put_source,
    "event": records.put_event, "proposal": records.put_proposal,
    "position": records.put_position, "assessment": records.put_assessment}


def latest_stamp(db: Database) -> str:
    """When the last change was applied to this file (its "as known on" now)."""
    row = db.execute("SELECT max(applied_at) FROM changes").fetchone()
    if row and row[0]:
        return row[0]
    row = db.execute("SELECT max(updated_at) FROM case_info").fetchone()
    return row[0] if row and row[0] else records.now_stamp()


def _remove(db: Database, kind: str, record_id: str) -> None:
    table, links = _TABLES[kind]
    key = id_value(table, record_id)
    for view, _ in links:  # the integer link tables, found by the record's `n`
        link = LINK_BY_VIEW[view]
        db.execute(f"DELETE FROM {link.table} WHERE {link.owner_n} = {n_by_id(table)}", [key])
    db.execute(f"DELETE FROM {table} WHERE {id_column(table)} = ?", [key])


def _put_back(db: Database, kind: str, values: dict) -> None:
    if kind == CASE_KIND:
        info: CaseInfo = from_values(kind, values)
        db.execute("UPDATE case_info SET title = ?, description = ?, marking = ? WHERE id = 1",
                   [info.title, info.description, info.marking])
        return
    PUTS[kind](db, from_values(kind, values), "", True)


def take_back_after(db: Database, moment: str) -> None:
    """Undo, in `db`, every change applied after `moment` (see the module docstring)."""
    rows = db.execute(
        "SELECT r.kind, r.record_id, r.before FROM revisions r JOIN changes c ON c.n = r.change "
        "WHERE c.applied_at > ? AND c.what <> 'imported' "
        "ORDER BY c.applied_at DESC, r.change DESC", [moment]).fetchall()
    for kind, record_id, before in rows:
        values = decode(before)
        if kind == CASE_KIND:
            if values is not None:
                _put_back(db, kind, values)
        elif values is None:
            _remove(db, kind, record_id)
        else:
            _put_back(db, kind, values)
    for kind, (table, _) in _TABLES.items():
        # events keep stamps as integers (stamps.py), the other tables as text
        later, params = created_after("created_at", moment)
        for (record_id,) in db.execute(f"SELECT id FROM {table} WHERE {later}",
                                       params).fetchall():
            _remove(db, kind, record_id)


def as_known_on(store: CaseStore, moment: str) -> CaseStore:
    """A read-only store over the case as recorded up to `moment` (a UTC stamp)."""
    from .case_store import CaseStore

    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    store.db.conn.backup(memory)
    db = database(memory)
    # taken back record by record, so references are put right by hand, not by cascade
    db.execute("PRAGMA foreign_keys = OFF")
    with db.atomic():
        take_back_after(db, moment)
    db.execute("PRAGMA query_only = ON")
    past = CaseStore(db, store.path, read_only=True)
    past.known_on = moment
    return past
