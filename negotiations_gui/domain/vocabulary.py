"""The fixed vocabularies of a case: stances, party roles, proposal statuses,
event kinds and the Admiralty grading of sources.

Each term has a stored value (lower case, stable across versions), a label for
people, and for stances a symbol and colour chosen so that a grid reads in
grayscale and for colour-blind readers: the symbol carries the meaning, the
colour only reinforces it, and the colours differ in lightness as well as hue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Stance(str, Enum):
    """Where a party stands on an issue at a date."""

    DEMANDS = "demands"
    OFFERS = "offers"
    ACCEPTS = "accepts"
    CONDITIONAL = "conditional"
    REJECTS = "rejects"
    RED_LINE = "red line"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return _STANCE_STYLE[self].label

    @property
    def symbol(self) -> str:
        return _STANCE_STYLE[self].symbol

    @property
    def meaning(self) -> str:
        return _STANCE_STYLE[self].meaning


@dataclass(frozen=True)
class _StanceStyle:
    label: str
    symbol: str
    meaning: str


# The colours of each stance are in palette.py (light and dark).
_STANCE_STYLE = {
    Stance.ACCEPTS: _StanceStyle("Accepts", "✔", "agrees to it as it stands"),
    Stance.OFFERS: _StanceStyle("Offers", "➜", "puts it forward or concedes it"),
    Stance.CONDITIONAL: _StanceStyle("Conditional", "≈",
                                     "would agree if conditions are met"),
    Stance.DEMANDS: _StanceStyle("Demands", "!", "insists on it from the other side"),
    Stance.REJECTS: _StanceStyle("Rejects", "✘", "turns it down"),
    Stance.RED_LINE: _StanceStyle("Red line", "⛔", "will not move on it"),
    Stance.UNCLEAR: _StanceStyle("Unclear", "?",
                                 "reported, but the position is not clear"),
}


class PartyRole(str, Enum):
    PRINCIPAL = "principal"
    MEDIATOR = "mediator"
    GUARANTOR = "guarantor"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_principal(self) -> bool:
        return self is PartyRole.PRINCIPAL


class ProposalStatus(str, Enum):
    DRAFTED = "drafted"
    PRESENTED = "presented"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    COUNTERED = "countered"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Kinds offered in forms; a case may use others (imported data brings its own).
EVENT_KINDS = (
    "meeting",
    "negotiation round",
    "statement",
    "proposal drafted",
    "proposal presented",
    "decision",
    "military action",
    "agreement",
    "visit",
    "other",
)


class Gap(str, Enum):
    """How far apart the principals are on an issue."""

    CONVERGED = "converged"
    NARROWING = "narrowing"
    WIDE = "wide"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()


RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}


def grade_label(reliability: str, credibility: int) -> str:
    """"B2" form of an Admiralty grade."""
    return f"{reliability}{credibility}"


def grade_meaning(reliability: str, credibility: int) -> str:
    """"B2 — Usually reliable, probably true"."""
    return (
        f"{reliability}{credibility} — {RELIABILITY[reliability]}, "
        f"{CREDIBILITY[credibility][0].lower()}{CREDIBILITY[credibility][1:]}"
    )


# The issues a new case starts with: (name, PA-X code where one exists, description).
DEFAULT_ISSUES = (
    ("Hostages", "", "Release of the hostages held, living and dead."),
    ("Prisoners", "TjPrire", "Release of prisoners and detainees."),
    ("Withdrawal", "SsrFf", "Withdrawal or redeployment of armed forces."),
    ("Disarmament", "DdrDemil/SsrPsf", "Disarmament, demobilisation of armed groups."),
    ("Ceasefire", "Ce", "Cessation of hostilities, temporary or permanent."),
    ("Governance", "Governance", "Who governs the territory afterwards, and how."),
)
