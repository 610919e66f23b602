"""Disputed cells: two analysts' different positions for one party, issue and date.

Positions are history, so a merge keeps both analysts' positions for a cell
(store/merge_plan.py). When the position a cell shows has, on its own date,
a position of another stance recorded by another analyst (another name, or
another copy of the file), the analysts disagree: the grid marks the cell
disputed until one is chosen (`settle`), which deletes the others as one
change.

Who recorded a position is the change of its first revision (the name and
the copy it was made in; a merge brings revisions in with their changes).
Cost: nothing for a file only one analyst ever wrote (one look at `peers` and
the change authors, kept while the file is unchanged); otherwise one index
seek per cell shown, on (party, issue, date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sqlite_utils import Database

from ..domain import CaseData, Position, RivalPosition
from . import records
from .revision_keys import CODES

if TYPE_CHECKING:
    from .case_store import CaseStore

Key = tuple[str, str]  # (party id, issue id)
_CHUNK = 200
_POSITION = CODES["position"]  # the kind's code in the revision log (revision_keys.py)


def may_dispute(db: Database) -> bool:
    """Whether more than one analyst or copy ever wrote this file (a merge, two names)."""
    row = db.execute("SELECT EXISTS (SELECT 1 FROM peers) OR "
                     "(SELECT count(DISTINCT author) FROM changes) > 1").fetchone()
    return bool(row and row[0])


def _shown_values(shown: list[Position]) -> tuple[str, list[str]]:
    values = ", ".join("(?, ?, ?)" for _ in shown)
    return (f"WITH shown(party_id, issue_id, date) AS (VALUES {values}) ",
            [v for p in shown for v in (p.party_id, p.issue_id, p.date.iso)])


_SAME_DAY = ("FROM shown s JOIN positions t ON t.party_id = s.party_id "
             "AND t.issue_id = s.issue_id AND t.date = s.date")


def _same_day(db: Database, shown: list[Position]) -> dict[Key, list[Position]]:
    """Every position on the date of each shown one whose date holds more than one
    stance, for its party and issue. First which shown dates hold more than one
    position, answered from the index alone (positions_as_of covers party, issue
    and date); whole positions only for those few cells."""
    crowded: list[Position] = []
    for start in range(0, len(shown), _CHUNK):
        chunk = shown[start:start + _CHUNK]
        head, params = _shown_values(chunk)
        keys = {(r[0], r[1]) for r in db.execute(
            head + f"SELECT s.party_id, s.issue_id {_SAME_DAY} GROUP BY s.party_id, "
            "s.issue_id HAVING count(*) > 1", params)}
        crowded += [p for p in chunk if (p.party_id, p.issue_id) in keys]
    found: dict[Key, list[Position]] = {}
    for start in range(0, len(crowded), _CHUNK):
        head, params = _shown_values(crowded[start:start + _CHUNK])
        for row in db.execute(head + f"SELECT {records.POSITION_COLUMNS} {_SAME_DAY}", params):
            position = records.position_from_row(row)
            found.setdefault((position.party_id, position.issue_id), []).append(position)
    return {key: same for key, same in found.items() if len({p.stance for p in same}) > 1}


def recorders(db: Database, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Position id -> (analyst name, replica id) of the change that first recorded it."""
    ids = list(dict.fromkeys(ids))
    who: dict[str, tuple[str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        inside, vals = records.in_clause("x.id", ids[start:start + _CHUNK])
        for record_id, author, replica in db.execute(
                "SELECT x.id, c.author, c.replica_id FROM revision_records x "
                "JOIN revision_log l ON l.kind = x.kind AND l.record = x.record "
                f"JOIN changes c ON c.n = l.change WHERE x.kind = {_POSITION} AND {inside} "
                "ORDER BY c.at DESC, c.n DESC", vals):
            who[record_id] = (author, replica)  # the earliest is read last
    return who


def disputes(db: Database, current: Mapping[Key, Position], possible: bool | None = None
             ) -> dict[Key, tuple[RivalPosition, ...]]:
    """Cells (of `current`, the positions shown) that analysts dispute, with each rival.

    `possible`: `may_dispute(db)` when the caller knows it already."""
    if possible is None:
        possible = may_dispute(db)
    if not current or not possible:
        return {}
    crowded = _same_day(db, list(current.values()))
    if not crowded:
        return {}
    who = recorders(db, (p.id for found in crowded.values() for p in found))
    answer: dict[Key, tuple[RivalPosition, ...]] = {}
    for key, found in crowded.items():
        rivals = [RivalPosition(p, *who.get(p.id, ("", ""))) for p in found]
        if any(a.position.stance != b.position.stance
               and (a.analyst, a.replica_id) != (b.analyst, b.replica_id)
               for a in rivals for b in rivals):
            answer[key] = tuple(sorted(rivals, key=lambda r: (r.who.casefold(),
                                                               r.position.created_at)))
    return answer


def settle(store: CaseStore, kept: RivalPosition, others: Iterable[RivalPosition]
           ) -> list[CaseData]:
    """Keep one analyst's position: the others go, in one change; returns what went (for
    undo, `unsettle`)."""
    with store._write("delete", f"kept {kept.who}'s position"):
        return [store.delete_position(rival.position.id) for rival in others]


def unsettle(store: CaseStore, removed: Iterable[CaseData]) -> None:
    """Put back the positions `settle` removed, in one change."""
    with store._write("edit"):
        for data in removed:
            store.restore(data)
