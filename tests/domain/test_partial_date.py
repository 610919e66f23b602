"""PartialDate: parsing, formatting, ordering and spans, for every precision."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations_gui.domain import DateError, PartialDate, Precision


@st.composite
def partial_dates(draw):
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(list(Precision)))
    approximate = draw(st.booleans())
    return PartialDate.from_date(day, approximate).with_precision(precision)


@pytest.mark.parametrize("text, precision, display", [
    ("2025", Precision.YEAR, "2025"),
    ("2025-08", Precision.MONTH, "Aug 2025"),
    ("2025-08-12", Precision.DAY, "12 Aug 2025"),
    ("~2025-08", Precision.MONTH, "c. Aug 2025"),
    (" 2025-8-1 ", Precision.DAY, "1 Aug 2025"),
])
def test_parse_keeps_precision(text, precision, display):
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.display == display


@pytest.mark.parametrize("text, reason", [
    ("2025-13", "Month 13 does not exist"),
    ("2025-02-30", "Feb 2025 has no day 30"),
    ("12/08/2025", "is not a date"),
    ("", "is not a date"),
    ("August", "is not a date"),
])
def test_parse_rejects_with_reason(text, reason):
    with pytest.raises(DateError, match=reason):
        PartialDate.parse(text)


def test_spans_of_each_precision():
    assert PartialDate.parse("2024").start() == dt.date(2024, 1, 1)
    assert PartialDate.parse("2024").end() == dt.date(2024, 12, 31)
    assert PartialDate.parse("2024-02").end() == dt.date(2024, 2, 29)  # leap year
    assert PartialDate.parse("2025-02").end() == dt.date(2025, 2, 28)
    day = PartialDate.parse("2025-08-12")
    assert day.start() == day.end() == dt.date(2025, 8, 12)


def test_month_sorts_before_its_days_and_after_earlier_days():
    month = PartialDate.parse("2025-08")
    assert PartialDate.parse("2025-07-31") < month < PartialDate.parse("2025-08-01")
    assert PartialDate.parse("2025") < PartialDate.parse("2025-01")


@given(partial_dates())
def test_text_round_trip(date):
    assert PartialDate.parse(str(date)) == date
    assert len(date.iso) == {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[
        date.precision]


@given(partial_dates())
def test_span_is_ordered_and_contains_itself(date):
    assert date.start() <= date.end()
    assert date.contains(date)
    assert date.upper_key == date.end().isoformat()
    for coarser in Precision:
        if coarser <= date.precision:
            assert date.with_precision(coarser).contains(date)


@given(partial_dates(), partial_dates())
def test_order_is_iso_text_order(a, b):
    # the database compares the same text, so Python and SQL agree
    assert (a.iso < b.iso) == (a < b and a.iso != b.iso)
    if a.start() < b.start() and a.end() < b.start():
        assert a < b


@given(partial_dates(), partial_dates())
def test_on_or_before_matches_text_comparison_with_upper_key(record, as_of):
    # "dated on or before as_of" as the store asks it: record.iso <= as_of.upper_key
    on_or_before = record.iso <= as_of.upper_key
    assert on_or_before == (record.start() <= as_of.end())
