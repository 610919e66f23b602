"""Dates as a list shows them, for the list filter (`record_lists.py`).

A date column is found as displayed ("12 Aug 2025", "c. Aug 2025"). Formatting
every row's date in SQL took 2.7 s at a million events; the dates a case can
hold are few (a year spans 380 forms), so the ones whose display contains the
needle are worked out here and looked up by value, and SQL formats the dates
only of a case spanning more than `YEARS_LISTED` years.
"""

from __future__ import annotations

import datetime as _dt
import functools
import string

from ..domain import PartialDate

_MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"
YEARS_LISTED = 60  # beyond this span of years, dates are formatted in SQL instead
_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def ascii_fold(text: str) -> str:
    return text.translate(_ASCII_FOLD)


def date_text(column: str, approx: str) -> str:
    """SQL for `PartialDate.display` of an ISO date column ('' when NULL)."""
    month = f"substr('{_MONTHS}', substr({column}, 6, 2) * 3 - 2, 3)"
    year = f"cast(substr({column}, 1, 4) AS INTEGER)"
    return (f"(CASE WHEN {column} IS NULL THEN '' ELSE "
            f"(CASE WHEN {approx} THEN 'c. ' ELSE '' END) || CASE length({column}) "
            f"WHEN 10 THEN cast(substr({column}, 9, 2) AS INTEGER) || ' ' || {month} "
            f"|| ' ' || {year} WHEN 7 THEN {month} || ' ' || {year} ELSE {year} END END)")


@functools.lru_cache(maxsize=8)
def dates_shown(first: int, last: int) -> tuple[tuple[str, str], ...]:
    """(ISO text, display folded) of every partial date in the years first..last."""
    day = _dt.timedelta(days=1)
    dates: list[PartialDate] = []
    for year in range(first, last + 1):
        dates.append(PartialDate(year))
        dates.extend(PartialDate(year, month) for month in range(1, 13))
        date = _dt.date(year, 1, 1)
        while date.year == year:
            dates.append(PartialDate.from_date(date))
            date += day
    return tuple((d.iso, ascii_fold(d.display)) for d in dates)
