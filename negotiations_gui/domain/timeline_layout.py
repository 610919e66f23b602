"""Which marks one track draws in view: single items, counted clusters, density.

Pure arithmetic over a `Track`'s arrays, so it is tested without Qt and costs
the same for a case of a thousand events as for one of a million: only the
items in view are looked at, and when even those are too many, the track is
summarised by pixel buckets found by bisection (no per-item work at all).

- Items whose drawn extents would touch merge into one mark with a count.
- Over `dense_limit` items in view, the track becomes `DensityBin`s: how many
  items start in each few-pixel bucket, drawn as bars with counted runs.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

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
class DensityBin:
    x0: float
    x1: float
    count: int
    first_day: float
    end_day: float


@dataclass
class TrackLayout:
    marks: list[Mark] = field(default_factory=list)
    bins: list[DensityBin] = field(default_factory=list)

    @property
    def dense(self) -> bool:
        return bool(self.bins)

    @property
    def item_count(self) -> int:
        return sum(m.count for m in self.marks) + sum(b.count for b in self.bins)


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
        return TrackLayout(bins=density(track, scale, width, bucket_px))
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
        row = next((r for r, last in enumerate(row_last)
                    if last is None or x0 >= last.x1 + gap_px), None)
        if row is None:
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


def density(track: Track, scale: TimeScale, width: float, bucket_px: float) -> list[DensityBin]:
    """Items counted by the bucket their first day falls in; empty buckets are left out.

    A bucket narrower than a day would split one day's items at random, so
    buckets are never narrower than a day.
    """
    step = max(bucket_px, scale.px_per_day)
    bins = []
    x = -((scale.left * scale.px_per_day) % step) if step == scale.px_per_day else 0.0
    first = track.first
    day = scale.day(x)
    index = bisect_left(first, day)
    while x < width:
        next_x = x + step
        next_day = scale.day(next_x)
        next_index = bisect_left(first, next_day, index)
        if next_index > index:
            bins.append(DensityBin(x, next_x, next_index - index, day, next_day))
        x, day, index = next_x, next_day, next_index
    return bins


def runs(bins: list[DensityBin], gap_px: float = 0.5) -> list[list[DensityBin]]:
    """Adjacent bins grouped into runs: each run is labelled with its total count."""
    grouped: list[list[DensityBin]] = []
    for b in bins:
        if grouped and b.x0 - grouped[-1][-1].x1 <= gap_px:
            grouped[-1].append(b)
        else:
            grouped.append([b])
    return grouped
