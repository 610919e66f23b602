"""Ctrl+Left/Right stepping: from one dated change to the next (domain/as_of_steps.py)."""

from negotiations_gui.domain.as_of_steps import next_change, previous_change

from ..dates import d

CHANGES = [d("2025"), d("2025-08"), d("2025-08-12"), d("2025-08-12"), d("2025-08-20")]


def test_next_lands_on_the_first_day_a_change_shows():
    assert next_change(CHANGES, d("2024-12-31")) == d("2025-01-01")  # a year from Jan 1
    assert next_change(CHANGES, d("2025-07-15")) == d("2025-08-01")  # a month from the 1st
    assert next_change(CHANGES, d("2025-08-01")) == d("2025-08-12")
    assert next_change(CHANGES, d("2025-08-12")) == d("2025-08-20")


def test_next_from_a_month_starts_after_its_end():
    # as of "Aug 2025" already shows every change dated in August
    assert next_change(CHANGES, d("2025-08")) is None
    assert next_change(CHANGES, d("2025-07")) == d("2025-08-01")


def test_next_at_the_end_is_none():
    assert next_change(CHANGES, d("2025-08-20")) is None
    assert next_change([], d("2025-08-20")) is None


def test_previous_steps_back_to_the_change_in_force_before():
    assert previous_change(CHANGES, d("2025-08-20")) == d("2025-08-12")
    assert previous_change(CHANGES, d("2025-08-15")) == d("2025-08-12")
    assert previous_change(CHANGES, d("2025-08-12")) == d("2025-08-01")
    assert previous_change(CHANGES, d("2025-08-01")) == d("2025-01-01")


def test_previous_from_a_month_counts_its_whole_span():
    assert previous_change(CHANGES, d("2025-08")) == d("2025-08-20")


def test_previous_at_the_start_is_none():
    assert previous_change(CHANGES, d("2025-01-01")) is None
    assert previous_change([], d("2025-01-01")) is None


def test_steps_are_always_day_precision():
    for step in (next_change(CHANGES, d("2024")), previous_change(CHANGES, d("2026"))):
        assert step.day is not None


def test_quick_pick_dates_for_the_date_fields():
    from negotiations_gui.domain.as_of_steps import (
        before_latest_change,
        month_earlier,
        weeks_earlier,
    )

    assert month_earlier(d("2025-10-31")) == d("2025-09-30")
    assert month_earlier(d("2025-01-15")) == d("2024-12-15")
    assert month_earlier(d("2024-03-31")) == d("2024-02-29")
    assert month_earlier(d("2025-08")) == d("2025-07-31")  # from the end of the month
    assert weeks_earlier(d("2025-08-03")) == d("2025-07-27")
    changes = [d("2025-08"), d("2025-08-10"), d("2025-08-20")]
    assert before_latest_change(changes, d("2025-08-15")) == d("2025-08-09")
    assert before_latest_change(changes, d("2025-08-05")) == d("2025-07-31")
    assert before_latest_change(changes, d("2025-07-05")) is None
