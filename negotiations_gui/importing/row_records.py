"""What one CSV row adds, as plain tuples: the form the insert streams to the store.

A million rows become a million events and more positions; as dataclasses
held until the insert they took gigabytes and most of the import's time. The
reader gives each row's records as tuples (`EventRow`, `PositionRow`), the
store writes them in batches as they come, and nothing is kept. The preview,
the tests and the undo of small imports still see `Event` and `Position`
objects (`as_event`, `as_position`), made from the same tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Event, PartialDate, Position, Stance
from .problems import RowProblem

# (id, date, end, kind, title, description, party ids, issue ids, tags, source ids)
EventRow = tuple[str, PartialDate, PartialDate | None, str, str, str,
                 tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
# (id, party id, issue id, date, stance, summary, detail, source ids, event id)
PositionRow = tuple[str, str, str, PartialDate, Stance, str, str, tuple[str, ...], str | None]
# one row's records: its event (if the import makes events) and its positions
RowRecords = tuple[EventRow | None, tuple[PositionRow, ...]]

# the link tables each record kind fills, counted by the check (store/csv_import.py
# sets indexes aside by how many rows each table gains)
COUNTED = ("events", "event_parties", "event_issues", "event_tags", "event_sources",
           "positions", "position_sources")


def as_event(row: EventRow) -> Event:
    event_id, date, end, kind, title, description, parties, issues, tags, sources = row
    return Event(id=event_id, date=date, end=end, title=title, kind=kind,
                 description=description, party_ids=parties, tags=tags, source_ids=sources,
                 issue_ids=issues)


def as_position(row: PositionRow) -> Position:
    position_id, party, issue, date, stance, summary, detail, sources, event_id = row
    return Position(id=position_id, party_id=party, issue_id=issue, date=date, stance=stance,
                    summary=summary, detail=detail, source_ids=sources, event_id=event_id)


@dataclass(frozen=True)
class RowOutcome:
    """What one row becomes (for the preview), or why it cannot."""

    row: int
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    skipped: bool = False
