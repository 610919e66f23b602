"""Filters with text LIKE cannot take: very long needles and NUL (issue 12)."""

import pytest

from negotiations_gui.domain import Event, EventFilter, PartialDate
from negotiations_gui.store.text_match import LIKE_LIMIT
from negotiations_gui.store.timeline_queries import load_timeline

CJK = "和平谈判" * 5000  # 20,000 characters, 60,000 bytes of UTF-8


@pytest.fixture
def events(store):
    store.add_event(Event(PartialDate.parse("2025-08-12"), "Cairo talks"))
    store.add_event(Event(PartialDate.parse("2025-08-13"), "长文本" + CJK + "结束",
                          description="CAIRO"))
    return store


@pytest.mark.parametrize("needle, titles", [
    (CJK, ["长文本" + CJK + "结束"]),  # a long needle still finds what holds it
    (CJK + "x", []),
    ("\x00", []),  # matches nothing: no text holds a NUL
    ("cai\x00ro", []),
    ("cairo", ["Cairo talks", "长文本" + CJK + "结束"]),  # LIKE's ASCII case folding
])
def test_event_filters(events, needle, titles):
    assert sorted(e.title for e in events.events(text=needle)) == sorted(titles)
    listing = events.record_listing("event", "Title", needle=needle)
    assert len(listing.after(None, 10)) == len(titles)


def test_the_fallback_folds_ascii_case_as_like_does(events):
    assert len(CJK) > LIKE_LIMIT
    assert [e.title for e in events.events(text=CJK.upper() + "结束")] == ["长文本" + CJK + "结束"]


def test_the_timeline_filter_takes_them_too(events):
    data = load_timeline(events, EventFilter(text=CJK))
    assert data is not None
    assert load_timeline(events, EventFilter(text="\x00")) is not None
