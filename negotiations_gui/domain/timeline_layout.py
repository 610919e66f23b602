"""Which marks one track draws in view: single items, counted clusters, density.

Pure arithmetic over a `Track`'s arrays, so it is tested without Qt and costs
the same for a case of a thousand events as for one of a million: only the
items in view are looked at, and when even those are too many, the track is
summarised by pixel buckets found by bisection (no per-item work at all).

- Items whose drawn extents would touch merge into one mark with a count.
- Over `dense_limit` items in view, the track becomes a `Density`: how many
  items start in each few-pixel bucket, drawn as a shaded strip with counted runs.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from heapq import heappop, heappush

from .dates import Precision
from .timeline_axis import TimeScale
from .timeline_data import Track


@dataclass
class Mark:
    """One drawn thing: a single item (`count` 1) or a cluster of `count` items."""

    x0: float
    x1: float
    count: int
    row: int  # sub-row in the track (spans stack in up to `rows` rows)
    members: list[int] = field(default_factory=list)  # item indexes in the track
    first_day: int = 0
    end_day: int = 0

    @property
    def index(self) -> int:
        """The track index of a single item's mark (the first member of a cluster)."""
        return self.members[0]


@dataclass(frozen=True)
class Density:
    """Items counted per bucket of `step` pixels, the first bucket starting at `x0`.

    A bucket counts every item whose days overlap it, so an event known only
    to "July" counts in every bucket of July, as it is drawn when sparse.
    """

    x0: float
    step: float
    counts: list[int]
    # the day at each bucket boundary (one more than there are buckets)
    days: list[float]
    track: Track = field(repr=False, compare=False)

    @property
    def total(self) -> int:
        """Distinct items overlapping the buckets."""
        return self.track.count_overlapping(self.days[0], self.days[-1])

    def bucket_x(self, index: int) -> float:
        return self.x0 + index * self.step

    def count_between(self, start: int, end: int) -> int:
        """Distinct items overlapping buckets [start, end)."""
        return self.track.count_overlapping(self.days[start], self.days[end])

    def runs(self) -> list[tuple[int, int, int]]:
        """(first bucket, end bucket, item count) of each stretch of non-empty buckets."""
        # a byte per bucket, 1 where it counts items: the stretches found by bytes.find
        # at C speed rather than by a Python loop over some three hundred buckets
        filled = bytes(map(bool, self.counts))
        found = []
        start = filled.find(1)
        while start >= 0:
            end = filled.find(0, start)
            if end < 0:
                end = len(filled)
            found.append((start, end, self.count_between(start, end)))
            start = filled.find(1, end)
        return found


@dataclass
class TrackLayout:
    marks: list[Mark] = field(default_factory=list)
    density: Density | None = None

    @property
    def dense(self) -> bool:
        return self.density is not None

    @property
    def item_count(self) -> int:
        return sum(m.count for m in self.marks) + (self.density.total if self.density else 0)


def layout_track(track: Track, scale: TimeScale, width: float, *, min_px: float = 12.0,
                 gap_px: float = 2.0, rows: int = 1, dense_limit: int = 400,
                 bucket_px: float = 4.0, glyphs: bool = False) -> TrackLayout:
    """Marks for the items of `track` visible across `width` pixels at `scale`.

    With `glyphs` (the one-day points track) each item takes `min_px` centred
    on its day however far the view is zoomed in, as it is drawn; otherwise
    an item takes its span, and at least `min_px`.
    """
    left, right = scale.left, scale.right(width)
    lo, hi = track.visible_range(left, right)
    if hi - lo > dense_limit:
        return TrackLayout(density=density(track, scale, width, bucket_px))
    first, end, ppd = track.first, track.end, scale.px_per_day
    row_last: list[Mark | None] = [None] * rows
    marks: list[Mark] = []
    for i in range(lo, hi):
        if end[i] <= left:
            continue  # an earlier item that ended before the view
        x0 = (first[i] - left) * ppd
        x1 = (end[i] - left) * ppd
        if glyphs or x1 - x0 < min_px:
            middle = (x0 + x1) / 2
            x0, x1 = middle - min_px / 2, middle + min_px / 2
        row = -1
        for r in range(rows):
            last = row_last[r]
            if last is None or x0 >= last.x1 + gap_px:
                row = r
                break
        if row < 0:
            # no free row: join the row whose last mark ends first (it overlaps anyway)
            mark = min((m for m in row_last if m is not None), key=lambda m: m.x1)
            mark.x1 = max(mark.x1, x1)
            mark.count += 1
            mark.members.append(i)
            mark.end_day = max(mark.end_day, end[i])
            continue
        mark = Mark(x0, x1, 1, row, [i], first[i], end[i])
        marks.append(mark)
        row_last[row] = mark
    return TrackLayout(marks=marks)


