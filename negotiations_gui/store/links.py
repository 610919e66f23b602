"""Which other records a record names, and dropping the names of records that are gone.

An earlier version of a record (restored from a revision, or brought in by a
merge) may name a party, a source or a proposal deleted since; it is written
without those links rather than refused, except for the party and issue a
position or an assessment belongs to, without which it cannot exist.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .errors import CaseFileError
from .event_keys import ids_in

# field -> (table of the records it names, whether the record needs them)
LINKS = {
    "party_id": ("parties", True), "issue_id": ("issues", True),
    "party_ids": ("parties", False), "issue_ids": ("issues", False),
    "source_ids": ("sources", False), "proposer_ids": ("parties", False),
    "addressee_ids": ("parties", False), "terms": ("issues", False),
    "proposal_id": ("proposals", False), "event_id": ("events", False),
}


def named_ids(value) -> tuple:
    """The ids one link field holds (a tuple, a dict keyed by id, one id or None)."""
    if isinstance(value, dict):
        return tuple(value)
    if isinstance(value, tuple):
        return value
    return () if value is None else (value,)


def without_missing_links(db: Database, path: Path, record):
    """`record` without links to records that do not exist (see the module docstring)."""
    changes: dict[str, Any] = {}
    for name, (table, required) in LINKS.items():
        if not hasattr(record, name):
            continue
        value = getattr(record, name)
        ids = named_ids(value)
        if not ids:
            continue
        inside, values = ids_in(table, ids)
        found = {r[0] for r in db.execute(f"SELECT id FROM {table} WHERE {inside}", values)}
        if found == set(ids):
            continue
        if required:
            raise CaseFileError(path, "the party or issue this record belongs to has been "
                                "deleted; it cannot be brought back on its own.")
        if isinstance(value, dict):
            changes[name] = {k: v for k, v in value.items() if k in found}
        elif isinstance(value, tuple):
            changes[name] = tuple(i for i in value if i in found)
        else:
            changes[name] = None
    return dataclasses.replace(record, **changes) if changes else record
