"""What merging another case file would do: read both, decide, write nothing.

The model (docs/merging.md). Every change is known everywhere by the copy it
was made in and its number there (replica id, seq). A record the other file
changed in changes this file has not seen either comes in (this file has not
changed it since: a fast-forward) or is a *conflict* (both changed it since
the last change they share), unless both now say the same. Records are never
compared by absence: a deletion is a change like any other. Two analysts'
positions are separate records, so both are kept (the grid shows the cell as
disputed). A deletion that would leave records needing the deleted one (a
party whose positions the other side still has) is a conflict too.

A file from another case (another case id) has no common history: its
parties and issues are matched to this case's by name, and everything else
comes in as new records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..domain.names import name_key
from ..domain.revisions import Revision, same_values
from .revision_values import KIND_TYPES, WRITE_ORDER
from .revisions import current_values, revision_from_row

Key = tuple[str, str]  # (kind, record id)
# a record's fields that must name an existing record
REQUIRED_LINKS = ("party_id", "issue_id")
_REQUIRED_KIND = {"party_id": "party", "issue_id": "issue"}


@dataclass(frozen=True)
class Conflict:
    """A record both files changed since their last common change."""

    kind: str
    record_id: str
    ours: dict | None  # its values here now (None: deleted here)
    theirs: dict | None  # its values in the other file (None: deleted there)
    our_change: Revision | None  # the latest change to it here: who and when
    their_change: Revision | None
    reason: str = "changed in both files"


@dataclass
class MergePlan:
    """What a merge would bring in; `conflicts` wait for the analyst's choice."""

    same_case: bool
    other_case_id: str
    other_replica_id: str
    # records to write as the other file has them (None: delete here)
    incoming: dict[Key, dict | None] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    # the other file's changes this file has not seen: change rows and their revisions
    new_changes: list[tuple] = field(default_factory=list)
    new_revisions: list[tuple] = field(default_factory=list)
    known: dict[str, int] = field(default_factory=dict)  # the other's version vector
    # another case: their party/issue id -> ours, matched by name
    matched: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.incoming or self.conflicts or self.new_changes)

    def counts(self) -> dict[str, int]:
        """Records coming in by what happens to them: added, changed, deleted."""
        counts = {"added": 0, "changed": 0, "deleted": 0}
        for key, values in self.incoming.items():
            if values is None:
                counts["deleted"] += 1
            elif key in self._present_here:
                counts["changed"] += 1
            else:
                counts["added"] += 1
        return counts

    _present_here: set[Key] = field(default_factory=set)


