"""What the timeline draws, held as compact arrays so a million events fit.

Each lane (a party, or "no party") holds two tracks: `points` (items of one
exact day) and `spans` (periods, and items whose date is only known to the
month or year: their span shows the uncertainty). A track keeps parallel
arrays sorted by first day, so the items in view are found by bisection and
nothing is built per event up front:

- `first`: first possible day (ordinal), `end`: last possible day + 1;
- `record`: the record's row number, positive for events, negative for proposals;
- `code`: item type in bits 0–2 (see `ItemType`), start precision in bits 3–4
  and end precision in bits 5–6 (`Precision` values: 1 year, 2 month, 3 day).

A party's lane also holds `stances`: each recorded change of that party's
stance on an issue, numbered `POSITION_BASE` + the position's row number, its
code the stance's place in `STANCE_ORDER` (bits 0–2) and the date's precision
(bits 3–4).
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache, partial
from itertools import accumulate, repeat

from .dates import Precision
from .vocabulary import Stance

# position records are numbered from here, above any event's row number (and
# within the 32 bits the canvas's click signals carry)
POSITION_BASE = 1 << 30
# the stances in the order of their codes in a `stances` track
STANCE_ORDER = tuple(stance.value for stance in Stance)


def is_position(record: int) -> bool:
    return record >= POSITION_BASE


def stance_of(code: int) -> str:
    """The stance value ("accepts", ...) of a `stances` track code."""
    return STANCE_ORDER[code & 7]


class ItemType(IntEnum):
    EVENT = 0
    PERIOD = 1
    AGREEMENT = 2
    PROPOSED = 3  # a proposal, in the lane of a party that made it
    ADDRESSED = 4  # a proposal, in the lane of a party it was put to


# codes to members by lookup: calling an enum costs a microsecond, and a frame
# of a small case decodes some eight hundred codes
_ITEM_TYPES = {t.value: t for t in ItemType}
_PRECISIONS = {p.value: p for p in Precision}


def item_type(code: int) -> ItemType:
    return _ITEM_TYPES[code & 7]


def start_precision(code: int) -> Precision:
    return _PRECISIONS[(code >> 3) & 3 or 3]


def end_precision(code: int) -> Precision:
    return _PRECISIONS[(code >> 5) & 3 or 3]


@lru_cache(maxsize=65536)  # the same items are drawn again at every zoom and pan step
def certain_part(first: int, end: int, code: int) -> tuple[int, int]:
    """Days [a, b) over which the item surely happened; empty (a >= b) when unknown.

    A period from "Aug 2025" to 10 Oct 2025 surely ran from 31 Aug to 10 Oct;
    an event dated "Aug 2025" has no day it surely happened on.
    """
    start_day = dt.date.fromordinal(first)
    if start_precision(code) is Precision.DAY:
        a = first
    elif start_precision(code) is Precision.MONTH:
        a = first + _month_length(start_day) - 1
    else:
        a = dt.date(start_day.year, 12, 31).toordinal()
    last_day = dt.date.fromordinal(end - 1)
    if end_precision(code) is Precision.DAY:
        b = end
    elif end_precision(code) is Precision.MONTH:
        b = last_day.replace(day=1).toordinal() + 1
    else:
        b = dt.date(last_day.year, 1, 1).toordinal() + 1
    return a, b


def _month_length(day: dt.date) -> int:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - day.replace(day=1)).days


@dataclass
class Track:
    first: array = field(default_factory=lambda: array("i"))
    end: array = field(default_factory=lambda: array("i"))
    record: array = field(default_factory=lambda: array("q"))
    code: array = field(default_factory=lambda: array("B"))
    # the longest item, so that bisection also finds items begun before the view
    longest: int = 1
    _sorted_ends: array | None = field(default=None, repr=False, compare=False)
    _day_counts: DayCounts | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.first)

    def sorted_ends(self) -> array:
        """The `end` values in order (built once): counts what has ended by a day."""
        if self._sorted_ends is None or len(self._sorted_ends) != len(self.end):
            if self.longest <= 1:
                self._sorted_ends = self.end  # one-day items end in the order they start
            else:
                self._sorted_ends = array("i", sorted(self.end))
        return self._sorted_ends

    def day_counts(self) -> DayCounts | None:
        """How many items have begun and ended by each day (built once), or None
        when there are no items or their days span too long a stretch to list."""
        counts = self._day_counts
        if counts is None or counts.size != len(self.first):
            counts = self._day_counts = DayCounts.of(self.first, self.sorted_ends())
        return counts if counts.begun else None

    def begun_before(self, days: Sequence[float]) -> list[int]:
        """For each of the ascending `days`, how many items begin before it
        (`bisect_left(first, day)`, a list index per day once counted by day)."""
        return self.begun_before_days(list(map(math.ceil, days)))  # first < ceil(day)

    def ended_by(self, days: Sequence[float]) -> list[int]:
        """For each of the ascending `days`, how many items end by it (end <= day)."""
        return self.ended_by_days(list(map(math.floor, days)))  # end <= floor(day)

    def begun_before_days(self, whole_days: list[int]) -> list[int]:
        """`begun_before` of ascending whole days (the days rounded up)."""
        counts = self.day_counts()
        if counts is None:
            return list(map(partial(bisect_left, self.first), whole_days))
        return counts.look_up(counts.begun, whole_days)

    def ended_by_days(self, whole_days: list[int]) -> list[int]:
        """`ended_by` of ascending whole days (the days rounded down)."""
        counts = self.day_counts()
        if counts is None:
            return list(map(partial(bisect_right, self.sorted_ends()), whole_days))
        return counts.look_up(counts.ended, whole_days)

    def count_overlapping(self, first_day: float, end_day: float) -> int:
        """Items whose days overlap [first_day, end_day)."""
        return self.begun_before((end_day,))[0] - self.ended_by((first_day,))[0]

    def visible_range(self, first_day: float, end_day: float) -> tuple[int, int]:
        """Index range of items that may overlap [first_day, end_day)."""
        lo = bisect_left(self.first, first_day - self.longest)
        hi = bisect_left(self.first, end_day, lo)
        return lo, hi

    def index_of(self, record: int) -> int:
        """Index of `record` in this track, or -1."""
        try:
            return self.record.index(record)
        except ValueError:
            return -1

    def bounds(self) -> tuple[int, int] | None:
        if not self.first:
            return None
        # one-day items end in the order they start: no need to look through them all
        return self.first[0], self.end[-1] if self.longest <= 1 else max(self.end)

    def remove_records(self, records: set[int]) -> bool:
        """Drop every item of `records` (a proposal may sit twice in one lane); True if any."""
        # searched record by record: `array.index` scans at C speed, a Python loop would not
        doomed = sorted(i for r in records for i in self._indexes_of(r))
        for index in reversed(doomed):
            length = self.end[index] - self.first[index]
            for column in (self.first, self.end, self.record, self.code):
                del column[index]
            if length >= self.longest > 1:
                self.longest = max(max(map(int.__sub__, self.end, self.first), default=1), 1)
        if doomed:
            self._sorted_ends = self._day_counts = None
        return bool(doomed)

    def _indexes_of(self, record: int) -> list[int]:
        found: list[int] = []
        start = 0
        while True:
            try:
                start = self.record.index(record, start)
            except ValueError:
                return found
            found.append(start)
            start += 1

    def insert(self, first: int, end: int, record: int, code: int) -> None:
        """Add one item at its sorted place (after the items that start the same day)."""
        index = bisect_right(self.first, first)
        self.first.insert(index, first)
        self.end.insert(index, end)
        self.record.insert(index, record)
        self.code.insert(index, code)
        self.longest = max(self.longest, end - first)
        self._sorted_ends = self._day_counts = None


# a track whose items spread over more days than this (some 270 years) is counted
# by bisection instead: its per-day lists would take more memory and time than they save
DAY_COUNTS_LIMIT = 100_000


@dataclass(frozen=True)
class DayCounts:
    """A track's items counted by day, so that a density frame looks its counts up
    (one list index per bucket) instead of bisecting the track twice a bucket.

    `begun[k]` is how many items begin before day `base + k`, `ended[k]` how
    many end by it (end <= base + k); before `base` none has begun or ended,
    from `base + len - 1` on all have. Empty lists: too long a stretch to list.
    """

    base: int
    begun: list[int]
    ended: list[int]
    size: int  # the track's length when counted: a longer track counts again

    @classmethod
    def of(cls, first: array, sorted_ends: array) -> DayCounts:
        if not first:
            return cls(0, [], [], 0)
        base = min(first[0], sorted_ends[0]) - 1
        top = max(first[-1] + 1, sorted_ends[-1])
        if top - base > DAY_COUNTS_LIMIT:
            return cls(0, [], [], len(first))
        days = range(base, top + 1)
        if len(days) * 4 > len(first):  # few items over many days: tally the items
            return cls(base, *_tallied(first, sorted_ends, days), len(first))
        # many items over few days: a bisection a day (some 2 ms for 125,000 over 3 years)
        return cls(base, *_bisected(first, sorted_ends, days), len(first))

    def look_up(self, values: list[int], days: list[int]) -> list[int]:
        """`values` at each of the ascending whole `days`, held at the ends outside them."""
        last = len(values) - 1
        lo = bisect_left(days, self.base)
        hi = bisect_right(days, self.base + last, lo)
        inside = map(values.__getitem__, map((-self.base).__add__, days[lo:hi]))
        return [values[0]] * lo + list(inside) + [values[last]] * (len(days) - hi)


def _tallied(first: array, sorted_ends: array, days: range) -> tuple[list[int], list[int]]:
    """`DayCounts` lists by counting the items of each day, then summing day by day."""
    begun_on, ended_on = Counter(first), Counter(sorted_ends)
    begun = [0, *accumulate(map(begun_on.get, days[:-1], repeat(0)))]
    return begun, list(accumulate(map(ended_on.get, days, repeat(0))))


def _bisected(first: array, sorted_ends: array, days: range) -> tuple[list[int], list[int]]:
    """`DayCounts` lists by two bisections a day."""
    return (list(map(partial(bisect_left, first), days)),
            list(map(partial(bisect_right, sorted_ends), days)))


@dataclass(frozen=True)
class Lane:
    key: str  # party id, or "" for events with no party
    label: str
    colour: str
    group: str  # "Principals", "Mediators", ..., "No party"
    name: str = ""  # the party's full name, for the header's tooltip


@dataclass
class LaneItems:
    lane: Lane
    points: Track = field(default_factory=Track)
    spans: Track = field(default_factory=Track)
    stances: Track = field(default_factory=Track)  # changes of stance (party lanes only)

    @property
    def tracks(self) -> tuple[Track, Track, Track]:
        return (self.points, self.spans, self.stances)

    def __len__(self) -> int:
        """Events and proposals drawn in the lane (changes of stance are counted apart)."""
        return len(self.points) + len(self.spans)


@dataclass
class TimelineData:
    lanes: list[LaneItems] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        """Drawn items (an event with two parties counts once in each lane)."""
        return sum(len(lane) for lane in self.lanes)

    @property
    def stance_change_count(self) -> int:
        return sum(len(lane.stances) for lane in self.lanes)

    def bounds(self) -> tuple[int, int] | None:
        """[first day, end day) covering every item, or None when there are none."""
        found = [b for lane in self.lanes for t in lane.tracks if (b := t.bounds())]
        if not found:
            return None
        return min(b[0] for b in found), max(b[1] for b in found)

    def locate(self, record: int) -> list[tuple[int, int, int]]:
        """Every (lane index, track index, item index) where `record` is drawn."""
        found = []
        for lane_index, lane in enumerate(self.lanes):
            for track_index, track in enumerate(lane.tracks):
                index = track.index_of(record)
                if index >= 0:
                    found.append((lane_index, track_index, index))
        return found
