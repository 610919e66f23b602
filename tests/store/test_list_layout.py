"""Each mostly-empty list key's index is full or partial as the file's events call for
(list_layout.py, schema m015): in every shape of data the list reads the rows without
the key by an index where they are few, keeps the (key, rowid) order, and a file
where most events lack the key gives back none of the bytes m014 saved."""

import sqlite3

import pytest

from negotiations_gui.domain import CaseData, Event, Source
from negotiations_gui.store import CaseStore, list_layout
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.m014_compact_events import PARTIAL_LIST_KEYS
from negotiations_gui.store.record_lists import LISTS

from ..dates import d

_COLUMNS = {"End": "events_list_end", "Issues": "events_list_issues",
            "Tags": "events_list_tags", "Sources": "events_list_sources",
            "Description": "events_list_description"}
_SIZE = 60
# shape -> which events (by their number) have every key
_SHAPES = {
    "a": lambda n: n % 10 == 0,  # almost none (the benchmark case)
    "b": lambda n: n not in (7, 23),  # almost all (a CSV import)
    "b, none keyless": lambda n: True,
    "c": lambda n: n < _SIZE * 9 // 10,  # the first 90%, then none
    "c-reverse": lambda n: n >= _SIZE * 9 // 10,  # none, then the last 10%
}
_PARTIAL = {"a": True, "b": False, "b, none keyless": False, "c": False, "c-reverse": True}


@pytest.fixture
def small_tables(monkeypatch):
    """Layouts chosen at the tests' sizes (a real file keeps its own below 20,000 events)."""
    monkeypatch.setattr(list_layout, "MIN_ROWS", 1)
    monkeypatch.setattr(list_layout, "SETTLE_CHANGES", 1)


def events_of(shape: str, sources: list[Source], issue_ids: list[str]) -> tuple[Event, ...]:
    keyed = _SHAPES[shape]
    return tuple(Event(
        d(f"2025-08-{1 + n % 20:02d}"), f"Event {n}",
        end=d(f"2025-09-{1 + n * 7 % 20:02d}") if keyed(n) else None,
        issue_ids=(issue_ids[n % len(issue_ids)],) if keyed(n) else (),
        tags=("b", "A", "c")[n % 3:] if keyed(n) else (),
        source_ids=(sources[n % len(sources)].id,) if keyed(n) else (),
        description=("x", "Y", "meeting notes", "")[n % 3] if keyed(n) else "",
    ) for n in range(_SIZE))


def fill(store: CaseStore, shape: str) -> CaseStore:
    sources = [store.add_source(Source(f"Report {n}", reliability="ABC"[n], credibility=2))
               for n in range(3)]
    store.restore(CaseData(events=events_of(shape, sources, [i.id for i in store.issues()])))
    return store


def whole_order(store, key: str, direction: str) -> list[str]:
    return [r[0] for r in store.db.execute(
        f"SELECT t.id FROM events t NOT INDEXED ORDER BY {key} {direction}, t.rowid {direction}")]


