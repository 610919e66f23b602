"""Merging another case file (or an exchange file) into this one, in one transaction.

`plan_merge` (merge_plan.py) decides what comes in and what conflicts;
`apply_merge` writes it with the analyst's choice for each conflict: the
other file's changes are copied into this file's log (as seen, not applied
here), the records are written as one "merge" change, and the other file's
version vector is kept in `peers` so that an exchange file for it can later
hold only what it lacks (`export_changes`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import CaseInfo
from .errors import CaseFileError
from .event_keys import id_column, id_value
from .links import without_missing_links
from .merge_plan import Key, MergePlan, plan_merge, version_vector
from .revision_values import CASE_KIND, KIND_TYPES, WRITE_ORDER, from_values
from .revisions import current_values, log_differences

if TYPE_CHECKING:
    from .case_store import CaseStore

OURS, THEIRS = "ours", "theirs"
# a conflict's choice: keep this file's version, take the other's, or these values
Choice = Any


@dataclass(frozen=True)
class MergeResult:
    """What a merge wrote; `before` puts it back (undo)."""

    written: dict[Key, dict | None]
    before: dict[Key, dict | None]
    skipped: tuple[Key, ...]  # records that could not come in: what they belong to is gone


def plan_from_file(store: CaseStore, other: str | Path, *, allow_other_case: bool = False
                   ) -> MergePlan:
    """Plan merging the case file (or exchange file) at `other` into `store`."""
    from .case_store import CaseStore

    if Path(other).resolve() == store.path.resolve():
        raise CaseFileError(Path(other), "this is the open case itself; choose another file.")
    # Opened for writing when it can be (it is only read): a copy made outside the app
    # then takes its own replica id, under which this file will remember it.
    with CaseStore.open(other) as theirs:
        return plan_merge(store.db, theirs.db, allow_other_case=allow_other_case)


def resolved_writes(plan: MergePlan, choices: Mapping[Key, Choice]) -> dict[Key, dict | None]:
    """Every record the merge writes, conflicts settled by `choices` (default: ours)."""
    writes = dict(plan.incoming)
    for conflict in plan.conflicts:
        key = (conflict.kind, conflict.record_id)
        choice = choices.get(key, OURS)
        if choice == THEIRS:
            writes[key] = conflict.theirs
        elif isinstance(choice, dict):
            writes[key] = choice
    return writes


def apply_merge(store: CaseStore, plan: MergePlan, choices: Mapping[Key, Choice] | None = None,
                note: str = "") -> MergeResult:
    """Write the merge (one transaction, one "merge" change); returns it for undo."""
    writes = resolved_writes(plan, choices or {})
    with store._write("merge", note) as now:
        _copy_changes(store, plan)
        before, skipped = write_values(store, writes)
        store.db.execute(
            "INSERT INTO peers (replica_id, known, merged_at) VALUES (?, ?, ?) "
            "ON CONFLICT(replica_id) DO UPDATE SET known = excluded.known, "
            "merged_at = excluded.merged_at",
            [plan.other_replica_id, json.dumps(plan.known, sort_keys=True), now])
    return MergeResult(writes, before, skipped)


def undo_merge(store: CaseStore, result: MergeResult) -> None:
    """Put the records a merge wrote back as they were (the other file's changes stay
    known: merging the same file again brings nothing; Redo brings the merge back)."""
    with store._write("undo"):
        write_values(store, result.before)


def _copy_changes(store: CaseStore, plan: MergePlan) -> None:
    db = store.db
    numbers: dict[tuple[str, int], int] = {}
    for replica, seq, what, author, at, note in plan.new_changes:
        cursor = db.execute(
            "INSERT OR IGNORE INTO changes (replica_id, seq, what, author, at, note, applied_at)"
            " VALUES (?, ?, ?, ?, ?, ?, NULL)", [replica, seq, what, author, at, note])
        if cursor.rowcount:
            numbers[(replica, seq)] = int(cursor.lastrowid or 0)
    db.conn.executemany(
        "INSERT INTO revisions (change, record_id, kind, before, after) VALUES (?, ?, ?, ?, ?)",
        [(numbers[(replica, seq)], record_id, kind, before, after)
         for replica, seq, record_id, kind, before, after in plan.new_revisions
         if (replica, seq) in numbers])


def write_values(store: CaseStore, writes: Mapping[Key, dict | None]
                 ) -> tuple[dict[Key, dict | None], tuple[Key, ...]]:
    """Write records as `writes` says (None: delete), logging the differences.

    Returns the values they had before (None: absent) and the records that
    could not be written because the party or issue they belong to is gone.
    """
    from .known_on import PUTS

    db = store.db
    before_now = current_values(db, writes)
    before: dict[Key, dict | None] = {k: before_now.get(k) for k in writes}
    skipped = []
    for kind in WRITE_ORDER:
        put = PUTS[kind]
        for key, values in writes.items():
            if key[0] != kind or values is None:
                continue
            try:
                record = without_missing_links(db, store.path, from_values(kind, values))
            except CaseFileError:
                skipped.append(key)
                continue
            put(db, record, values.get("updated_at") or "", True)
    for kind in reversed(WRITE_ORDER):
        table = KIND_TYPES[kind][2]
        for key, values in writes.items():
            if key[0] == kind and values is None:
                db.execute(f"DELETE FROM {table} WHERE {id_column(table)} = ?",
                           [id_value(table, key[1])])
    case_key = next((k for k in writes if k[0] == CASE_KIND), None)
    if case_key is not None and writes[case_key] is not None:
        info: CaseInfo = from_values(CASE_KIND, writes[case_key] or {})
        db.execute("UPDATE case_info SET title = ?, description = ?, marking = ? WHERE id = 1",
                   [info.title, info.description, info.marking])
    log_differences(store.log, before_now, current_values(db, writes))
    return before, tuple(skipped)


def known_by(store: CaseStore, replica_id: str) -> dict[str, int]:
    """What this file knows the copy `replica_id` held when last merged from it."""
    row = store.db.execute("SELECT known FROM peers WHERE replica_id = ?",
                           [replica_id]).fetchone()
    if row is None:
        raise CaseFileError(store.path, f"this case has never been merged with the copy "
                            f"{replica_id}; send the whole case file instead.")
    return json.loads(row[0])


def our_version_vector(store: CaseStore) -> dict[str, int]:
    return version_vector(store.db)
