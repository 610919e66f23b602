"""The event list read in two parts (list_order.py, schema m014) keeps the order of one
ORDER BY (key, rowid): pages, ranges, counts and filters agree with it."""

import random

import pytest

from negotiations_gui.domain import Event
from negotiations_gui.store.m014_compact_events import PARTIAL_LIST_KEYS
from negotiations_gui.store.record_lists import LISTS

from ..dates import d

_SPLIT = [title for title, column in LISTS["event"][1].items() if column.present]


@pytest.fixture
def events(store):
    rng = random.Random(14)
    for n in range(40):
        store.add_event(Event(
            d(f"2025-08-{1 + rng.randrange(20):02d}"), f"Event {n}",
            end=d(f"2025-09-{1 + rng.randrange(20):02d}") if rng.random() < 0.3 else None,
            tags=tuple(rng.sample(["b", "A", "c"], rng.randrange(3)))
            if rng.random() < 0.4 else (),
            description=rng.choice(["", "", "", "x", "Y", "meeting notes"])))
    return store


def whole_order(store, key: str, direction: str, where: str = "1") -> list[str]:
    return [r[0] for r in store.db.execute(
        f"SELECT t.id FROM events t NOT INDEXED WHERE {where} "
        f"ORDER BY {key} {direction}, t.rowid {direction}")]


def test_the_split_columns_are_those_with_partial_indexes():
    assert {"End", "Tags", "Sources", "Issues", "Description"} == set(_SPLIT)
    assert len(PARTIAL_LIST_KEYS) == len(_SPLIT)


def test_the_indexes_hold_only_the_events_with_a_key(events):
    indexes = {r[0]: r[1] for r in events.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")}
    assert "events_by_kind" not in indexes
    for name in PARTIAL_LIST_KEYS:
        assert " WHERE " in indexes[name], indexes[name]
    tagged = events.db.execute("SELECT count(*) FROM events WHERE list_tags <> ''").fetchone()[0]
    held = events.db.execute("SELECT count(*) FROM events INDEXED BY events_list_tags "
                             "WHERE list_tags <> ''").fetchone()[0]
    assert 0 < held == tagged < 40


@pytest.mark.parametrize("title", _SPLIT)
@pytest.mark.parametrize("descending", [False, True])
def test_pages_ranges_and_counts_follow_the_whole_order(events, title, descending):
    listing = events.record_listing("event", title, descending)
    expected = whole_order(events, LISTS["event"][1][title].key,
                           "DESC" if descending else "ASC")
    paged, start = [], None
    while page := listing.after(start, 3):
        paged += page
        start = listing.key_of(page[-1])
    assert paged == expected
    keys = [listing.key_of(i) for i in expected]
    for a, b in [(0, 5), (2, 30), (10, 39), (-1, 39)]:
        first = None if a < 0 else keys[a]
        assert listing.through(first, keys[b]) == expected[a + 1:b + 1]
    for n in (0, 1, 17, 39):
        assert listing.rows_before(keys[n], 100) == n
        assert listing.rows_before(keys[n], 5) == min(n, 5)
        assert listing.rows_before_among(keys[n], expected) == n
    assert listing.first_page(7, 1.0) == (expected[:7], True)


@pytest.mark.parametrize("title", _SPLIT)
def test_a_filtered_list_pages_the_same(events, title):
    listing = events.record_listing("event", title, needle="notes")
    every = events.record_listing("event", title)
    shown = [i for i in every.after(None, 100) if listing.key_of(i) is not None]
    assert 0 < len(shown) < 40
    paged, start = [], None
    while page := listing.after(start, 4):
        paged += page
        start = listing.key_of(page[-1])
    assert paged == shown
