"""Dates as data sets write them: every listed form, precision kept, nothing guessed."""

import calendar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from negotiations_gui.domain import PartialDate, Precision
from negotiations_gui.importing import (
    AmbiguousDayOrder,
    DateFormError,
    DateOptions,
    DayOrder,
    parse_date_text,
    suggest_day_order,
)

D = PartialDate
DMY = DateOptions(DayOrder.DAY_FIRST)
MDY = DateOptions(DayOrder.MONTH_FIRST)


@pytest.mark.parametrize("text, start, end", [
    ("2025-08-12", D(2025, 8, 12), None),
    ("2025-08", D(2025, 8), None),
    ("2025", D(2025), None),
    ("2025/08/12", D(2025, 8, 12), None),
    ("2025-08-12T10:30:00Z", D(2025, 8, 12), None),
    ("2025-08-12 00:00:00.000", D(2025, 8, 12), None),
    ("6-Jun-25", D(2025, 6, 6), None),
    ("06-JUN-2025", D(2025, 6, 6), None),
    ("Aug 12, 2025", D(2025, 8, 12), None),
    ("August 12 2025", D(2025, 8, 12), None),
    ("Aug. 12th, 2025", D(2025, 8, 12), None),
    ("12 August 2025", D(2025, 8, 12), None),
    ("Tuesday, 12 August 2025", D(2025, 8, 12), None),
    ("2025 Aug 12", D(2025, 8, 12), None),
    ("August 2025", D(2025, 8), None),
    ("Sept 2025", D(2025, 9), None),
    ("08/2025", D(2025, 8), None),
    ("13/08/2025", D(2025, 8, 13), None),
    ("08/13/2025", D(2025, 8, 13), None),
    ("12/12/2025", D(2025, 12, 12), None),
    ("Feb 20-27, 2025", D(2025, 2, 20), D(2025, 2, 27)),
    ("Nov 24-30, 2023", D(2023, 11, 24), D(2023, 11, 30)),
    ("20-27 Feb 2025", D(2025, 2, 20), D(2025, 2, 27)),
    ("Jan-Feb 2025", D(2025, 1), D(2025, 2)),
    ("Feb 20 – Mar 3, 2025", D(2025, 2, 20), D(2025, 3, 3)),
    ("Feb 20 to Mar 3, 2025", D(2025, 2, 20), D(2025, 3, 3)),
    ("Dec 28, 2024 - Jan 3, 2025", D(2024, 12, 28), D(2025, 1, 3)),
    ("Dec 2024 - Jan 2025", D(2024, 12), D(2025, 1)),
    ("2024-2025", D(2024), D(2025)),
    ("2025-02-20/2025-02-27", D(2025, 2, 20), D(2025, 2, 27)),
    ("  Aug\u00a012,   2025 ", D(2025, 8, 12), None),
])
def test_every_listed_form_reads_with_its_precision(text, start, end):
    span = parse_date_text(text)
    assert span.start == start and span.start.precision == start.precision
    assert span.end == end


@pytest.mark.parametrize("text, expected", [
    ("c. Aug 2025", D(2025, 8, approximate=True)),
    ("~2025-08", D(2025, 8, approximate=True)),
    ("late August 2025", D(2025, 8, approximate=True)),
    ("mid-2025", D(2025, approximate=True)),
    ("around 12 Aug 2025", D(2025, 8, 12, approximate=True)),
])
def test_hedged_dates_are_approximate_at_the_written_precision(text, expected):
    assert parse_date_text(text).start == expected


def test_ambiguous_numeric_date_is_refused_until_the_user_picks_the_order():
    with pytest.raises(AmbiguousDayOrder, match="12 Aug 2025 or 8 Dec 2025"):
        parse_date_text("12/08/2025")
    assert parse_date_text("12/08/2025", DMY).start == D(2025, 8, 12)
    assert parse_date_text("08/12/2025", MDY).start == D(2025, 8, 12)
    assert parse_date_text("12.08.25", DMY).start == D(2025, 8, 12)


