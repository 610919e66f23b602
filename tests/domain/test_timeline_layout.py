"""Clustering and density: what one track draws, counted correctly."""

import datetime as dt
from array import array

from negotiations_gui.domain import Precision
from negotiations_gui.domain.timeline_axis import TimeScale, day_of
from negotiations_gui.domain.timeline_data import (
    ItemType,
    Track,
    certain_part,
    end_precision,
    item_type,
    start_precision,
)
from negotiations_gui.domain.timeline_layout import density, layout_track

D0 = day_of(dt.date(2025, 8, 1))
DAY = 3 << 3 | 3 << 5
MONTH = 2 << 3 | 2 << 5


def track_of(spans, code=DAY):
    track = Track()
    for first, end in sorted(spans):
        track.first.append(first)
        track.end.append(end)
        track.record.append(len(track.record) + 1)
        track.code.append(code)
        track.longest = max(track.longest, end - first)
    return track


def test_separate_items_each_get_a_mark():
    track = track_of([(D0, D0 + 1), (D0 + 10, D0 + 11), (D0 + 20, D0 + 21)])
    layout = layout_track(track, TimeScale(D0 - 1, 20.0), 800, min_px=12)
    assert [m.count for m in layout.marks] == [1, 1, 1]
    assert [m.index for m in layout.marks] == [0, 1, 2]
    # a day item covers its whole day, never a false instant
    assert layout.marks[0].x0 == 20.0 and layout.marks[0].x1 == 40.0


def test_touching_items_merge_into_a_counted_cluster():
    spans = [(D0, D0 + 1)] * 5 + [(D0 + 1, D0 + 2)] * 3 + [(D0 + 30, D0 + 31)]
    layout = layout_track(track_of(spans), TimeScale(D0 - 1, 4.0), 800, min_px=12)
    assert [m.count for m in layout.marks] == [8, 1]
    assert layout.marks[0].members == list(range(8))
    assert (layout.marks[0].first_day, layout.marks[0].end_day) == (D0, D0 + 2)


def test_clusters_split_when_zoomed_in():
    spans = [(D0, D0 + 1), (D0 + 1, D0 + 2), (D0 + 2, D0 + 3)]
    far = layout_track(track_of(spans), TimeScale(D0 - 1, 2.0), 800, glyphs=True)
    near = layout_track(track_of(spans), TimeScale(D0 - 1, 40.0), 800, glyphs=True)
    assert [m.count for m in far.marks] == [3]
    assert [m.count for m in near.marks] == [1, 1, 1]


def test_overlapping_spans_stack_in_rows_before_merging():
    spans = [(D0, D0 + 30), (D0 + 5, D0 + 20), (D0 + 10, D0 + 40)]
    layout = layout_track(track_of(spans), TimeScale(D0 - 1, 10.0), 2000, rows=2)
    # the third finds no free row and joins the row that ends first
    assert [(m.row, m.count) for m in layout.marks] == [(0, 1), (1, 2)]
    assert sum(m.count for m in layout.marks) == 3


def test_items_outside_the_view_are_not_drawn():
    spans = [(D0 - 100, D0 - 99), (D0 + 5, D0 + 6), (D0 + 500, D0 + 501)]
    layout = layout_track(track_of(spans), TimeScale(D0, 10.0), 200)
    assert [m.index for m in layout.marks] == [1]


def test_a_long_span_begun_before_the_view_is_drawn():
    track = track_of([(D0 - 50, D0 + 50), (D0 + 20, D0 + 21)])
    layout = layout_track(track, TimeScale(D0, 10.0), 300, rows=2)
    assert [m.index for m in layout.marks] == [0, 1]


def test_dense_track_becomes_density_bins_that_count_every_item():
    spans = [(D0 + (n % 300), D0 + (n % 300) + 1) for n in range(3000)]
    track = track_of(spans)
    scale = TimeScale.fit(D0, D0 + 300, 600, margin=0)
    layout = layout_track(track, scale, 600, dense_limit=400)
    assert layout.dense and not layout.marks
    assert layout.item_count == 3000
    runs = layout.density.runs()
    assert sum(total for _, _, total in runs) == 3000
    assert all(layout.density.counts[i] for a, b, _ in runs for i in range(a, b))


