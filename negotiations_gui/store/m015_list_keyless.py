"""Schema m015: the event list's keyless rows found by an index where they are few (issue 13).

m014 made the indexes of five mostly-empty list keys partial. Where almost
every event has the key (a CSV import: every event with a source and a
description) the list's first page sorted by it read the whole table to find
the few events without one (0.2-0.34 s at a million). `list_layout.settle`
makes each of those indexes full where most events have its key, so that the
keyless rows are one seek away, and leaves it partial where most lack it (no
bytes given back there). Later big writes choose again (`CaseStore._write`).

Registered with `schema._migration` after m014.
"""

from __future__ import annotations

from sqlite_utils import Database

from . import list_layout, schema


@schema._migration
def m015_list_keyless(db: Database) -> None:
    """Each mostly-empty list key's index full or partial, as the file's events call for."""
    list_layout.settle(db)