def test_a_value_contradicting_the_chosen_order_is_a_problem_not_a_silent_swap():
    with pytest.raises(DateFormError, match="not month/day/year"):
        parse_date_text("13/08/2025", MDY)
    with pytest.raises(DateFormError, match="not day/month/year"):
        parse_date_text("08/13/2025", DMY)


def test_ambiguous_range_needs_the_order_too():
    with pytest.raises(AmbiguousDayOrder):
        parse_date_text("12/08/2025 - 15/08/2025")
    span = parse_date_text("12/08/2025 - 15/08/2025", DMY)
    assert (span.start, span.end) == (D(2025, 8, 12), D(2025, 8, 15))


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("hello", "not a month or a number"),
    ("Aug-25", "four digits"),
    ("Aug 25", "no year"),
    ("Feb 30, 2025", "no day 30"),
    ("Monday 12 August 2025", "Tuesday"),
    ("45881", "spreadsheet day number"),
    ("Dec 28 - Jan 3, 2025", "before it starts"),
    ("13/13/2025", "no month"),
    ("2025-13", "Month 13"),
])
def test_bad_dates_say_why(text, reason):
    with pytest.raises(DateFormError, match=reason):
        parse_date_text(text)


def test_two_digit_years_follow_the_chosen_window():
    assert parse_date_text("6-Jun-49").start.year == 2049
    assert parse_date_text("6-Jun-50").start.year == 1950
    assert parse_date_text("6-Jun-99", DateOptions(two_digit_year_start=2000)).start.year == 2099


def test_day_order_suggestion_counts_only_unambiguous_values():
    assert suggest_day_order(["12/08/2025", "25/08/2025"])[0] is DayOrder.DAY_FIRST
    assert suggest_day_order(["08/25/2025"])[0] is DayOrder.MONTH_FIRST
    order, why = suggest_day_order(["25/08/2025", "08/25/2025"])
    assert order is None and "mixes" in why
    assert suggest_day_order(["12/08/2025", "2025-08-01"]) == (None, "")


# -- properties --------------------------------------------------------------------

@given(st.text(max_size=40))
def test_never_crashes_on_any_text(text):
    try:
        span = parse_date_text(text)
    except DateFormError:
        return
    assert span.end is None or span.end.end() >= span.start.start()


_ALPHABET = "0123456789/-., ~JanFebMarAugSeptDecto–"


@given(st.text(alphabet=_ALPHABET, max_size=30),
       st.sampled_from([DateOptions(), DMY, MDY]))
def test_never_crashes_on_date_like_text(text, options):
    try:
        parse_date_text(text, options)
    except DateFormError:
        pass


partial_dates = st.builds(
    lambda y, m, d, p: D(y, m if p >= 2 else None,
                         min(d, calendar.monthrange(y, m)[1]) if p == 3 else None),
    st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 31), st.integers(1, 3))


def _forms(date: PartialDate) -> list[str]:
    abbr, full = calendar.month_abbr[date.month or 1], calendar.month_name[date.month or 1]
    if date.precision is Precision.YEAR:
        return [date.iso, f"{date.year}"]
    if date.precision is Precision.MONTH:
        return [date.iso, f"{full} {date.year}", f"{abbr} {date.year}",
                f"{date.month:02d}/{date.year}"]
    return [date.iso, f"{abbr} {date.day}, {date.year}", f"{date.day} {full} {date.year}",
            f"{date.day}-{abbr}-{date.year}", f"{date.day:02d}/{date.month:02d}/{date.year}"]


@given(partial_dates, st.data())
def test_precision_is_kept_in_every_form(date, data):
    text = data.draw(st.sampled_from(_forms(date)))
    span = parse_date_text(text, DMY)
    assert span.start == date
    assert span.start.precision == date.precision
    assert span.end is None


@given(partial_dates, partial_dates)
def test_ranges_of_full_dates_keep_both_ends(a, b):
    start, end = sorted([a, b], key=lambda d: (d.start(), d.end()))
    assume(end.end() >= start.start() and end != start)
    span = parse_date_text(f"{start.iso} to {end.iso}")
    assert (span.start, span.end) == (start, end)
    assert span.start.precision == start.precision and span.end.precision == end.precision
