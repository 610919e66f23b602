"""Partial dates: a day, a month or a year, as reporting gives them.

Reporting rarely dates things to the day ("in August", "earlier this year").
A `PartialDate` keeps exactly the precision the source gave and never invents
the rest. Its ISO form is truncated to that precision ("2025", "2025-08",
"2025-08-12"), so dates sort and compare as text in the database.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from enum import IntEnum

_ISO = re.compile(r"^\s*(~)?\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Precision(IntEnum):
    """How much of a date is known; larger is more precise."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class DateError(ValueError):
    """A text that is not a valid partial date, with the reason in words."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    `approximate` marks a date the source hedges ("around", "late August"):
    it is kept and shown ("c. Aug 2025") but does not change ordering.
    Ordering is the ISO text order, which places a month before every day in
    it ("2025-08" < "2025-08-01"), so a month-precision record counts as on
    or before any day of its month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"Year {self.year} is out of range (1–9999).")
        if self.month is None:
            if self.day is not None:
                raise DateError("A day needs a month.")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"Month {self.month} does not exist.")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{_MONTH_ABBR[self.month - 1]} {self.year} has no day {self.day}."
                )

    # -- construction -------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ISO text truncated to its precision: "2025", "2025-08", "2025-08-12".

        A leading "~" marks the date approximate ("~2025-08").
        Raises `DateError` with a readable reason.
        """
        if not isinstance(text, str):
            raise DateError(f"Expected a date as text, got {type(text).__name__}.")
        match = _ISO.match(text)
        if not match:
            raise DateError(
                f"'{text}' is not a date; write it as 2025, 2025-08 or 2025-08-12."
            )
        approx, year, month, day = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            approximate=bool(approx),
        )

    @classmethod
    def from_date(cls, value: _dt.date, approximate: bool = False) -> PartialDate:
        return cls(value.year, value.month, value.day, approximate)

    @classmethod
    def today(cls) -> PartialDate:
        return cls.from_date(_dt.date.today())

    # -- views ----------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def iso(self) -> str:
        """ISO text truncated to the precision; the form stored and compared."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return ("~" if self.approximate else "") + self.iso

    @property
    def display(self) -> str:
        """Human form: "12 Aug 2025", "Aug 2025", "2025", with "c. " when approximate."""
        month, day = self.month, self.day  # a day always comes with its month
        if month is not None and day is not None:
            text = f"{day} {_MONTH_ABBR[month - 1]} {self.year}"
        elif month is not None:
            text = f"{_MONTH_ABBR[month - 1]} {self.year}"
        else:
            text = str(self.year)
        return ("c. " if self.approximate else "") + text

    def start(self) -> _dt.date:
        """First day of the span this date covers."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> _dt.date:
        """Last day of the span this date covers (inclusive)."""
        month, day = self.month, self.day  # a day always comes with its month
        if month is not None and day is not None:
            return _dt.date(self.year, month, day)
        if month is not None:
            return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        return _dt.date(self.year, 12, 31)

    @property
    def upper_key(self) -> str:
        """ISO text of the span's last day: records dated <= this are "on or before" it."""
        return self.end().isoformat()

    def contains(self, other: PartialDate) -> bool:
        """True when `other`'s whole span lies within this date's span."""
        return self.start() <= other.start() and other.end() <= self.end()

    def with_precision(self, precision: Precision) -> PartialDate:
        """This date truncated (never extended) to `precision`."""
        if precision >= self.precision:
            return self
        if precision is Precision.MONTH:
            return PartialDate(self.year, self.month, None, self.approximate)
        return PartialDate(self.year, None, None, self.approximate)

    # -- ordering: by ISO text, the same order the database uses -------------

    def _key(self) -> tuple[str, bool]:
        return (self.iso, self.approximate)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()


def parse_optional(text: str | None) -> PartialDate | None:
    """`PartialDate.parse` for a value that may be empty."""
    if text is None or not str(text).strip():
        return None
    return PartialDate.parse(text)
