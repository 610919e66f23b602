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

Registered with `schema._migration` after the migrations in schema.py.
"""

from __future__ import annotations

from sqlite_utils import Database

from . import schema

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
