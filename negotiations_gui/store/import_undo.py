"""Undo of an import: the records it created deleted, and logged, in bulk.

Undoing a 100,000-row CSV import deleted its records one statement at a time
with every trigger and index kept, and read each record twice as a domain
object for the revision log (72 s and 913 MB measured, 2 Dec 2026). Here:

- each deleted record's values are read, turned into its revision's "before"
  text and dropped, a batch at a time, so memory does not grow with the
  import; nothing is read after the delete (a deleted record has no values);
- the triggers that recompute an event's list keys or a position's source ids
  when a link row goes are set aside while the import's own positions and
  events are deleted: every row they would update is being deleted too. They
  are created again before the parties, issues and sources the import added
  are deleted, since events recorded since may name those;
- a table that loses at least as many rows as it keeps has its secondary
  indexes built again afterwards rather than kept row by row
  (`bulk_indexes`), the lookup a foreign key needs kept throughout.

All inside the caller's one write transaction: a failure or a kill leaves
the case, its triggers and its indexes as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from . import list_keys
from .bulk_indexes import create_indexes, create_triggers, drop_indexes, drop_triggers
from .event_keys import id_column, id_value
from .revision_values import encode
from .revisions import RevisionLog, current_values

# the triggers that recompute values of the row a link row belongs to
LINK_DELETE_TRIGGERS = (*(f"{links}_{column}_delete"
                          for column, (links, *_) in list_keys.KEYED_N.items()),
                        "position_source_removed")
# lookups foreign keys make when a parent row goes (positions.event_id: ON DELETE SET NULL)
_CHILD_LOOKUPS = frozenset({("positions", "event_id")})
_READ_BATCH = 2_000

# the kinds an import creates, in the order they are deleted (children first)
_BULK = (("position", "positions"), ("event", "events"))
_NAMED = (("source", "sources"), ("party", "parties"), ("issue", "issues"))


def delete_created(db: Database, log: RevisionLog, created: dict[str, list[str]]) -> None:
    """Delete the records `created` names (kind -> ids), one revision each in `log`."""
    rows: list[tuple[str, str, str | None, str | None]] = []
    for kind, _ in (*_BULK, *_NAMED):
        rows.extend(_deleted_revisions(db, kind, created.get(kind, [])))
    checking = db.execute("PRAGMA foreign_keys").fetchone()[0]
    triggers = drop_triggers(db, LINK_DELETE_TRIGGERS)
    rebuilt = drop_indexes(db, _worth_rebuilding(db, created),
                           keep=_CHILD_LOOKUPS if checking else ())
    db.execute("CREATE TEMP TABLE undone_ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
    for kind, table in _BULK:
        _delete(db, table, created.get(kind, []))
    for statements in rebuilt.values():
        create_indexes(db, statements)
    create_triggers(db, triggers)
    for kind, table in _NAMED:
        _delete(db, table, created.get(kind, []))
    db.execute("DROP TABLE temp.undone_ids")  # (a rollback drops it too)
    log.add_rows(rows)


def _deleted_revisions(db: Database, kind: str, ids: list[str]
                       ) -> Iterable[tuple[str, str, str | None, str | None]]:
    """(kind, id, the values as they are now, None) for each record of `ids` that exists."""
    for start in range(0, len(ids), _READ_BATCH):
        values = current_values(db, [(kind, i) for i in ids[start:start + _READ_BATCH]])
        for (_, record_id), old in values.items():
            yield kind, record_id, encode(old), None


def _worth_rebuilding(db: Database, created: dict[str, list[str]]) -> list[str]:
    """The bulk tables losing at least as many rows as they keep."""
    chosen = []
    for kind, table in _BULK:
        going = len(created.get(kind, []))
        if going and going * 2 >= db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            chosen.append(table)
    return chosen


def _delete(db: Database, table: str, ids: list[str]) -> None:
    if not ids:
        return
    db.execute("DELETE FROM temp.undone_ids")
    db.conn.executemany("INSERT OR IGNORE INTO temp.undone_ids VALUES (?)",
                        [(id_value(table, i),) for i in ids])
    db.execute(f"DELETE FROM {table} WHERE {id_column(table)} IN (SELECT id FROM temp.undone_ids)")
