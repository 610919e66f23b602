"""Plain-Python model of a negotiation case: no Qt, no SQL."""

from .dates import DateError, PartialDate, Precision, parse_optional
from .entities import (
    Assessment,
    CaseData,
    CaseInfo,
    ChangeSet,
    Event,
    ImportRecord,
    Issue,
    Party,
    Position,
    Proposal,
    Source,
    new_id,
)
from .filters import EventFilter
from .gap import GapReading, derive_gap, effective_gap
from .grid import (
    GridCell,
    GridSnapshot,
    RivalPosition,
    dispute_text,
    ordered_issues,
    ordered_parties,
)
from .vocabulary import (
    CREDIBILITY,
    DEFAULT_ISSUES,
    EVENT_KINDS,
    RELIABILITY,
    Gap,
    PartyRole,
    ProposalStatus,
    Stance,
    grade_label,
    grade_meaning,
)

__all__ = [
    "CREDIBILITY", "DEFAULT_ISSUES", "EVENT_KINDS", "RELIABILITY", "Assessment", "CaseData",
    "CaseInfo", "ChangeSet", "DateError", "Event", "EventFilter", "Gap", "GapReading", "GridCell",
    "GridSnapshot", "ImportRecord", "Issue",
    "PartialDate", "Party", "PartyRole", "Position", "Precision", "Proposal",
    "ProposalStatus", "RivalPosition", "Source", "Stance", "derive_gap", "dispute_text",
    "effective_gap", "grade_label", "grade_meaning", "new_id", "ordered_issues",
    "ordered_parties", "parse_optional",
]
