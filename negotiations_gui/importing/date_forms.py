"""Dates as spreadsheets and data sets write them, read into `PartialDate`s.

Every form keeps the precision it was written with ("August 2025" is a month,
"2025" a year) and nothing is guessed silently: a text that could mean two
dates ("12/08/2025" with no day order chosen, "Aug-25") is refused with the
reason, so the user can choose. Forms read:

- ISO: 2025-08-12, 2025-08, 2025 (a time after the day is dropped), 2025/08/12
- numbers: 12/08/2025, 08/12/2025, 12.08.25 (the day order is the caller's
  choice when both readings are possible), 08/2025
- month names: 6-Jun-25, 6 June 2025, Aug 12, 2025, Tuesday 12 August 2025,
  August 2025, with "c.", "~", "around", "early/mid/late" marking approximate
- ranges: Feb 20-27, 2025; 20-27 Feb 2025; Jan-Feb 2025; Dec 28, 2024 - Jan 3,
  2025; 2024-2025; 2025-02-20/2025-02-27; "... to ..."

Two-digit years are read in a hundred-year window starting at
`DateOptions.two_digit_year_start` (1950: 25 is 2025, 60 is 1960); the dialog
shows that window as a setting.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import Enum

from ..domain import DateError, PartialDate


class DayOrder(str, Enum):
    """Which number comes first in a numeric date such as 12/08/2025."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"

    @property
    def label(self) -> str:
        if self is DayOrder.DAY_FIRST:
            return "Day/Month/Year (12/08/2025 is 12 Aug 2025)"
        return "Month/Day/Year (08/12/2025 is 12 Aug 2025)"


class DateFormError(ValueError):
    """A text that is not a date in any known form; `str()` says why, for the user."""


class AmbiguousDayOrder(DateFormError):
    """A numeric date that reads two ways; the user must choose the day order."""


@dataclass(frozen=True)
class DateOptions:
    day_order: DayOrder | None = None
    two_digit_year_start: int = 1950


@dataclass(frozen=True)
class DateSpan:
    """A date, or a period from `start` to `end` (inclusive), as read from one cell."""

    start: PartialDate
    end: PartialDate | None = None


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): n for n, name in enumerate(calendar.day_abbr)})
_WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})

_HEDGE = re.compile(
    r"^(?:~|c\.|ca\.|circa\b|around\b|about\b|approx\.?|approximately\b|"
    r"early\b|mid-?|late\b)\s*", re.IGNORECASE)
_TIME = re.compile(
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[ap]\.?m\.?))?"
    r"(?:\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?)$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_MONTH_YEAR_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?|[,\-/\s]+", re.IGNORECASE)
# range separators, strongest first; a bare hyphen is tried last
_RANGE_SEPARATORS = (
    re.compile(r"\s+(?:to|until|till|through|thru)\s+", re.IGNORECASE),
    re.compile(r"\s*[–—]\s*"),
    re.compile(r"\s+-\s+"),
    re.compile(r"/"),
    re.compile(r"-"),
)


def parse_date_text(text: str, options: DateOptions = DateOptions()) -> DateSpan:
    """Read one cell: a date or a period. Raises `DateFormError` with a reason."""
    if not isinstance(text, str):
        raise DateFormError(f"expected text, got {type(text).__name__}")
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        raise DateFormError("the date is empty")
    approximate, body = _strip_hedge(cleaned)
    if not body:
        raise DateFormError(f"'{cleaned}' has no date in it")
    single_error: DateFormError | None = None
    try:
        return DateSpan(_single(body, options, approximate))
    except AmbiguousDayOrder:
        raise
    except DateFormError as exc:
        single_error = exc
    spans, range_errors = _ranges(body, options, approximate)
    distinct = {(s.start, s.end) for s in spans}
    if len(distinct) == 1:
        return spans[0]
    if len(distinct) > 1:
        readings = " or ".join(_shown(s) for s in spans[:2])
        raise DateFormError(f"'{cleaned}' reads as {readings}; write it unambiguously")
    for error in range_errors:
        if isinstance(error, AmbiguousDayOrder):
            raise error
    meaningful = [e for e in range_errors if isinstance(e, _RangeMismatch)]
    raise meaningful[0] if meaningful else single_error


def _shown(span: DateSpan) -> str:
    return (span.start.display if span.end is None
            else f"{span.start.display} – {span.end.display}")


def _strip_hedge(text: str) -> tuple[bool, str]:
    match = _HEDGE.match(text)
    if not match:
        return False, text
    return True, text[match.end():].strip()


def _single(text: str, options: DateOptions, approximate: bool) -> PartialDate:
    fragment = _fragment(text, options)
    return fragment.complete(text, approximate)


