"""Schema m017: events keyed by their UUID's 16 bytes (issue 13; store/event_keys.py).

- `events` is made again with `key` (the UUID as 16 bytes, or an id that is
  not a canonical UUID as its text) UNIQUE, and `id` as a VIRTUAL column
  generated from it, with every index and trigger on it as the file has them
  (read from sqlite_master); its AUTOINCREMENT count goes on where it was.
- `positions.event_id` referred to `events(id)`, which a generated column
  without an index cannot be: `positions` is made again without that
  reference, and triggers do what it did (only while foreign keys are on, as
  it did): refuse an event id that names no event, and empty the event of
  positions whose event is deleted.
- Triggers and views that looked an event up by `id` (the link views'
  INSTEAD OF triggers, the revisions view's) look it up by `key`.

Registered with `schema._migration` after the migrations before it.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from . import schema
from .event_keys import ID_COLUMN, key_sql

_OLD_ID = "id TEXT NOT NULL UNIQUE,"
_OLD_EVENT_REF = "event_id TEXT REFERENCES events(id) ON DELETE SET NULL,"
_LOOKUP = re.compile(r"FROM events WHERE id = ((?:NEW|OLD)\.\w+)")
_FOREIGN_KEYS_ON = "(SELECT foreign_keys FROM pragma_foreign_keys)"

# what positions.event_id REFERENCES events(id) ON DELETE SET NULL did
POSITION_EVENT_TRIGGERS = [
    *(f"CREATE TRIGGER positions_event_known_{when.lower()} BEFORE {what} ON positions "
      f"WHEN NEW.event_id IS NOT NULL AND {_FOREIGN_KEYS_ON} AND NOT EXISTS "
      f"(SELECT 1 FROM events WHERE key = {key_sql('NEW.event_id')}) "
      "BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END"
      for when, what in (("insert", "INSERT"), ("update", "UPDATE OF event_id"))),
    ("CREATE TRIGGER events_gone_from_positions AFTER DELETE ON events "
     f"WHEN {_FOREIGN_KEYS_ON} BEGIN "
     "UPDATE positions SET event_id = NULL WHERE event_id = OLD.id; END"),
]


def _table_sql(db: Database, table: str) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                      [table]).fetchone()[0]


def rebuilt(db: Database, table: str, old: str, new: str,
            renamed: tuple[str, str, str] | None = None) -> list[str]:
    """`table` made again with the column text `old` replaced by `new` (`renamed`:
    the old column, the new one and the SQL that fills it from the old row; the
    other columns copied), its indexes, triggers and count after it."""
    sql = _table_sql(db, table)
    head = f'CREATE TABLE "{table}" ('
    if not sql.startswith(head) or sql.count(old) != 1:
        raise ValueError(f"the table {table} is not as this version made it: {sql[:80]}")
    create = sql.replace(head, f"CREATE TABLE {table}_keyed (", 1).replace(old, new, 1)
    was, now, filled = renamed or ("", "", "")
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    names = ", ".join(now if c == was else c for c in columns)
    sources = ", ".join(filled if c == was else c for c in columns)
    kept = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, name", [table])]
    counted = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
    return [
        create,
        f"INSERT INTO {table}_keyed ({names}) SELECT {sources} FROM {table} ORDER BY n",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_keyed RENAME TO {table}",
        *kept,
        # a deleted record's `n` is never given again (the revision log names it)
        *([] if counted is None else [_counted_from(table, counted[0])]),
    ]


def _counted_from(table: str, seq: int) -> str:
    return f"UPDATE sqlite_sequence SET seq = max(seq, {int(seq)}) WHERE name = '{table}'"


def looked_up_by_key(db: Database) -> list[str]:
    """Triggers and views that find an event by `id`, made again finding it by `key`."""
    statements = []
    for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') "
            "AND sql LIKE '%FROM events WHERE id = %' ORDER BY type DESC, name").fetchall():
        statements += [f"DROP {kind.upper()} {name}",
                       _LOOKUP.sub(lambda m: f"FROM events WHERE key = {key_sql(m[1])}", sql)]
    return statements


def statements(db: Database) -> list[str]:
    return [
        *rebuilt(db, "events", _OLD_ID, f"key BLOB NOT NULL UNIQUE, {ID_COLUMN},",
                 ("id", "key", key_sql("id"))),
        *rebuilt(db, "positions", _OLD_EVENT_REF, "event_id TEXT,"),
        *POSITION_EVENT_TRIGGERS,
        *looked_up_by_key(db),
    ]


@schema._migration
def m017_event_keys(db: Database) -> None:
    """Events keyed by 16 bytes, `id` generated (event_keys.py)."""
    legacy = db.execute("PRAGMA legacy_alter_table").fetchone()[0]
    # views and triggers that name a rebuilt table are left as they are by the rename:
    # they name the table that takes its place
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        for statement in statements(db):
            db.execute(statement)
    finally:
        db.execute(f"PRAGMA legacy_alter_table = {int(legacy)}")
