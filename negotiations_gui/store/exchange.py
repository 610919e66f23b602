"""Exchange files: only the changes another copy lacks, for a USB stick or a mail.

An exchange file is a case file (same format, same case id and replica id as
the file it came from) holding the changes the other copy has not seen (as
far as this file knows from its last merge with it, table `peers`), the
current values of the records those changes touched, and the parties,
issues, sources, events and proposals those records name (so that the file
is consistent). Merging it works exactly like merging the whole file: a
merge looks only at changes and at the records they touched.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .connection import create_database, database
from .errors import CaseFileError
from .known_on import PUTS
from .links import LINKS, named_ids
from .merge import known_by
from .merge_plan import EXCHANGE_SENDER, version_vector
from .revision_values import KIND_TYPES, WRITE_ORDER, from_values
from .revisions import current_values

if TYPE_CHECKING:
    from .case_store import CaseStore

_KIND_OF_TABLE = {table: kind for kind, (_, _, table) in KIND_TYPES.items()}


def export_changes(store: CaseStore, other_replica_id: str, target: str | Path) -> int:
    """Write the exchange file for the copy `other_replica_id`; returns the change count."""
    target = Path(target)
    if target.exists():
        raise CaseFileError(target, "a file already exists here; choose a new name.")
    known = known_by(store, other_replica_id)
    changes = [row for row in store.db.execute(
        "SELECT n, replica_id, seq, what, author, at, note, applied_at FROM changes ORDER BY n")
        if row[2] > known.get(row[1], 0)]
    # one read through the log (keyed by record since m012_revisions_by_record)
    revisions = store.db.execute(
        "SELECT change, record_id, kind, before, after FROM revisions "
        "WHERE change IN (SELECT value FROM json_each(?)) ORDER BY change, kind, record_id",
        [json.dumps([row[0] for row in changes])]).fetchall()
    touched = {(kind, record_id) for _, record_id, kind, _, _ in revisions}
    records = _with_what_they_name(store, current_values(store.db, touched))
    temp = target.with_name(f".{target.name}.partial")
    temp.unlink(missing_ok=True)
    try:
        create_database(temp)
        _fill(temp, store, changes, revisions, records)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return len(changes)


def _with_what_they_name(store: CaseStore, records: dict) -> dict:
    """`records` and, recursively, the records they name (a consistent file)."""
    pending = list(records.values())
    while pending:
        values = pending.pop()
        wanted = []
        for name, (table, _) in LINKS.items():
            raw = values.get(name)
            if raw is None:
                continue
            ids = tuple(raw) if isinstance(raw, (list, dict)) else named_ids(raw)
            wanted += [(_KIND_OF_TABLE[table], i) for i in ids]
        new = current_values(store.db, [w for w in wanted if w not in records])
        records.update(new)
        pending += new.values()
    return records


def _fill(path: Path, store: CaseStore, changes, revisions, records) -> None:
    case_id, replica_id = store.log.identity()
    info = store.case_info()
    conn = sqlite3.connect(path, isolation_level=None)
    db = database(conn)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db.atomic():
            db.execute("UPDATE replica SET case_id = ?, replica_id = ?", [case_id, replica_id])
            db.execute("INSERT INTO peers (replica_id, known, merged_at) VALUES (?, ?, ?)",
                       [EXCHANGE_SENDER, json.dumps(version_vector(store.db), sort_keys=True),
                        info.created_at or ""])
            db.execute("INSERT INTO case_info (id, title, description, marking, created_at, "
                       "updated_at) VALUES (1, ?, ?, ?, ?, ?)",
                       [info.title, info.description, info.marking, info.created_at,
                        info.created_at])
            numbers = {}
            for n, replica, seq, what, author, at, note, applied in changes:
                numbers[n] = db.execute(
                    "INSERT INTO changes (replica_id, seq, what, author, at, note, applied_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [replica, seq, what, author, at, note, applied]).lastrowid
            conn.executemany(
                "INSERT INTO revisions (change, record_id, kind, before, after) "
                "VALUES (?, ?, ?, ?, ?)",
                [(numbers[c], r, k, b, a) for c, r, k, b, a in revisions])
            for kind in WRITE_ORDER:
                for (k, _), values in records.items():
                    if k == kind:
                        PUTS[kind](db, from_values(kind, values), "", True)
    finally:
        conn.close()
