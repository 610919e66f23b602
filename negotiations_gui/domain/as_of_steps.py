"""Stepping the as-of date from one dated change to the next (Ctrl+Left/Right).

A change dated to the month ("Aug 2025") counts as on or before every day of
that month, so it first shows on the grid as of the 1st. Stepping therefore
lands on the first day each change is visible, never on a month or a year:
as of "Aug 2025" would already include every later change dated in August,
and stepping would skip over them.
"""

from __future__ import annotations

import calendar
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


def before_latest_change(change_dates: Iterable[PartialDate],
                         as_of: PartialDate) -> PartialDate | None:
    """The day before the latest change visible as of `as_of`, or None with none.

    Compared with that day, the grid as of `as_of` marks exactly what its
    latest change did: the "previous change" a briefing compares with.
    """
    current = as_of.end()
    visible = [day for day in _first_visible_days(change_dates) if day <= current]
    if not visible:
        return None
    return PartialDate.from_date(visible[-1] - _dt.timedelta(days=1))


def weeks_earlier(date: PartialDate, weeks: int = 1) -> PartialDate:
    """The day `weeks` weeks before `date` (taken at the end of its span)."""
    return PartialDate.from_date(date.end() - _dt.timedelta(weeks=weeks))


def month_earlier(date: PartialDate) -> PartialDate:
    """The same day a month before `date` (the month's last day when it is shorter):
    31 Oct is 30 Sep; a month or a year date steps from the end of its span."""
    day = date.end()
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    last = calendar.monthrange(year, month)[1]
    return PartialDate(year, month, min(day.day, last))
