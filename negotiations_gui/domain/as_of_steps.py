"""Stepping the as-of date from one dated change to the next (Ctrl+Left/Right).

A change dated to the month ("Aug 2025") counts as on or before every day of
that month, so it first shows on the grid as of the 1st. Stepping therefore
lands on the first day each change is visible, never on a month or a year:
as of "Aug 2025" would already include every later change dated in August,
and stepping would skip over them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from .dates import PartialDate


def _first_visible_days(change_dates: Iterable[PartialDate]) -> list[_dt.date]:
    return sorted({d.start() for d in change_dates})


def next_change(change_dates: Iterable[PartialDate], as_of: PartialDate) -> PartialDate | None:
    """The first day after `as_of` on which the grid changes, or None at the end."""
    current = as_of.end()
    for day in _first_visible_days(change_dates):
        if day > current:
            return PartialDate.from_date(day)
    return None


def previous_change(change_dates: Iterable[PartialDate],
                    as_of: PartialDate) -> PartialDate | None:
    """The last day before `as_of` (taken to the end of its span) on which the grid changed.

    None when no change comes before.
    """
    current = as_of.end()
    earlier = [day for day in _first_visible_days(change_dates) if day < current]
    return PartialDate.from_date(earlier[-1]) if earlier else None