def density(track: Track, scale: TimeScale, width: float, bucket_px: float) -> Density:
    """Items counted by the buckets their days overlap.

    Buckets sit on a fixed pixel grid (multiples of the step from day 0), so
    panning does not reshuffle them; a bucket is never narrower than a day,
    which would split one day's items at random. A bucket's count is the items
    begun before its end less those ended by its start: two list look-ups
    (`Track.day_counts`), so a million-item track costs what a small one does.
    """
    x0, step, days, starts, ends = bucket_days(scale.left, scale.px_per_day, width, bucket_px)
    begun, ended = track.begun_before_days(starts), track.ended_by_days(ends)
    counts = list(map(int.__sub__, begun[1:], ended[:-1]))
    return Density(x0, step, counts, list(days), track)


@lru_cache(maxsize=8)
def bucket_days(left: float, ppd: float, width: float, bucket_px: float
                ) -> tuple[float, float, tuple[float, ...], list[int], list[int]]:
    """The bucket grid at a scale: its first bucket's x, its step, the day at each bucket
    boundary, and those days rounded up and down (as `Track.begun_before_days` and
    `Track.ended_by_days` take them). The same for every track of a frame: made once."""
    step = max(bucket_px, ppd)
    x0 = -((left * ppd) % step)
    count = int((width - x0) // step) + 1
    days = tuple(left + (x0 + k * step) / ppd for k in range(count + 1))
    return x0, step, days, list(map(math.ceil, days)), list(map(math.floor, days))


def stack_depth(track: Track, cap: int, limit: int = 20_000) -> int:
    """How many items of `track` overlap at once at most, up to `cap`.

    Gives a lane the rows its spans need (several events dated only "Aug
    2025" all cover August). Past `limit` items the track is dense anyway
    and is drawn as density, so the count is not worth its cost: `cap`.
    """
    if len(track) > limit:
        return cap
    ends: list[int] = []
    deepest = 0
    for first, end in zip(track.first, track.end):
        while ends and ends[0] <= first:
            heappop(ends)
        heappush(ends, end)
        deepest = max(deepest, len(ends))
        if deepest >= cap:
            return cap
    return deepest


def layout_stances(track: Track, scale: TimeScale, width: float, *, mark_px: float,
                   gap_px: float = 2.0, dense_limit: int = 400,
                   bucket_px: float = 4.0) -> TrackLayout:
    """Marks for a lane's changes of stance (see `TimelineData`): one per change.

    A change sits where the grid first shows it, the first day of its date;
    changes that share a date (a party moving on several issues at once) stand
    side by side within the date's span, month or day, while they fit in it,
    and merge into a counted cluster when they do not, or when they would
    touch their neighbours. Over `dense_limit` in view, the track is a density.
    """
    left, right = scale.left, scale.right(width)
    lo, hi = track.visible_range(left, right)
    if hi - lo > dense_limit:
        return TrackLayout(density=density(track, scale, width, bucket_px))
    first, code, ppd = track.first, track.code, scale.px_per_day
    marks: list[Mark] = []
    i = lo
    while i < hi:
        j = i + 1
        while j < hi and first[j] == first[i]:
            j += 1
        day, end = first[i], stance_span_end(first[i], code[i])
        x0 = (day - left) * ppd
        room = max((end - day) * ppd, mark_px)
        count = j - i
        if count * mark_px + (count - 1) * gap_px <= room:
            for n in range(count):
                mx = x0 + n * (mark_px + gap_px)
                marks.append(Mark(mx, mx + mark_px, 1, 0, [i + n], day, end))
        else:
            marks.append(Mark(x0, x0 + room, count, 0, list(range(i, j)), day, end))
        i = j
    merged: list[Mark] = []
    for mark in marks:
        last = merged[-1] if merged else None
        if last is not None and mark.x0 < last.x1 + gap_px and not (
                last.count == 1 and mark.count == 1 and last.first_day == mark.first_day):
            last.x1 = max(last.x1, mark.x1)
            last.count += mark.count
            last.members.extend(mark.members)
            last.end_day = max(last.end_day, mark.end_day)
        else:
            merged.append(mark)
    return TrackLayout(marks=[m for m in merged if m.x1 >= 0 and m.x0 <= width])


@lru_cache(maxsize=8192)
def stance_span_end(first: int, code: int) -> int:
    """The day after the span a change of stance's date covers (its day, month or year)."""
    precision = (code >> 3) & 3
    if precision == Precision.DAY or precision == 0:
        return first + 1
    start = dt.date.fromordinal(first)
    if precision == Precision.MONTH:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    else:
        following = dt.date(start.year + 1, 1, 1)
    return following.toordinal()
