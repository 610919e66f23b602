"""The gap rule: how far apart the principals are on one issue.

Only principals count (mediators and guarantors broker a deal; they are not
the ones who must agree to it). Given each principal's current stance:

1. **Unknown** when fewer than two principals have a recorded position, or
   any principal's position is missing or "unclear": a gap cannot be judged
   without both sides.
2. **Converged** when every principal accepts.
3. **Wide** when any principal rejects or holds a red line, or when nobody
   has moved from demanding (no principal offers, accepts or is conditional).
4. **Narrowing** otherwise: nobody refuses outright and at least one side is
   offering, accepting or accepting on conditions.

An analyst's recorded assessment wins over this rule (see `effective_gap`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .entities import Assessment
from .vocabulary import Gap, Stance

_REFUSING = {Stance.REJECTS, Stance.RED_LINE}
_MOVING = {Stance.OFFERS, Stance.ACCEPTS, Stance.CONDITIONAL}


def derive_gap(principal_stances: Iterable[Stance | None]) -> Gap:
    """Apply the gap rule to the stances of every principal (None = no position)."""
    stances = list(principal_stances)
    if len(stances) < 2 or any(s is None or s is Stance.UNCLEAR for s in stances):
        return Gap.UNKNOWN
    if all(s is Stance.ACCEPTS for s in stances):
        return Gap.CONVERGED
    if any(s in _REFUSING for s in stances) or not any(s in _MOVING for s in stances):
        return Gap.WIDE
    return Gap.NARROWING


@dataclass(frozen=True)
class GapReading:
    """The gap shown for an issue, and whose judgement it is."""

    gap: Gap
    derived: Gap
    assessment: Assessment | None = None

    @property
    def by_analyst(self) -> bool:
        return self.assessment is not None


def effective_gap(principal_stances: Iterable[Stance | None],
                  assessment: Assessment | None) -> GapReading:
    """The derived gap, overridden by the analyst's assessment when there is one."""
    derived = derive_gap(principal_stances)
    if assessment is not None:
        return GapReading(assessment.gap, derived, assessment)
    return GapReading(derived, derived)
