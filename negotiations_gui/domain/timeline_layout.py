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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from heapq import heappop, heappush

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
        found = []
        start = None
        for index, count in enumerate(self.counts):
            if count and start is None:
                start = index
            elif not count and start is not None:
                found.append((start, index, self.count_between(start, index)))
                start = None
        if start is not None:
            found.append((start, len(self.counts), self.count_between(start, len(self.counts))))
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
            row = min(range(rows), key=lambda r: row_last[r].x1)
            mark = row_last[row]
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
    which would split one day's items at random. Two bisections per bucket:
    items begun before its end, less those ended by its start.
    """
    ppd = scale.px_per_day
    step = max(bucket_px, ppd)
    x0 = -((scale.left * ppd) % step)
    count = int((width - x0) // step) + 1
    left, first, ends = scale.left, track.first, track.sorted_ends()
    days = [left + (x0 + k * step) / ppd for k in range(count + 1)]
    begun = [bisect_left(first, day) for day in days]
    ended = [bisect_right(ends, day) for day in days]
    counts = list(map(int.__sub__, begun[1:], ended[:-1]))
    return Density(x0, step, counts, days, track)


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