def test_density_buckets_never_split_a_day():
    spans = [(D0, D0 + 1)] * 50 + [(D0 + 1, D0 + 2)] * 70 + [(D0 + 3, D0 + 4)] * 5
    found = density(track_of(spans), TimeScale(D0 - 0.25, 200.0), 1000, 4)
    assert found.step == 200.0
    assert found.bucket_x(1) == 50.0  # day D0 starts 0.25 day (50 px) into the view
    assert found.counts[:6] == [0, 50, 70, 0, 5, 0]
    assert found.runs() == [(1, 3, 120), (4, 5, 5)]


def test_density_buckets_stay_put_while_panning():
    spans = [(D0 + n, D0 + n + 1) for n in range(0, 300, 3)]
    scale = TimeScale(D0, 0.5)
    a = density(track_of(spans), scale, 150, 4)
    b = density(track_of(spans), scale.panned(-8), 150, 4)  # two buckets to the left
    assert a.counts[2:20] == b.counts[:18]


def test_item_codes_and_the_certain_part_of_partial_dates():
    code = int(ItemType.PERIOD) | 2 << 3 | 3 << 5
    assert item_type(code) is ItemType.PERIOD
    assert start_precision(code) is Precision.MONTH
    assert end_precision(code) is Precision.DAY
    aug, oct10 = D0, day_of(dt.date(2025, 10, 10))
    # from "Aug 2025" to 10 Oct 2025: surely running from 31 Aug to 10 Oct
    assert certain_part(aug, oct10 + 1, code) == (day_of(dt.date(2025, 8, 31)), oct10 + 1)
    # "Aug 2025" alone: no day is certain
    a, b = certain_part(aug, aug + 31, MONTH)
    assert a >= b
    # a year-precision item has no certain day either
    year = 1 << 3 | 1 << 5
    a, b = certain_part(day_of(dt.date(2025, 1, 1)), day_of(dt.date(2026, 1, 1)), year)
    assert a >= b
    assert certain_part(D0, D0 + 1, DAY) == (D0, D0 + 1)


def test_track_visible_range_and_locate():
    track = track_of([(D0, D0 + 1), (D0 + 3, D0 + 4)])
    assert track.visible_range(D0 + 2, D0 + 10) == (1, 2)
    assert track.visible_range(D0 + 0.5, D0 + 10) == (0, 2)  # back by the longest item
    assert track.index_of(2) == 1 and track.index_of(99) == -1
    assert track.bounds() == (D0, D0 + 4)
    assert isinstance(track.first, array)


def test_stack_depth_counts_overlaps_up_to_a_cap():
    from negotiations_gui.domain.timeline_layout import stack_depth

    assert stack_depth(track_of([]), 5) == 0
    assert stack_depth(track_of([(D0, D0 + 31)] * 3 + [(D0 + 40, D0 + 41)]), 5) == 3
    assert stack_depth(track_of([(D0, D0 + 5), (D0 + 5, D0 + 9)]), 5) == 1  # end is exclusive
    assert stack_depth(track_of([(D0, D0 + 31)] * 9), 5) == 5
    assert stack_depth(track_of([(D0 + n, D0 + n + 1) for n in range(50)]), 5, limit=10) == 5


def test_density_counts_spans_in_every_bucket_they_cover_and_runs_count_them_once():
    # three events known only to "August" and one exact day in September
    spans = [(D0, D0 + 31)] * 3 + [(D0 + 40, D0 + 41)]
    scale = TimeScale(D0 + 10, 100.0)  # the view starts on 11 August
    found = density(track_of(spans), scale, 3500, 4)
    assert found.counts[0] == 3  # begun before the view, still counted
    assert found.counts[20] == 3 and found.counts[21] == 0  # 31 Aug, then 1 Sep
    assert found.counts[30] == 1  # 10 Sep
    assert found.runs() == [(0, 21, 3), (30, 31, 1)]
    assert found.total == 4
