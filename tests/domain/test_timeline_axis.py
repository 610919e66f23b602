"""The adaptive date axis: the unit fits the zoom and every tick sits on its boundary."""

import datetime as dt
from itertools import pairwise

import pytest

from negotiations_gui.domain.timeline_axis import (
    MAX_PX_PER_DAY,
    TimeScale,
    axis_ticks,
    choose_unit,
    date_of,
    day_of,
    describe_span,
)

AUG_2025 = day_of(dt.date(2025, 8, 1))


@pytest.mark.parametrize(("px_per_day", "unit"), [
    (100.0, "day"), (10.0, "week"), (2.0, "month"), (0.7, "quarter"), (0.2, "year"),
    (0.1, "2 years"), (0.05, "5 years"), (0.02, "decade"), (0.01, "25 years"),
])
def test_unit_follows_zoom(px_per_day, unit):
    assert choose_unit(px_per_day) == unit


def _ticks(px_per_day, days_visible):
    scale = TimeScale(AUG_2025, px_per_day)
    return axis_ticks(scale, days_visible * px_per_day)


def test_day_ticks_are_every_day_under_month_context():
    axis = _ticks(60.0, 10)
    assert axis.unit == "day"
    days = [date_of(t.day) for t in axis.ticks]
    assert all((b - a).days == 1 for a, b in pairwise(days))
    assert [t.label for t in axis.ticks][:3] == ["1", "2", "3"]
    assert axis.context[0].label == "Aug 2025"


def test_week_ticks_fall_on_mondays():
    axis = _ticks(10.0, 60)
    assert axis.unit == "week"
    assert axis.ticks and all(date_of(t.day).weekday() == 0 for t in axis.ticks)


def test_month_ticks_fall_on_first_days_with_year_context():
    axis = _ticks(2.0, 400)
    assert axis.unit == "month"
    assert all(date_of(t.day).day == 1 for t in axis.ticks)
    assert axis.ticks[0].label == "Aug"
    assert [t.label for t in axis.context] == ["2025", "2026"]


def test_quarter_ticks_fall_on_quarter_starts():
    axis = _ticks(0.7, 800)
    assert axis.unit == "quarter"
    assert {date_of(t.day).month for t in axis.ticks} <= {1, 4, 7, 10}
    assert all(date_of(t.day).day == 1 for t in axis.ticks)
    assert axis.ticks[0].label == "Q4"  # 1 Oct 2025, the first quarter start in view


def test_year_and_multi_year_ticks():
    axis = _ticks(0.2, 3000)
    assert axis.unit == "year"
    assert [t.label for t in axis.ticks][:2] == ["2026", "2027"]
    axis = _ticks(0.05, 40000)
    assert axis.unit == "5 years"
    assert all(date_of(t.day).year % 5 == 0 for t in axis.ticks)


def test_tick_count_stays_bounded_at_every_zoom():
    ppd = 0.006
    while ppd < MAX_PX_PER_DAY:
        scale = TimeScale(AUG_2025, ppd)
        axis = axis_ticks(scale, 1200)
        assert 0 < len(axis.ticks) <= 1200 / 56 + 2
        ppd *= 1.7


def test_zoom_keeps_the_anchor_day_in_place():
    scale = TimeScale(AUG_2025, 3.0)
    anchor_day = scale.day(300)
    zoomed = scale.zoomed(2.5, 300)
    assert zoomed.px_per_day == pytest.approx(7.5)
    assert zoomed.day(300) == pytest.approx(anchor_day)
    assert scale.zoomed(1e9, 0).px_per_day == MAX_PX_PER_DAY


def test_pan_moves_content_by_pixels():
    scale = TimeScale(AUG_2025, 4.0)
    assert scale.panned(40).x(AUG_2025) == pytest.approx(40)


def test_fit_shows_the_whole_span_within_margins():
    scale = TimeScale.fit(AUG_2025, AUG_2025 + 100, 1000, margin=50)
    assert scale.x(AUG_2025) == pytest.approx(50)
    assert scale.x(AUG_2025 + 100) == pytest.approx(950)


def test_describe_span():
    assert describe_span(AUG_2025, AUG_2025 + 1) == "1 Aug 2025"
    assert describe_span(AUG_2025, AUG_2025 + 15) == "1–15 Aug 2025"
    assert describe_span(AUG_2025, AUG_2025 + 62) == "1 Aug – 1 Oct 2025"


def test_wide_days_name_the_weekday_and_the_unit_begun_off_screen_is_kept():
    scale = TimeScale(AUG_2025 + 0.5, 400.0)  # from noon on Friday 1 Aug 2025
    axis = axis_ticks(scale, 1200)
    assert [t.label for t in axis.ticks] == ["Sat 2", "Sun 3", "Mon 4"]
    assert axis.leading.label == "Fri 1" and axis.leading.day == AUG_2025
    assert axis_ticks(TimeScale(AUG_2025, 400.0), 1200).leading is None