def plans_of_reading(store, step) -> list[str]:
    """The query plan of every SELECT on events that `step` runs."""
    run: list[str] = []
    store.db.conn.set_trace_callback(run.append)
    try:
        step()
    finally:
        store.db.conn.set_trace_callback(None)
    return [" ".join(str(r[3]) for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in run if sql.startswith("SELECT t.id FROM events")]


@pytest.mark.parametrize("shape", list(_SHAPES))
def test_each_shape_gets_the_layout_that_suits_it(small_tables, store, shape):
    fill(store, shape)
    assert {i: list_layout.is_partial(store.db, i) for i in PARTIAL_LIST_KEYS} == dict.fromkeys(
        PARTIAL_LIST_KEYS, _PARTIAL[shape])


@pytest.mark.parametrize("shape", list(_SHAPES))
@pytest.mark.parametrize("title", list(_COLUMNS))
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_every_shape_keeps_the_order_and_reads_the_keyless_rows_by_an_index(
        small_tables, store, shape, title, direction):
    fill(store, shape)
    listing = store.record_listing("event", title, direction == "DESC")
    expected = whole_order(store, LISTS["event"][1][title].key, direction)
    paged, start = [], None
    while page := listing.after(start, 7):
        paged += page
        start = listing.key_of(page[-1])
    assert paged == expected
    keys = [listing.key_of(i) for i in expected]
    for n in (0, 9, 33, _SIZE - 1):
        assert listing.rows_before(keys[n], 100) == n
        assert listing.through(keys[n], keys[-1]) == expected[n + 1:]
    keyless = next((k for k in keys if k[0] == ""), None)
    # the first page, the last (descending: where the keyless rows are), one among them
    plans = plans_of_reading(store, lambda: (listing.after(None, 7), listing.after(keys[-2], 7),
                                             keyless and listing.after(keyless, 7)))
    for plan in plans:
        assert "TEMP B-TREE" not in plan, plan
        if _PARTIAL[shape]:
            # keyless rows most of the table: read where they lie, by rowid
            assert "USING INDEX" in plan or "PRIMARY KEY" in plan or plan == "SCAN t", plan
        else:  # few or none keyless: every row, keyless or not, by the key's index
            assert f"USING INDEX {_COLUMNS[title]}" in plan, plan
    if not _PARTIAL[shape]:  # the keyless rows by one seek to their run of '' keys
        assert any("=?" in plan for plan in plans), plans
        if keyless is not None:
            assert any("=? AND rowid" in plan for plan in plans), plans


def test_a_big_write_changes_the_layout_both_ways_and_a_small_one_looks_at_nothing(
        small_tables, store, monkeypatch):
    fill(store, "a")
    assert list_layout.is_partial(store.db, "events_list_sources")
    sources = store.sources()
    store.restore(CaseData(events=tuple(
        Event(d("2025-10-01"), f"Imported {n}", source_ids=(sources[0].id,),
              description="From the spreadsheet") for n in range(3 * _SIZE))))
    assert not list_layout.is_partial(store.db, "events_list_sources")
    assert not list_layout.is_partial(store.db, "events_list_description")
    assert list_layout.is_partial(store.db, "events_list_end")  # still few with one
    assert store.record_listing("event", "Sources").after(None, 3) == whole_order(
        store, LISTS["event"][1]["Sources"].key, "ASC")[:3]
    monkeypatch.setattr(list_layout, "SETTLE_CHANGES", 1000)
    settle, counted = list_layout.settle, []
    monkeypatch.setattr(list_layout, "settle", counted.append)
    store.add_event(Event(d("2025-10-02"), "One more"))
    assert counted == []
    monkeypatch.setattr(list_layout, "SETTLE_CHANGES", 1)
    monkeypatch.setattr(list_layout, "settle", settle)
    with store._write("delete"):  # one write taking most of the keyed events away
        for event in [e for e in store.events() if e.title.startswith("Imported")]:
            store.delete_event(event.id)
    assert list_layout.is_partial(store.db, "events_list_sources")
    assert store.record_listing("event", "Sources").after(None, 3) == whole_order(
        store, LISTS["event"][1]["Sources"].key, "ASC")[:3]


def test_a_file_before_m015_is_laid_out_as_its_events_call_for(small_tables, tmp_path):
    path = tmp_path / "v14.nego"
    create_database(path, stop_before="m015_list_keyless")
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO events (id, date, title, description, list_sources, created_at, updated_at)"
        " VALUES (?, '2025-08-01', ?, ?, ?, 0, 0)",
        [(f"e{n}", f"Event {n}", f"About {n}", "" if n == 3 else "Report (B2)", )
         for n in range(30)])
    conn.commit()
    conn.close()
    with CaseStore.open(path) as store:
        assert store.backup_path is not None
        assert not list_layout.is_partial(store.db, "events_list_sources")
        assert not list_layout.is_partial(store.db, "events_list_description")
        assert list_layout.is_partial(store.db, "events_list_tags")
        assert store.record_listing("event", "Sources").after(None, 2) == ["e3", "e0"]


def vm_steps(store, step) -> int:
    """SQLite's virtual machine instructions that `step` runs (a count of work done)."""
    counted = [0]

    def count() -> int:
        counted[0] += 1
        return 0

    store.db.conn.set_progress_handler(count, 1)
    try:
        step()
    finally:
        store.db.conn.set_progress_handler(None, 0)
    return counted[0]


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_a_page_late_in_a_full_index_costs_what_an_early_one_does(small_tables, store,
                                                                   direction):
    """Each page seeks to its first row: none reads the rows sorting before it."""
    store.restore(CaseData(events=tuple(
        Event(d("2025-08-01"), f"Event {n}", description=f"Note {n:03d}" if n % 9 else "")
        for n in range(_SIZE))))
    assert not list_layout.is_partial(store.db, "events_list_description")
    listing = store.record_listing("event", "Description", direction == "DESC")
    keys = [listing.key_of(i) for i in listing.after(None, _SIZE)]
    costs = [vm_steps(store, lambda k=k: listing.after(k, 5)) for k in keys[:-6]]
    assert max(costs) < 2 * min(costs), costs


def test_an_import_builds_each_list_index_once_in_the_layout_its_rows_call_for(
        small_tables, store):
    """A CSV import gives every event a source: the sources' index, set aside for the
    insert, is built again full at once, not partial and then full (twice the sort)."""
    from negotiations_gui.store.csv_import import insert_import

    fill(store, "a")
    assert list_layout.is_partial(store.db, "events_list_sources")
    source = store.sources()[0]
    imported = CaseData(events=tuple(
        Event(d("2025-10-01"), f"Imported {n}", source_ids=(source.id,))
        for n in range(3 * _SIZE)))
    built: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: built.append(sql.split()[2]) if sql.startswith("CREATE INDEX") else None)
    try:
        insert_import(store, imported, _log_entry())
    finally:
        store.db.conn.set_trace_callback(None)
    assert built.count("events_list_sources") == 1
    assert not list_layout.is_partial(store.db, "events_list_sources")  # (most have one)
    assert list_layout.is_partial(store.db, "events_list_end")  # (most have none)
    assert len(built) == len(set(built))  # no index built twice
    assert store.record_listing("event", "Sources").after(None, 3) == whole_order(
        store, LISTS["event"][1]["Sources"].key, "ASC")[:3]
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _log_entry():
    from negotiations_gui.store.csv_import import ImportLogEntry

    return ImportLogEntry("log-1", "events.csv", "0" * 64, "{}", "", 180, 180)
