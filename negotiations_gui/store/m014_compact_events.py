"""Schema m014: events and their list keys in fewer bytes (issue 13).

At a million events the case file was 464 MiB; these migrations take out what
held bytes without serving a question:

- `m014_partial_list_keys`: the indexes of the event list's keys that are empty
  in most events of a real case (end date, tags, sources, issues, the
  description's first characters) each held a million empty keys (9 MiB
  apiece). They now hold the events that have a key (partial indexes); the
  list reads the others in rowid order off the table (`list_order.py`). And
  `events_by_kind (kind, date)`, which no query has used since the timeline
  filters kinds by its own arrays, is dropped (32 MiB).

- `m014_integer_stamps`: events' `created_at` and `updated_at` as integers,
  microseconds since 1970 UTC (`stamps.py`), instead of 32 characters of text
  each (62 MiB); a stamp in another form stays the text it is. The table is
  made again (a column's type cannot change in place) with its indexes, which
  come out packed, as an index built afresh is.

Registered with `schema._migration` after the migrations in schema.py.
"""

from __future__ import annotations

from sqlite_utils import Database

from . import schema, stamps

# index -> (the key it orders by, the rows that have one); the key as list_columns.py sorts
PARTIAL_LIST_KEYS = {
    "events_list_end": ("coalesce(end_date, '')", "end_date IS NOT NULL"),
    "events_list_issues": ("list_issues COLLATE NOCASE", "list_issues <> ''"),
    "events_list_tags": ("list_tags COLLATE NOCASE", "list_tags <> ''"),
    "events_list_sources": ("list_sources COLLATE NOCASE", "list_sources <> ''"),
    "events_list_description": ("substr(description, 1, 32) COLLATE NOCASE",
                                "description <> ''"),
}


def partial_index_statements() -> list[str]:
    """The list keys' indexes made again, each over the events that have the key."""
    statements = ["DROP INDEX IF EXISTS events_by_kind"]
    for name, (key, present) in PARTIAL_LIST_KEYS.items():
        statements += [f"DROP INDEX IF EXISTS {name}",
                       f"CREATE INDEX {name} ON events({key}) WHERE {present}"]
    return statements


@schema._migration
def m014_partial_list_keys(db: Database) -> None:
    """The mostly empty list keys' indexes partial; the unused events_by_kind gone."""
    for statement in partial_index_statements():
        db.execute(statement)


_TEXT_STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"
_INTEGER_STAMPS = "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL"


def integer_stamp_statements(db: Database) -> list[str]:
    """The events table made again with integer stamps, read off the file as it is."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'"
                     ).fetchone()[0]
    if sql.count(_TEXT_STAMPS) != 1 or not sql.startswith('CREATE TABLE "events" ('):
        raise ValueError(f"the table events is not as this version made it: {sql[:80]}")
    new = sql.replace(_TEXT_STAMPS, _INTEGER_STAMPS).replace(
        'CREATE TABLE "events" (', "CREATE TABLE events_stamped (", 1)
    columns = [r[1] for r in db.execute("PRAGMA table_info(events)")]
    values = [stamps.stored_sql(c) if c in ("created_at", "updated_at") else c
              for c in columns]
    # indexes and triggers on events go with the table; made again after it
    kept = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN "
        "('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")]
    return [
        new,
        (f"INSERT INTO events_stamped ({', '.join(columns)}) "
         f"SELECT {', '.join(values)} FROM events ORDER BY n"),
        "DROP TABLE events",
        "ALTER TABLE events_stamped RENAME TO events",
        *kept,
    ]


@schema._migration
def m014_integer_stamps(db: Database) -> None:
    """Events' created_at and updated_at as integer microseconds (stamps.py)."""
    legacy = db.execute("PRAGMA legacy_alter_table").fetchone()[0]
    # the views and triggers that name events (integer_keys.py, list_keys.py) are
    # left as they are by the rename: they name the table that takes its place
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        for statement in integer_stamp_statements(db):
            db.execute(statement)
    finally:
        db.execute(f"PRAGMA legacy_alter_table = {int(legacy)}")
