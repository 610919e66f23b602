"""`GridSnapshot`: every party's position on every issue as of a date.

Built from plain records by the store (`CaseStore.grid_snapshot`) and read by
the on-screen grid, the PDF snapshot and the briefs alike, so that all of them
show the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .dates import PartialDate
from .entities import Assessment, Issue, Party, Position, Source
from .gap import GapReading, effective_gap
from .vocabulary import PartyRole, Stance

_ROLE_ORDER = {
    PartyRole.PRINCIPAL: 0,
    PartyRole.MEDIATOR: 1,
    PartyRole.GUARANTOR: 2,
    PartyRole.OBSERVER: 3,
}


def ordered_parties(parties: Iterable[Party]) -> list[Party]:
    """Principals first, then mediators, guarantors and observers, each in case order."""
    return sorted(parties, key=lambda p: (_ROLE_ORDER[p.role], p.sort_order, p.name.casefold()))


def ordered_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.sort_order, i.name.casefold()))


@dataclass(frozen=True)
class CellKey:
    """Which grid cell: a party's on an issue. The grid's selection, the inspector,
    the cell history and the disputed-cell menu name a cell by this, never by its
    ids joined into text (an id may hold any character)."""

    party_id: str
    issue_id: str

    @classmethod
    def of(cls, position: Position) -> CellKey:
        """The cell a position is recorded in."""
        return cls(position.party_id, position.issue_id)

    @property
    def pair(self) -> tuple[str, str]:
        """(party id, issue id): the key of `GridSnapshot.cells` and `positions_as_of`."""
        return (self.party_id, self.issue_id)


@dataclass(frozen=True)
class RivalPosition:
    """One analyst's position in a disputed cell: who recorded it, and what it says."""

    position: Position
    analyst: str  # the name its first revision was recorded under ("" when not known)
    replica_id: str  # the copy of the file it was recorded in

    @property
    def who(self) -> str:
        return self.analyst or "an unnamed analyst"


def dispute_text(rivals: Iterable[RivalPosition]) -> str:
    """'Disputed: R. Cohen records Rejects (“No deal”); A. Levi records Conditional (…)'."""
    parts = [f"{r.who} records {r.position.stance.label}"
             + (f" (“{r.position.summary}”)" if r.position.summary else "") for r in rivals]
    return "Disputed — analysts disagree: " + "; ".join(parts)


@dataclass(frozen=True)
class GridCell:
    party: Party
    issue: Issue
    position: Position | None
    # the position as of the compare-with date (None when no such date or none then)
    previous: Position | None = None
    changed: bool = False
    sources: tuple[Source, ...] = ()
    # analysts' different positions on the shown position's date (merged files); () if none
    rivals: tuple[RivalPosition, ...] = ()

    @property
    def key(self) -> CellKey:
        return CellKey(self.party.id, self.issue.id)

    @property
    def disputed(self) -> bool:
        return bool(self.rivals)

    @property
    def best_source(self) -> Source | None:
        """The position's best-graded source (A1 best)."""
        return min(self.sources, key=lambda s: s.grade_key, default=None)


@dataclass(frozen=True)
class GridSnapshot:
    as_of: PartialDate
    since: PartialDate | None
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    cells: Mapping[tuple[str, str], GridCell]  # (party id, issue id) -> cell
    gaps: Mapping[str, GapReading]  # issue id -> gap

    def cell(self, party_id: str, issue_id: str) -> GridCell:
        return self.cells[(party_id, issue_id)]

    def cell_at(self, key: CellKey) -> GridCell | None:
        """The cell `key` names, None when the grid has no such party or issue."""
        return self.cells.get(key.pair)

    @property
    def disputed_cells(self) -> list[GridCell]:
        return [c for c in self.cells.values() if c.disputed]

    @property
    def changed_cells(self) -> list[GridCell]:
        return [c for c in self.cells.values() if c.changed]

    @classmethod
    def build(
        cls,
        *,
        as_of: PartialDate,
        parties: Iterable[Party],
        issues: Iterable[Issue],
        current: Mapping[tuple[str, str], Position],
        previous: Mapping[tuple[str, str], Position] | None = None,
        since: PartialDate | None = None,
        assessments: Mapping[str, Assessment] | None = None,
        sources: Mapping[str, Source] | None = None,
        disputes: Mapping[tuple[str, str], tuple[RivalPosition, ...]] | None = None,
    ) -> GridSnapshot:
        """Assemble the grid from positions already resolved as of each date."""
        parties = tuple(ordered_parties(parties))
        issues = tuple(ordered_issues(issues))
        cells = _cells(parties, issues, current, previous, sources or {}, disputes)
        assessments = assessments or {}
        gaps = {}
        principals = [p.id for p in parties if p.role.is_principal]
        now_of = current.get
        for issue in issues:
            stances = tuple(position.stance if (position := now_of((p, issue.id))) else None
                            for p in principals)
            assessment = assessments.get(issue.id)
            if assessment is not None:
                gaps[issue.id] = effective_gap(stances, assessment)
                continue
            reading = _DERIVED.get(stances)  # (a reading is immutable: one per stances)
            if reading is None:
                if len(_DERIVED) >= 4096:
                    _DERIVED.clear()
                reading = _DERIVED[stances] = effective_gap(stances, None)
            gaps[issue.id] = reading
        return cls(as_of, since, parties, issues, cells, gaps)


# the gap reading of each principals' stances seen so far, with no assessment
_DERIVED: dict[tuple[Stance | None, ...], GapReading] = {}


def _cells(parties: tuple[Party, ...], issues: tuple[Issue, ...],
           current: Mapping[tuple[str, str], Position],
           previous: Mapping[tuple[str, str], Position] | None,
           sources: Mapping[str, Source],
           disputes: Mapping[tuple[str, str], tuple[RivalPosition, ...]] | None,
           ) -> dict[tuple[str, str], GridCell]:
    """Every cell, issue by issue, each `GridCell(party, issue, ...)` built as pickle
    restores a frozen dataclass.

    Every field set at once in the instance's dict instead of one
    `object.__setattr__` per field, and the lookups bound once: a new as-of
    date builds 400 of these. tests/domain/test_grid_cells.py fails if GridCell
    gains a field or a __post_init__ this would skip.
    """
    cells: dict[tuple[str, str], GridCell] = {}
    now_of = current.get
    before_of = previous.get if previous is not None else None
    rivals_of = disputes.get if disputes else None
    for issue in issues:
        issue_id = issue.id
        for party in parties:
            key = (party.id, issue_id)
            now = now_of(key)
            if before_of is None:
                before, changed = None, False
            else:
                before = before_of(key)
                changed = _id(now) != _id(before)
            cell = cells[key] = _new_object(GridCell)
            cell.__dict__.update(
                party=party, issue=issue, position=now, previous=before, changed=changed,
                sources=tuple(sources[s] for s in now.source_ids if s in sources)
                if now is not None and now.source_ids else (),  # no generator for none
                rivals=rivals_of(key, ()) if rivals_of is not None else ())
    return cells


_new_object = object.__new__


def _id(position: Position | None) -> str | None:
    return position.id if position else None
