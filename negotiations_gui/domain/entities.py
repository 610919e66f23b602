"""The records of a case, as plain immutable dataclasses.

Every record has a UUID (so two analysts' files can later be merged) and the
times it was created and last updated (set by the store; None until stored).
Edits make a new value with `dataclasses.replace`, which keeps undo simple:
a command holds the old and the new value.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from .dates import PartialDate
from .palette import PARTY_DEFAULT
from .vocabulary import (
    CREDIBILITY,
    RELIABILITY,
    Gap,
    PartyRole,
    ProposalStatus,
    Stance,
    grade_label,
)


def new_id() -> str:
    """A fresh record id (UUID4 text)."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class CaseInfo:
    title: str = "Untitled case"
    description: str = ""
    marking: str = "UNCLASSIFIED"
    created_at: str | None = None


@dataclass(frozen=True)
class Party:
    name: str
    short_name: str = ""
    role: PartyRole = PartyRole.PRINCIPAL
    colour: str = PARTY_DEFAULT
    sort_order: int = 0
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Issue:
    name: str
    description: str = ""
    pax_code: str = ""
    sort_order: int = 0
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class Source:
    title: str
    outlet: str = ""
    date: PartialDate | None = None
    location: str = ""
    reliability: str = "F"
    credibility: int = 6
    notes: str = ""
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None

    def __post_init__(self) -> None:
        if self.reliability not in RELIABILITY:
            raise ValueError(f"Reliability must be one of A–F, not {self.reliability!r}.")
        if self.credibility not in CREDIBILITY:
            raise ValueError(f"Credibility must be 1–6, not {self.credibility!r}.")

    @property
    def grade(self) -> str:
        return grade_label(self.reliability, self.credibility)

    @property
    def grade_key(self) -> tuple[str, int]:
        """Sort key: smaller is better (A1 best, F6 worst)."""
        return (self.reliability, self.credibility)


@dataclass(frozen=True)
class Event:
    date: PartialDate
    title: str
    kind: str = "other"
    end: PartialDate | None = None
    description: str = ""
    party_ids: tuple[str, ...] = ()
    # issues the event bears on, for filtering the timeline by issue
    issue_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.end() < self.date.start():
            raise ValueError("End date is before start date.")

    @property
    def last(self) -> PartialDate:
        """The date the event's span ends on (its end, or its date)."""
        return self.end or self.date


@dataclass(frozen=True)
class Proposal:
    date: PartialDate
    title: str
    status: ProposalStatus = ProposalStatus.DRAFTED
    summary: str = ""
    proposer_ids: tuple[str, ...] = ()
    addressee_ids: tuple[str, ...] = ()
    # issue id -> the proposal's term on that issue
    terms: dict[str, str] = field(default_factory=dict)
    source_ids: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None

    def __hash__(self) -> int:  # dict field: hash by identity of the record
        return hash((self.id, self.updated_at))


@dataclass(frozen=True)
class Position:
    party_id: str
    issue_id: str
    date: PartialDate
    stance: Stance = Stance.UNCLEAR
    summary: str = ""
    detail: str = ""
    source_ids: tuple[str, ...] = ()
    proposal_id: str | None = None
    event_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class Assessment:
    """The analyst's own judgement of the gap on an issue, from a date on.

    When one is recorded on or before the as-of date it wins over the gap
    derived from stances, and is shown as the analyst's.
    """

    issue_id: str
    date: PartialDate
    gap: Gap
    note: str = ""
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class ChangeSet:
    """What moved between two dates (after `since`, up to and including `until`)."""

    since: PartialDate
    until: PartialDate
    # (position before or None, position after), one per party × issue that changed
    positions: tuple[tuple[Position | None, Position], ...] = ()
    proposals: tuple[Proposal, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.positions or self.proposals or self.events)


@dataclass(frozen=True)
class ImportRecord:
    """One CSV file imported into the case, kept so a second import of it is noticed."""

    id: str
    file_name: str
    file_sha256: str
    mapping_json: str = "{}"
    imported_at: str = ""
    row_count: int = 0
    record_count: int = 0


@dataclass(frozen=True)
class CaseData:
    """A whole case, or a set of records taken out of one (to put back on undo)."""

    info: CaseInfo | None = None
    parties: tuple[Party, ...] = ()
    issues: tuple[Issue, ...] = ()
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    imports: tuple[ImportRecord, ...] = ()

    @property
    def record_count(self) -> int:
        return (len(self.parties) + len(self.issues) + len(self.sources) + len(self.events)
                + len(self.proposals) + len(self.positions) + len(self.assessments))
