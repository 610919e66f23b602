"""The kinds of record `CaseStore` creates, reads, updates and deletes, as a table.

Each `RecordKind` names its table and the functions (from `records`) that
write and read it, and says what deleting one record takes with it: the rows
that cascade away or lose a link, returned to the caller so an undo can put
them back. `CaseStore` runs every kind through one generic implementation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlite_utils import Database

from ..domain import Assessment, CaseData, Event, Issue, Party, Position, Proposal, Source
from . import records
from .event_keys import ids_in

R = TypeVar("R", Party, Issue, Source, Event, Proposal, Position, Assessment)


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """How one kind of record is stored."""

    table: str
    put: Callable[[Database, R, str], None]  # (db, record, timestamp)
    load: Callable[[Database, str, Sequence[Any]], list[R]]  # (db, "WHERE …", params)
    # (db, the record about to be deleted) -> it and every record the deletion changes
    removal: Callable[[Database, R], CaseData]


def _ids(db: Database, sql: str, record_id: str) -> list[str]:
    return [r[0] for r in db.execute(sql, [record_id])]


def _load_in(db: Database, load: Callable[[Database, str, Sequence[Any]], list[R]],
             ids: list[str]) -> tuple[R, ...]:
    if not ids:
        return ()
    table = "events" if load is records.load_events else ""
    inside, vals = ids_in(table, ids, "t.")
    return tuple(load(db, f"WHERE {inside}", vals))


def _party_removal(db: Database, party: Party) -> CaseData:
    """A party goes with its positions; events and proposals lose it as a participant."""
    return CaseData(
        parties=(party,),
        positions=tuple(records.load_positions(db, "WHERE t.party_id = ?", [party.id])),
        events=_load_in(db, records.load_events, _ids(
            db, "SELECT event_id FROM event_parties WHERE party_id = ?", party.id)),
        proposals=_load_in(db, records.load_proposals, _ids(
            db, "SELECT proposal_id FROM proposal_parties WHERE party_id = ?", party.id)),
    )


def _issue_removal(db: Database, issue: Issue) -> CaseData:
    """An issue goes with its positions and assessments; events and terms lose it."""
    return CaseData(
        issues=(issue,),
        positions=tuple(records.load_positions(db, "WHERE t.issue_id = ?", [issue.id])),
        assessments=tuple(records.load_assessments(db, "WHERE t.issue_id = ?", [issue.id])),
        events=_load_in(db, records.load_events, _ids(
            db, "SELECT event_id FROM event_issues WHERE issue_id = ?", issue.id)),
        proposals=_load_in(db, records.load_proposals, _ids(
            db, "SELECT proposal_id FROM proposal_terms WHERE issue_id = ?", issue.id)),
    )


def _source_removal(db: Database, source: Source) -> CaseData:
    """Records citing a source lose the citation."""
    return CaseData(
        sources=(source,),
        events=_load_in(db, records.load_events, _ids(
            db, "SELECT event_id FROM event_sources WHERE source_id = ?", source.id)),
        proposals=_load_in(db, records.load_proposals, _ids(
            db, "SELECT proposal_id FROM proposal_sources WHERE source_id = ?", source.id)),
        positions=_load_in(db, records.load_positions, _ids(
            db, "SELECT position_id FROM position_sources WHERE source_id = ?", source.id)),
    )


def _event_removal(db: Database, event: Event) -> CaseData:
    """Positions answering an event lose the link."""
    return CaseData(
        events=(event,),
        positions=tuple(records.load_positions(db, "WHERE t.event_id = ?", [event.id])),
    )


def _proposal_removal(db: Database, proposal: Proposal) -> CaseData:
    """Positions answering a proposal lose the link."""
    return CaseData(
        proposals=(proposal,),
        positions=tuple(records.load_positions(db, "WHERE t.proposal_id = ?", [proposal.id])),
    )


def _position_removal(db: Database, position: Position) -> CaseData:
    return CaseData(positions=(position,))


def _assessment_removal(db: Database, assessment: Assessment) -> CaseData:
    return CaseData(assessments=(assessment,))


PARTIES = RecordKind("parties", records.put_party, records.load_parties, _party_removal)
ISSUES = RecordKind("issues", records.put_issue, records.load_issues, _issue_removal)
SOURCES = RecordKind("sources", records.put_source, records.load_sources, _source_removal)
EVENTS = RecordKind("events", records.put_event, records.load_events, _event_removal)
PROPOSALS = RecordKind("proposals", records.put_proposal, records.load_proposals, _proposal_removal)
POSITIONS = RecordKind("positions", records.put_position, records.load_positions, _position_removal)
ASSESSMENTS = RecordKind("assessments", records.put_assessment, records.load_assessments,
                         _assessment_removal)