def _identity(db: Database) -> tuple[str, str]:
    row = db.execute("SELECT case_id, replica_id FROM replica WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else ("", "")


def _change_keys(db: Database) -> set[tuple[str, int]]:
    return {(r[0], r[1]) for r in db.execute("SELECT replica_id, seq FROM changes")}


# the `peers` row in which an exchange file keeps what its sender held (see exchange.py)
EXCHANGE_SENDER = "(the sender of this exchange file)"


def version_vector(db: Database) -> dict[str, int]:
    """The highest change number this file has seen from each copy.

    A file holds every change up to that number from each copy (merges copy
    whole runs), except an exchange file, which holds only the last ones and
    says what its sender held in `peers`."""
    row = db.execute("SELECT known FROM peers WHERE replica_id = ?",
                     [EXCHANGE_SENDER]).fetchone()
    if row is not None:
        return {str(k): int(v) for k, v in json.loads(row[0]).items()}
    return {r[0]: r[1] for r in db.execute(
        "SELECT replica_id, max(seq) FROM changes GROUP BY replica_id")}


def _touched(db: Database, changes: Iterable[tuple[str, int]]) -> dict[Key, Revision]:
    """(kind, id) -> the latest revision of it among `changes`."""
    wanted = set(changes)
    latest: dict[Key, Revision] = {}
    for row in db.execute(
            "SELECT r.record_id, r.kind, r.before, r.after, c.what, c.author, c.at, "
            "c.replica_id, c.seq, c.note FROM revisions r JOIN changes c ON c.n = r.change "
            "ORDER BY c.at, c.n"):
        if (row[7], row[8]) in wanted:
            revision = revision_from_row(row)
            latest[(revision.kind, revision.record_id)] = revision
    return latest


def _needed_by(values_by_key: Mapping[Key, dict | None]) -> dict[Key, set[Key]]:
    """Parties and issues -> the records (in `values_by_key`) that need them."""
    needs: dict[Key, set[Key]] = {}
    for key, values in values_by_key.items():
        for link in REQUIRED_LINKS:
            if values and values.get(link):
                needs.setdefault((_REQUIRED_KIND[link], values[link]), set()).add(key)
    return needs


def plan_merge(ours: Database, theirs: Database, *, allow_other_case: bool = False
               ) -> MergePlan:
    """What merging `theirs` into `ours` would do (see the module docstring)."""
    our_case, _ = _identity(ours)
    their_case, their_replica = _identity(theirs)
    plan = MergePlan(our_case == their_case, their_case, their_replica,
                     known=version_vector(theirs))
    if not plan.same_case and not allow_other_case:
        return plan
    our_keys, their_keys = _change_keys(ours), _change_keys(theirs)
    new_theirs = their_keys - our_keys
    # what this file has that the other has not seen (an exchange file holds only its
    # newest changes, but has seen everything its version vector covers)
    new_ours = {(r, s) for r, s in our_keys - their_keys if s > plan.known.get(r, 0)}
    _copy_changes(theirs, new_theirs, plan)
    if not plan.same_case:
        _plan_other_case(ours, theirs, plan)
        return plan
    their_latest = _touched(theirs, new_theirs)
    our_latest = _touched(ours, new_ours)
    keys = list(their_latest)
    our_now = current_values(ours, keys)
    their_now = current_values(theirs, keys)
    plan._present_here = set(our_now)
    for key in keys:
        mine, other = our_now.get(key), their_now.get(key)
        if same_values(mine, other):
            continue
        if key not in our_latest:
            plan.incoming[key] = other
        else:
            plan.conflicts.append(Conflict(key[0], key[1], mine, other, our_latest[key],
                                           their_latest[key]))
    _deletions_still_needed(ours, theirs, plan)
    return plan


def _deletions_still_needed(ours: Database, theirs: Database, plan: MergePlan) -> None:
    """A party or issue deleted on one side while the other still has records needing it."""
    coming = {k: v for k, v in plan.incoming.items() if v is not None}
    coming.update(((c.kind, c.record_id), c.theirs) for c in plan.conflicts if c.theirs)
    conflicted = {(c.kind, c.record_id) for c in plan.conflicts}
    for key, needers in _needed_by(coming).items():
        if key in plan.incoming or key in conflicted or key[0] not in ("party", "issue"):
            continue
        if current_values(ours, [key]):
            continue  # still here
        theirs_now = current_values(theirs, [key]).get(key)
        plan.conflicts.append(Conflict(
            key[0], key[1], None, theirs_now, None, None,
            f"deleted here, but {len(needers)} record(s) coming in belong to it"))
    deleted = {k for k, v in plan.incoming.items() if v is None}
    for key in [k for k in deleted if k[0] in ("party", "issue")]:
        column = "party_id" if key[0] == "party" else "issue_id"
        tables = [("position", "positions")] + (
            [("assessment", "assessments")] if key[0] == "issue" else [])
        staying = [(kind, r[0]) for kind, table in tables for r in ours.execute(
            f"SELECT id FROM {table} WHERE {column} = ?", [key[1]])
            if (kind, r[0]) not in deleted]
        if staying:
            del plan.incoming[key]
            plan.conflicts.append(Conflict(
                key[0], key[1], current_values(ours, [key]).get(key), None, None, None,
                f"deleted in the other file, but {len(staying)} record(s) here belong to it"))


def _copy_changes(theirs: Database, new: set[tuple[str, int]], plan: MergePlan) -> None:
    rows = theirs.execute("SELECT n, replica_id, seq, what, author, at, note FROM changes "
                          "ORDER BY n").fetchall()
    numbers = {}
    for n, replica, seq, what, author, at, note in rows:
        if (replica, seq) in new:
            numbers[n] = (replica, seq)
            plan.new_changes.append((replica, seq, what, author, at, note))
    if not numbers:
        return
    for change, record_id, kind, before, after in theirs.execute(
            "SELECT change, record_id, kind, before, after FROM revisions"):
        if change in numbers:
            plan.new_revisions.append((*numbers[change], record_id, kind, before, after))


def _plan_other_case(ours: Database, theirs: Database, plan: MergePlan) -> None:
    """Another case: parties and issues by name, everything else as new records."""
    from .records import load_issues, load_parties

    for load in (load_parties, load_issues):
        mine = {name_key(r.name): r.id for r in load(ours)}
        for record in load(theirs):
            if name_key(record.name) in mine:
                plan.matched[record.id] = mine[name_key(record.name)]
    every = [(kind, r[0]) for kind in WRITE_ORDER
             for r in theirs.execute(f"SELECT id FROM {KIND_TYPES[kind][2]}")]
    present = current_values(ours, every)
    for key, values in current_values(theirs, every).items():
        if key[1] in plan.matched or key in present:
            continue
        plan.incoming[key] = _renamed(values, plan.matched)


def _renamed(values: dict, matched: dict[str, str]) -> dict:
    """Values with their party and issue ids replaced by this case's matches."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str) and name != "id":
            out[name] = matched.get(value, value)
        elif isinstance(value, list):
            out[name] = sorted(matched.get(v, v) for v in value)
        elif isinstance(value, dict):
            out[name] = {matched.get(k, k): v for k, v in value.items()}
        else:
            out[name] = value
    return out
