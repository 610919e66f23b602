"""A track's items counted by day (`Track.day_counts`): the same counts as a brute force.

A density frame looks its bucket counts up in per-day lists instead of bisecting
the track; these tests count the same things item by item, on drawn tracks,
fractional bucket edges, days outside the track, and after edits.
"""

from bisect import bisect_left, bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiations_gui.domain import timeline_data
from negotiations_gui.domain.timeline_axis import TimeScale
from negotiations_gui.domain.timeline_data import Track
from negotiations_gui.domain.timeline_layout import density

D0 = 739_000

spans = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 90)), max_size=60).map(
    lambda found: sorted((D0 + start, D0 + start + length) for start, length in found))
# many items over few days: counted by bisection rather than by tally
crowded = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), min_size=200,
                   max_size=300).map(
    lambda found: sorted((D0 + start, D0 + start + length) for start, length in found))
days = st.lists(st.floats(D0 - 50, D0 + 550, allow_nan=False), max_size=40).map(sorted)


def track_of(items: list[tuple[int, int]]) -> Track:
    track = Track()
    for n, (first, end) in enumerate(items):
        track.first.append(first)
        track.end.append(end)
        track.record.append(n + 1)
        track.code.append(0)
        track.longest = max(track.longest, end - first)
    return track


def brute_begun(items, day):
    return sum(1 for first, _ in items if first < day)


def brute_ended(items, day):
    return sum(1 for _, end in items if end <= day)


def brute_overlapping(items, first_day, end_day):
    return sum(1 for first, end in items if first < end_day and end > first_day)


@settings(max_examples=80, deadline=None)
@given(spans | crowded, days)
def test_begun_and_ended_by_any_day_match_a_count_item_by_item(items, wanted):
    track = track_of(items)
    assert track.begun_before(wanted) == [brute_begun(items, d) for d in wanted]
    assert track.ended_by(wanted) == [brute_ended(items, d) for d in wanted]
    # the bisections the counts stand in for, on the same arrays
    assert track.begun_before(wanted) == [bisect_left(track.first, d) for d in wanted]
    assert track.ended_by(wanted) == [bisect_right(track.sorted_ends(), d) for d in wanted]


@settings(max_examples=150, deadline=None)
@given(spans, st.floats(D0 - 50, D0 + 500, allow_nan=False), st.floats(0.3, 400.0))
def test_count_overlapping_matches_a_count_item_by_item(items, first_day, length):
    track = track_of(items)
    assert track.count_overlapping(first_day, first_day + length) == brute_overlapping(
        items, first_day, first_day + length)


@settings(max_examples=60, deadline=None)
@given(spans | crowded, st.floats(D0 - 60, D0 + 450, allow_nan=False), st.floats(0.05, 50.0),
       st.integers(100, 1500))
def test_every_density_bucket_counts_the_items_overlapping_it(items, left, ppd, width):
    found = density(track_of(items), TimeScale(left, ppd), width, 4)
    assert found.counts == [brute_overlapping(items, found.days[k], found.days[k + 1])
                            for k in range(len(found.counts))]
    runs = found.runs()
    for start, end, total in runs:
        assert total == brute_overlapping(items, found.days[start], found.days[end])
    assert [(start, end) for start, end, _ in runs] == stretches(found.counts)


def stretches(counts):
    """[start, end) of each stretch of non-zero counts, bucket by bucket."""
    found, start = [], None
    for index, count in enumerate(counts + [0]):
        if count and start is None:
            start = index
        elif not count and start is not None:
            found.append((start, index))
            start = None
    return found


@settings(max_examples=50, deadline=None)
@given(spans | crowded)
def test_tallied_and_bisected_day_counts_agree(items):
    track = track_of(items)
    if not items:
        return
    counts = track.day_counts()
    assert counts is not None
    days = range(counts.base, counts.base + len(counts.begun))
    tallied = timeline_data._tallied(track.first, track.sorted_ends(), days)
    assert tallied == timeline_data._bisected(track.first, track.sorted_ends(), days)
    assert (counts.begun, counts.ended) == tallied


def test_a_track_over_too_many_days_is_counted_by_bisection_alike(monkeypatch):
    monkeypatch.setattr(timeline_data, "DAY_COUNTS_LIMIT", 30)
    items = [(D0, D0 + 1), (D0 + 10, D0 + 60), (D0 + 100, D0 + 101)]
    track = track_of(items)
    assert track.day_counts() is None
    wanted = [D0 - 1.5, D0 + 0.5, D0 + 30, D0 + 100.25, D0 + 200]
    assert track.begun_before(wanted) == [brute_begun(items, d) for d in wanted]
    assert track.ended_by(wanted) == [brute_ended(items, d) for d in wanted]


def test_an_empty_track_counts_nothing():
    track = Track()
    assert track.day_counts() is None
    assert track.begun_before([D0, D0 + 1.5]) == [0, 0]
    assert track.ended_by([D0]) == [0]
    assert track.count_overlapping(D0, D0 + 10) == 0


@pytest.mark.parametrize("edit", ["insert", "remove"])
def test_counts_follow_an_edit_of_the_track(edit):
    items = [(D0, D0 + 1), (D0 + 5, D0 + 40), (D0 + 9, D0 + 10)]
    track = track_of(items)
    assert track.count_overlapping(D0, D0 + 100) == 3  # counted once, then kept
    if edit == "insert":
        track.insert(D0 + 200, D0 + 230, 99, 0)  # past the counted days
        items = items + [(D0 + 200, D0 + 230)]
    else:
        assert track.remove_records({2})
        items = [items[0], items[2]]
    wanted = [D0 - 3, D0 + 0.5, D0 + 9.75, D0 + 39, D0 + 210, D0 + 400]
    assert track.begun_before(wanted) == [brute_begun(items, d) for d in wanted]
    assert track.ended_by(wanted) == [brute_ended(items, d) for d in wanted]
