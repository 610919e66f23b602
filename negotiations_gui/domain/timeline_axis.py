"""The timeline's horizontal scale and its adaptive date axis.

Days are proleptic ordinals (`datetime.date.toordinal()`); a day occupies the
half-open interval [ordinal, ordinal + 1) on the axis, so a day-precision
event sits over its whole day, never on a false instant.

`TimeScale` maps days to pixels. `axis_ticks` picks the finest unit (years,
quarters, months, weeks or days) whose labels have room at the current zoom,
and returns the ticks plus a coarser "context" row (the year over months,
the month over days) so the axis always reads correctly on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The closest zoom shows about one day across a wide window; the farthest a few centuries.
MAX_PX_PER_DAY = 4000.0
MIN_PX_PER_DAY = 0.005


def day_of(value: dt.date) -> int:
    return value.toordinal()


def date_of(day: float) -> dt.date:
    """The calendar day containing axis position `day` (clamped to 1..9999)."""
    ordinal = min(max(int(day // 1), 1), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)


@dataclass(frozen=True)
class TimeScale:
    """`left` is the axis position (in days) at x = 0; `px_per_day` the zoom."""

    left: float
    px_per_day: float

    def x(self, day: float) -> float:
        return (day - self.left) * self.px_per_day

    def day(self, x: float) -> float:
        return self.left + x / self.px_per_day

    def right(self, width: float) -> float:
        return self.day(width)

    def zoomed(self, factor: float, anchor_x: float) -> TimeScale:
        """Zoom by `factor` (>1 zooms in) keeping the day under `anchor_x` in place."""
        ppd = min(max(self.px_per_day * factor, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        anchor_day = self.day(anchor_x)
        return TimeScale(anchor_day - anchor_x / ppd, ppd)

    def panned(self, dx: float) -> TimeScale:
        """Move the view content by `dx` pixels (positive drags it to the right)."""
        return TimeScale(self.left - dx / self.px_per_day, self.px_per_day)

    @classmethod
    def fit(cls, first_day: float, end_day: float, width: float, margin: float = 24) -> TimeScale:
        """A scale showing [first_day, end_day) across `width` pixels with margins."""
        usable = max(width - 2 * margin, 1.0)
        span = max(end_day - first_day, 1.0)
        ppd = min(max(usable / span, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        middle = (first_day + end_day) / 2
        return cls(middle - (width / 2) / ppd, ppd)


@dataclass(frozen=True)
class Tick:
    day: int
    label: str


@dataclass(frozen=True)
class AxisTicks:
    unit: str  # "decade", "5 years", "2 years", "year", "quarter", "month", "week", "day"
    ticks: tuple[Tick, ...]
    # coarser boundaries labelled for context ("2025" over months, "Aug 2025" over days);
    # the first may start left of the view: its label then sticks to the left edge
    context: tuple[Tick, ...]
    # the unit begun before the left edge, so its label can stick there too
    leading: Tick | None = None


# (unit, typical length in days) from finest to coarsest
_UNITS = (("day", 1.0), ("week", 7.0), ("month", 30.44), ("quarter", 91.3),
          ("year", 365.25), ("2 years", 730.5), ("5 years", 1826.0), ("decade", 3652.0),
          ("25 years", 9131.0), ("century", 36525.0))
_CONTEXT = {"day": "month", "week": "month", "month": "year", "quarter": "year"}


def choose_unit(px_per_day: float, min_spacing: float = 56.0) -> str:
    """The finest unit whose ticks are at least `min_spacing` pixels apart."""
    for unit, days in _UNITS:
        if days * px_per_day >= min_spacing:
            return unit
    return _UNITS[-1][0]


def axis_ticks(scale: TimeScale, width: float, min_spacing: float = 56.0) -> AxisTicks:
    """Ticks for the days visible across `width` pixels at `scale`."""
    unit = choose_unit(scale.px_per_day, min_spacing)
    first = date_of(scale.left)
    last = date_of(scale.right(width))
    label_unit = "weekday" if unit == "day" and scale.px_per_day >= 90 else unit
    ticks = tuple(Tick(day_of(d), _label(label_unit, d)) for d in boundaries(unit, first, last)
                  if day_of(d) >= scale.left)
    begun = _floor(unit, first)
    leading = Tick(day_of(begun), _label(label_unit, begun)) if day_of(begun) < scale.left \
        else None
    context: tuple[Tick, ...] = ()
    if unit in _CONTEXT:
        coarse = _CONTEXT[unit]
        context = tuple(Tick(day_of(d), _label("context " + coarse, d))
                        for d in boundaries(coarse, _floor(coarse, first), last))
    return AxisTicks(unit, ticks, context, leading)


def boundaries(unit: str, first: dt.date, last: dt.date) -> list[dt.date]:
    """Every start of a `unit` from the one at or after `first` up to `last`."""
    found = []
    floor = _floor(unit, first)
    current = floor if floor >= first else _next(unit, floor)
    while current is not None and current <= last:
        found.append(current)
        current = _next(unit, current)
    return found


def _years_step(unit: str) -> int:
    return {"year": 1, "2 years": 2, "5 years": 5, "decade": 10, "25 years": 25,
            "century": 100}[unit]


def _floor(unit: str, d: dt.date) -> dt.date:
    if unit == "day":
        return d
    if unit == "week":
        return d - dt.timedelta(days=d.weekday())  # Monday
    if unit == "month":
        return d.replace(day=1)
    if unit == "quarter":
        return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    step = _years_step(unit)
    return dt.date(max(1, d.year - d.year % step), 1, 1)


def _next(unit: str, d: dt.date) -> dt.date | None:
    try:
        if unit == "day":
            return d + dt.timedelta(days=1)
        if unit == "week":
            return d + dt.timedelta(days=7)
        if unit in ("month", "quarter"):
            months = d.month - 1 + (1 if unit == "month" else 3)
            return dt.date(d.year + months // 12, months % 12 + 1, 1)
        return dt.date(d.year - d.year % _years_step(unit) + _years_step(unit), 1, 1)
    except (OverflowError, ValueError):
        return None  # past year 9999


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _label(unit: str, d: dt.date) -> str:
    if unit == "weekday":
        return f"{_WEEKDAYS[d.weekday()]} {d.day}"
    if unit in ("day", "week"):
        return str(d.day)
    if unit == "month":
        return MONTHS[d.month - 1]
    if unit == "quarter":
        return f"Q{(d.month - 1) // 3 + 1}"
    if unit == "context month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def describe_span(first_day: int, end_day: int) -> str:
    """Human text for the days [first_day, end_day): "12 Aug 2025", "1–15 Aug 2025"..."""
    a, b = date_of(first_day), date_of(end_day - 1)
    if a == b:
        return f"{a.day} {MONTHS[a.month - 1]} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} – {b.day} {MONTHS[b.month - 1]} {a.year}"
    return (f"{a.day} {MONTHS[a.month - 1]} {a.year} – "
            f"{b.day} {MONTHS[b.month - 1]} {b.year}")