@dataclass(frozen=True)
class _Fragment:
    """Part of a date, as one side of a range may give it ("Feb 20", "27, 2025")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def filled_from(self, other: _Fragment) -> _Fragment:
        """Take the year (and the month, when this has a day) from the other side."""
        year = self.year if self.year is not None else other.year
        month = self.month
        if month is None and self.day is not None:
            month = other.month
        return _Fragment(year, month, self.day, self.weekday)

    def complete(self, text: str, approximate: bool) -> PartialDate:
        if self.year is None:
            raise DateFormError(f"'{text}' has no year")
        if self.day is not None and self.month is None:
            raise DateFormError(f"'{text}' has a day but no month")
        try:
            date = PartialDate(self.year, self.month, self.day, approximate)
        except DateError as exc:
            raise DateFormError(f"'{text}': {exc}") from None
        if self.weekday is not None:
            if date.day is None:
                raise DateFormError(f"'{text}' names a weekday but no day")
            if date.start().weekday() != self.weekday:
                raise DateFormError(
                    f"'{text}': {date.display} is a {calendar.day_name[date.start().weekday()]}")
        return date


def _fragment(text: str, options: DateOptions) -> _Fragment:
    text = _TIME.sub("", text).strip()
    if not text:
        raise DateFormError("no date before the time of day")
    if _SERIAL.match(text):
        raise DateFormError(
            f"'{text}' looks like a spreadsheet day number; format the column as dates "
            "in the spreadsheet and save the CSV again")
    match = _ISO.match(text)
    if match:
        year, _, month, day = match.groups()
        return _Fragment(int(year), _int(month), _int(day))
    match = _NUMERIC.match(text)
    if match:
        return _numeric(text, int(match[1]), int(match[3]), match[4], options)
    match = _MONTH_YEAR_NUMERIC.match(text)
    if match:
        return _Fragment(int(match[2]), int(match[1]))
    return _named(text, options)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _numeric(text: str, first: int, second: int, year_text: str,
             options: DateOptions) -> _Fragment:
    year = _year(year_text, options)
    could_be_day_first = second <= 12 and first <= 31
    could_be_month_first = first <= 12 and second <= 31
    if not (could_be_day_first or could_be_month_first):
        raise DateFormError(f"'{text}' has no month between 1 and 12")
    order = options.day_order
    if order is None:
        if could_be_day_first and could_be_month_first and first != second:
            raise AmbiguousDayOrder(
                f"'{text}' could be {_show(first, second, year)} or "
                f"{_show(second, first, year)}; choose the day order")
        order = DayOrder.DAY_FIRST if could_be_day_first else DayOrder.MONTH_FIRST
    elif order is DayOrder.DAY_FIRST and not could_be_day_first:
        raise DateFormError(f"'{text}' is not day/month/year (there is no month {second})")
    elif order is DayOrder.MONTH_FIRST and not could_be_month_first:
        raise DateFormError(f"'{text}' is not month/day/year (there is no month {first})")
    if order is DayOrder.DAY_FIRST:
        return _Fragment(year, second, first)
    return _Fragment(year, first, second)


def _show(day: int, month: int, year: int) -> str:
    try:
        return PartialDate(year, month, day).display
    except DateError:
        return f"day {day} of month {month}"


def _year(text: str, options: DateOptions) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    if len(text) != 2:
        raise DateFormError(f"'{text}' is not a year")
    start = options.two_digit_year_start
    year = start - start % 100 + value
    return year if year >= start else year + 100


def _named(text: str, options: DateOptions) -> _Fragment:
    """Dates written with a month name ("6-Jun-25", "Aug 12, 2025", "2025 Aug 12"),
    and the month-less pieces one side of a range may be ("27", "27, 2025")."""
    tokens, position = [], 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            break
        position = match.end()
        token = match.group().strip(" ,-/")
        if token:
            tokens.append(token.lower().rstrip("."))
    if position != len(text) or not tokens:
        raise DateFormError(f"'{text}' is not a date in a known form")
    weekday = _WEEKDAYS.get(tokens[0])
    if weekday is not None:
        tokens.pop(0)
    kinds = ""
    for token in tokens:
        if token in _MONTHS:
            kinds += "M"
        elif token[:1].isdigit():
            kinds += "N"
        else:
            raise DateFormError(f"'{text}': '{token}' is not a month or a number")
    digits = [re.sub(r"\D", "", t) for t, k in zip(tokens, kinds) if k == "N"]
    month = _MONTHS[tokens[kinds.index("M")]] if "M" in kinds else None
    if kinds == "M":
        return _Fragment(None, month, weekday=weekday)
    if kinds in ("MN", "NM") and len(digits[0]) == 4:
        return _Fragment(int(digits[0]), month, weekday=weekday)
    if kinds == "MN" and "-" in text and tokens[1].isdigit():
        assert month is not None  # kinds has an "M"
        raise DateFormError(
            f"'{text}' could be day {int(digits[0])} of {calendar.month_abbr[month]} with no "
            "year, or a year written in two digits; write the year in four digits")
    if kinds in ("MN", "NM"):
        return _Fragment(None, month, _day(digits[0], text), weekday)
    if kinds == "NMN" and len(digits[0]) == 4:
        return _Fragment(int(digits[0]), month, _day(digits[1], text), weekday)
    if kinds in ("NMN", "MNN"):
        return _Fragment(_year(digits[1], options), month, _day(digits[0], text), weekday)
    if kinds == "N" and len(digits[0]) <= 2:
        return _Fragment(None, None, _day(digits[0], text), weekday)
    if kinds == "NN" and len(digits[0]) <= 2 and len(digits[1]) == 4:
        return _Fragment(int(digits[1]), None, _day(digits[0], text), weekday)
    raise DateFormError(f"'{text}' is not a date in a known form")


def _day(text: str, whole: str) -> int:
    if len(text) > 2:
        raise DateFormError(f"'{whole}': {text} is not a day of the month")
    return int(text)


class _RangeMismatch(DateFormError):
    """Both sides read as dates, but not as one period."""


def _ranges(text: str, options: DateOptions,
            approximate: bool) -> tuple[list[DateSpan], list[DateFormError]]:
    """Every way `text` reads as a period "start <separator> end"."""
    spans: list[DateSpan] = []
    errors: list[DateFormError] = []
    for separator in _RANGE_SEPARATORS:
        for match in separator.finditer(text):
            left, right = text[:match.start()].strip(), text[match.end():].strip()
            if not left or not right:
                continue
            if match.group() == "/" and not (_ISO.match(left) and _ISO.match(right)):
                continue  # a slash joins two ISO dates only (ISO 8601 intervals)
            try:
                spans.append(_span(left, right, options, approximate))
            except DateFormError as exc:
                errors.append(exc)
        if spans:
            break
    return spans, errors


def _span(left_text: str, right_text: str, options: DateOptions,
          approximate: bool) -> DateSpan:
    left = _fragment(left_text, options)
    right = _fragment(right_text, options)
    # A side may borrow its month only from a side that has a day: "Feb 20-27".
    if left.month is None and left.day is not None and right.day is None:
        raise DateFormError(f"'{left_text}' has a day but no month")
    if right.month is None and right.day is not None and left.day is None:
        raise DateFormError(f"'{right_text}' has a day but no month")
    start = left.filled_from(right).complete(left_text, approximate)
    end = right.filled_from(left).complete(right_text, approximate)
    if end.end() < start.start():
        raise _RangeMismatch(
            f"'{left_text} – {right_text}' ends ({end.display}) before it starts "
            f"({start.display}); write the year on both sides")
    return DateSpan(start, None if end == start else end)


def suggest_day_order(values) -> tuple[DayOrder | None, str]:
    """The day order a column's numeric dates allow, and a sentence saying why.

    Only a value that cannot be read the other way counts as evidence
    ("25/08/2025" is day-first); the caller shows the suggestion, never applies
    it without the user's say.
    """
    day_first = month_first = 0
    example = {DayOrder.DAY_FIRST: "", DayOrder.MONTH_FIRST: ""}
    for value in values:
        match = _NUMERIC.match(" ".join(str(value).split()))
        if not match:
            continue
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second:
            day_first += 1
            example[DayOrder.DAY_FIRST] = example[DayOrder.DAY_FIRST] or match[0]
        elif second > 12 >= first:
            month_first += 1
            example[DayOrder.MONTH_FIRST] = example[DayOrder.MONTH_FIRST] or match[0]
    if day_first and not month_first:
        return DayOrder.DAY_FIRST, (
            f"{day_first} value(s) can only be day/month/year, e.g. "
            f"'{example[DayOrder.DAY_FIRST]}'")
    if month_first and not day_first:
        return DayOrder.MONTH_FIRST, (
            f"{month_first} value(s) can only be month/day/year, e.g. "
            f"'{example[DayOrder.MONTH_FIRST]}'")
    if day_first and month_first:
        return None, (f"the column mixes both orders ('{example[DayOrder.DAY_FIRST]}', "
                      f"'{example[DayOrder.MONTH_FIRST]}')")
    return None, ""
