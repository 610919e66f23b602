"""Record lists read their rows from the store a window at a time: every column
sorts both ways and the filter matches as the Python reading of every record
says, page after page, and changes land in the right row even below the rows
read so far."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.demo import demo_copy
from negotiations_gui.domain import Event, PartialDate
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.lists.columns import COLUMNS, Names
from negotiations_gui.ui.lists.list_dock import RecordListDock
from negotiations_gui.ui.lists.record_model import RECORD_ID_ROLE, RecordTableModel

from .list_oracle import expected_rows


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return demo_copy(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(demo_path):
    store = CaseStore.open(demo_path, read_only=True)
    yield store
    store.close()


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of three rows, so that the demo case spans many of them."""
    monkeypatch.setattr(RecordTableModel, "BATCH", 3)
    monkeypatch.setattr(RecordTableModel, "RECORDS_KEPT", 4)


def all_rows(model):
    while model.canFetchMore():
        model.fetchMore()
    return [(model.index(r, 0).data(RECORD_ID_ROLE),
             [model.index(r, c).data() for c in range(model.columnCount())])
            for r in range(model.rowCount())]


@pytest.mark.parametrize("kind", ["event", "proposal", "position", "source", "party"])
def test_every_column_sorts_both_ways_as_the_cells_read(qtmodeltester, demo, small_pages, kind):
    model = RecordTableModel(kind)
    model.set_store(demo, Names.of(demo))
    qtmodeltester.check(model)
    for column in range(len(COLUMNS[kind])):
        for order in (Qt.AscendingOrder, Qt.DescendingOrder):
            model.sort(column, order)
            assert all_rows(model) == expected_rows(
                demo, kind, column, order == Qt.DescendingOrder), (column, order)


@pytest.mark.parametrize("kind, needles", [
    ("event", ["aug 2025", "c. ", "meeting", "HAMAS", "qatar", "hostage", "zzz-none", "%", "_"]),
    ("position", ["accepts", "✔", "israel", "prisoners", "2025"]),
    ("source", ["a1", "reuters", "b2"]),
])
def test_filter_matches_what_the_cells_show(demo, small_pages, kind, needles):
    model = RecordTableModel(kind)
    model.set_store(demo, Names.of(demo))
    model.sort(0, Qt.DescendingOrder)
    for needle in needles:
        model.set_filter_text(needle)
        assert all_rows(model) == expected_rows(demo, kind, 0, True, needle), needle


def test_selection_far_down_reads_rows_down_to_it(qtbot, demo, small_pages, settings):
    dock = RecordListDock("event", settings)
    qtbot.addWidget(dock)
    state = CaseState()
    dock.set_case(demo, state)
    assert dock.model.rowCount() == 3 and dock.model.canFetchMore()
    last = expected_rows(demo, "event", 0, False)[-1][0]
    state.select("event", last)
    assert dock.selected_id() == last
    assert dock.model.rowCount() == len(expected_rows(demo, "event", 0, False))


def test_changes_below_the_rows_read_wait_until_scrolled_to(qtbot, tmp_path, small_pages,
                                                           settings):
    store = CaseStore.open(demo_copy(tmp_path))
    try:
        dock = RecordListDock("event", settings)
        qtbot.addWidget(dock)
        state = CaseState()
        dock.set_case(store, state)
        dock.table.sortByColumn(0, Qt.AscendingOrder)
        first_rows = [dock.model.record_id(r) for r in range(dock.model.rowCount())]
        late = store.add_event(Event(PartialDate.parse("2099-01-01"), "Far future"))
        early = store.add_event(Event(PartialDate.parse("1900-01-01"), "Long ago"))
        state.notify_changed({"events"}, {"events": {late.id, early.id}})
        assert dock.model.record_id(0) == early.id
        assert dock.model.row_of(late.id, fetch=False) == -1
        moved = dataclasses.replace(store.event(early.id), date=PartialDate.parse("2100"))
        store.update_event(moved)
        state.notify_changed({"events"}, {"events": {early.id}})
        assert [dock.model.record_id(r) for r in range(dock.model.rowCount())] == first_rows
        rows = all_rows(dock.model)
        assert [row[0] for row in rows[-2:]] == [late.id, early.id]
        assert rows == expected_rows(store, "event", 0, False)
    finally:
        store.close()
