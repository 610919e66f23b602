"""A filter's rare matches are searched for on a worker thread: the keystroke
returns at once, the matches appear as they are found with "Searching…" and how
many so far, a new keystroke cancels the search before it, and records changed
during a search land where a fresh load of the store would show them.

Every filter here is searched for apart (`QUICK_FILTER_S = 0`, as if the
40 events were a million), a slice of
three rows at a time, and a `Gate` holds the worker thread at each slice until
the test lets it go on: what the window shows at each step is then certain
however slow the machine (no timing is asserted)."""

import dataclasses
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from negotiations_gui.domain import CaseData, CaseInfo, Event, PartialDate
from negotiations_gui.store import CaseStore, list_search
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.commands import DeleteRecordCommand, UpdateRecordCommand
from negotiations_gui.ui.lists import background_search
from negotiations_gui.ui.lists.columns import Names
from negotiations_gui.ui.lists.list_dock import RecordListDock
from negotiations_gui.ui.lists.record_model import RECORD_ID_ROLE, RecordTableModel

from .list_oracle import expected_rows

WORDS = ("Meeting", "Talks", "Visit")


@pytest.fixture
def case(tmp_path):
    store = CaseStore.create(tmp_path / "search.nego", CaseInfo("Search"))
    store.restore(CaseData(events=tuple(
        Event(PartialDate.parse(f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"),
              f"{WORDS[n % 3]} {n}") for n in range(40))))
    yield store
    store.close()


class Gate:
    """Holds the search's worker thread before each slice of rows it looks at,
    until `let_through` (or `open`) lets it go on."""

    def __init__(self):
        self._lock = threading.Condition()
        self._permits = 0
        self._open = False
        self.waiting = 0  # slices the worker has come to (and waited at, if held)
        self.found_before = 0  # matches the search had found when it came to the last
        self.controls = []  # each search's control, in the order they started

    def scan(self, original):
        def held_scan(search, low, high):
            with self._lock:
                if not self.controls or self.controls[-1] is not search.control:
                    self.controls.append(search.control)
                self.waiting += 1
                # (the report of the slice before, if it found any, is made by now)
                self.found_before = len(search.found)
                self._lock.notify_all()
                # a wait on a condition, not a sleep: the test lets it go on
                assert self._lock.wait_for(lambda: self._open or self._permits, timeout=60)
                if not self._open:
                    self._permits -= 1
            return original(search, low, high)
        return held_scan

    def let_through(self, slices=1):
        with self._lock:
            self._permits += slices
            self._lock.notify_all()

    def open(self):
        with self._lock:
            self._open = True
            self._lock.notify_all()


@pytest.fixture
def gate(monkeypatch):
    monkeypatch.setattr(RecordTableModel, "QUICK_FILTER_S", 0.0)
    monkeypatch.setattr(RecordTableModel, "SEARCH_APART_FROM", 0)
    monkeypatch.setattr(list_search, "SLICE_ROWS", 3)
    monkeypatch.setattr(list_search, "REPORT_S", 0.0)  # a report after every slice with news
    made = Gate()
    monkeypatch.setattr(list_search._Search, "scan", made.scan(list_search._Search.scan))
    yield made
    made.open()  # never leave a worker waiting


@pytest.fixture
def state():
    return CaseState()


@pytest.fixture
def dock(qtbot, qtmodeltester, case, state, settings):
    made = RecordListDock("event", settings)
    qtbot.addWidget(made)
    made.show()
    made.set_case(case, state)
    made.table.sortByColumn(3, Qt.AscendingOrder)  # by title
    qtmodeltester.check(made.model)
    return made


def shown_ids(dock):
    return [dock.model.index(r, 0).data(RECORD_ID_ROLE) for r in range(dock.model.rowCount())]


def expected_ids(dock, store):
    header = dock.table.horizontalHeader()
    return [row[0] for row in expected_rows(
        store, "event", header.sortIndicatorSection(),
        header.sortIndicatorOrder() == Qt.DescendingOrder, dock.filter_edit.text())]


def finished(qtbot, dock):
    qtbot.waitUntil(lambda: not dock.model.searching, timeout=30_000)


def next_slice(qtbot, dock, gate):
    """Let the worker look at one more slice, and wait until the window shows what
    the search had found by the time it came to the slice after it."""
    came = gate.waiting
    gate.let_through()
    qtbot.waitUntil(lambda: gate.waiting > came, timeout=30_000)
    qtbot.waitUntil(lambda: dock.model.found == gate.found_before, timeout=30_000)


def test_rare_matches_arrive_as_found_without_holding_the_keystroke(qtbot, dock, case, gate):
    dock.filter_edit.setText("meeting 1")
    # the keystroke has returned while the worker thread has not looked at one row
    assert dock.model.searching and dock.model.rowCount() == 0
    assert not dock.model.canFetchMore()
    assert dock.search_status.isVisible()
    assert dock.search_status.text() == "Searching… 0 found so far"
    expected = expected_ids(dock, case)
    assert len(expected) == 3  # Meeting 12, 15 and 18
    qtbot.waitUntil(lambda: gate.waiting == 1, timeout=30_000)
    while not dock.model.rowCount():
        next_slice(qtbot, dock, gate)
    # the first match is shown, and said, while the search goes on
    assert dock.model.searching and dock.search_status.isVisible()
    assert dock.search_status.text() == f"Searching… {dock.model.found} found so far"
    partial = shown_ids(dock)
    assert 0 < len(partial) < len(expected) and set(partial) < set(expected)
    gate.open()
    finished(qtbot, dock)
    assert shown_ids(dock) == expected
    assert not dock.search_status.isVisible()


def test_the_count_so_far_grows_with_the_rows_found_in_the_lists_order(qtbot, dock, case, gate):
    dock.filter_edit.setText("1")  # in titles and dates: found in rowid order
    expected = expected_ids(dock, case)
    qtbot.waitUntil(lambda: gate.waiting == 1, timeout=30_000)
    counts = []
    while dock.model.searching and gate.waiting * 3 < 40:
        next_slice(qtbot, dock, gate)
        found = shown_ids(dock)
        assert dock.model.found == len(found)
        assert found == [i for i in expected if i in found]  # in the list's order
        assert dock.search_status.text() == f"Searching… {len(found)} found so far"
        counts.append(len(found))
    assert counts == sorted(counts) and counts[0] < counts[-1] < len(expected)
    gate.open()
    finished(qtbot, dock)
    assert shown_ids(dock) == expected and dock.model.found == len(expected)


def test_a_new_keystroke_cancels_the_search_before_it(qtbot, dock, case, gate):
    inserted = []
    dock.model.rowsInserted.connect(
        lambda _parent, first, last: inserted.extend(
            dock.model.record_id(r) for r in range(first, last + 1)))
    dock.filter_edit.setText("talks")
    # the first search waits at its first slice
    qtbot.waitUntil(lambda: gate.waiting == 1, timeout=30_000)
    dock.filter_edit.setText("talks 2")
    first = gate.controls[0]
    assert first.cancelled
    gate.open()
    finished(qtbot, dock)
    assert len(gate.controls) == 2  # the second search ran, after the first had stopped
    expected = expected_ids(dock, case)
    assert shown_ids(dock) == expected and len(expected) == 3  # Talks 22, 25 and 28
    # nothing the first search found was ever shown
    assert set(inserted) <= set(expected)


def edit(store, state, stack, event, **changes):
    command = UpdateRecordCommand(store, state, "event", event,
                                  dataclasses.replace(event, **changes))
    command.apply()  # as MainWindow.push does
    stack.push(command)


def test_edits_during_a_search_land_where_a_fresh_load_shows_them(qtbot, dock, case, state, gate):
    stack = QUndoStack()
    events = {e.title: e for e in case.events()}
    dock.filter_edit.setText("meeting")  # Meeting 0, 3, ... 39
    qtbot.waitUntil(lambda: gate.waiting == 1, timeout=30_000)
    for _ in range(7):  # rowids 1-21 looked at: Meeting 0 to 18 found, the search not done
        next_slice(qtbot, dock, gate)
    assert dock.model.searching
    assert [case.event(i).title for i in shown_ids(dock)] == [
        "Meeting 0", "Meeting 12", "Meeting 15", "Meeting 18", "Meeting 3", "Meeting 6",
        "Meeting 9"]
    moved = []
    dock.model.rowsMoved.connect(lambda *args: moved.append(args[1:3]))
    state.select("event", events["Meeting 0"].id)
    # one found moves (the selected one), one found leaves, one is deleted; one not
    # yet reached and one already passed come in
    edit(case, state, stack, events["Meeting 0"], title="Meeting 99")
    edit(case, state, stack, events["Meeting 3"], title="Talks 3")
    command = DeleteRecordCommand(case, state, "event", events["Meeting 6"])
    command.apply()
    stack.push(command)
    edit(case, state, stack, events["Visit 38"], title="Meeting late")
    edit(case, state, stack, events["Talks 1"], title="Meeting early")
    gate.open()
    finished(qtbot, dock)
    titles = [case.event(i).title for i in shown_ids(dock)]
    assert "Meeting 99" in titles and "Meeting late" in titles and "Meeting early" in titles
    assert "Meeting 6" not in titles and "Talks 3" not in titles
    assert shown_ids(dock) == expected_ids(dock, case)
    assert moved, "the selected row should have moved, not been removed and put back"
    assert dock.selected_id() == events["Meeting 0"].id
    # and after the search, undo and redo change the rows found like any others
    while stack.canUndo():
        stack.undo()
        assert shown_ids(dock) == expected_ids(dock, case)
    while stack.canRedo():
        stack.redo()
        assert shown_ids(dock) == expected_ids(dock, case)


def test_an_edit_the_ended_search_did_not_see_is_applied_by_the_window(
        qtbot, dock, case, state, monkeypatch, gate):
    reached_end, go_on = threading.Event(), threading.Event()
    report = list_search._Search.report

    def held_report(search, done):
        if done:
            reached_end.set()  # its rechecks taken: edits from now on are not seen
            assert go_on.wait(60)
        report(search, done)

    monkeypatch.setattr(list_search._Search, "report", held_report)
    gate.open()
    dock.filter_edit.setText("visit 3")  # Visit 32, 35 and 38
    qtbot.waitUntil(reached_end.is_set, timeout=30_000)
    event = next(e for e in case.events() if e.title == "Talks 34")
    edit(case, state, QUndoStack(), event, title="Visit 3 (renamed late)")
    go_on.set()
    finished(qtbot, dock)
    assert [case.event(i).title for i in shown_ids(dock)] == [
        "Visit 3 (renamed late)", "Visit 32", "Visit 35", "Visit 38"]
    assert shown_ids(dock) == expected_ids(dock, case)


def test_more_matches_than_a_search_holds_are_read_on_by_scrolling(
        qtbot, qtmodeltester, case, monkeypatch, gate):
    monkeypatch.setattr(list_search, "SEARCH_ROWS", 5)
    gate.open()
    model = RecordTableModel("event")  # no view: nothing reads more rows unasked
    model.set_store(case, Names.of(case))
    qtmodeltester.check(model)
    model.set_filter_text("1")  # in titles and dates
    qtbot.waitUntil(lambda: not model.searching, timeout=30_000)
    expected = [row[0] for row in expected_rows(case, "event", 0, False, "1")]
    assert len(expected) > 5
    assert [model.record_id(r) for r in range(model.rowCount())] == expected[:5]
    assert model.found == len(expected) and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert [model.record_id(r) for r in range(model.rowCount())] == expected


def test_several_records_changed_at_once_after_a_search_land_among_the_rows_found(
        qtbot, dock, case, state, gate):
    gate.open()
    dock.filter_edit.setText("meeting 1")  # Meeting 12, 15, 18
    finished(qtbot, dock)
    events = {e.title: e for e in case.events()}
    renamed = [("Meeting 12", "Meeting 1 zz"), ("Talks 4", "Meeting 1 aa"),
               ("Visit 5", "Meeting 16b")]
    for old, new in renamed:
        case.update_event(dataclasses.replace(events[old], title=new))
    state.notify_changed({"events"}, {"events": {events[old].id for old, _new in renamed}})
    assert not dock.model.searching  # placed here, among the rows found
    assert [case.event(i).title for i in shown_ids(dock)] == [
        "Meeting 1 aa", "Meeting 1 zz", "Meeting 15", "Meeting 16b", "Meeting 18"]
    assert shown_ids(dock) == expected_ids(dock, case)


def test_a_search_that_fails_is_read_here_after_all(qtbot, dock, case, monkeypatch, gate):
    def unreadable(*_args):
        raise OSError("the case file went away")

    monkeypatch.setattr(background_search, "search_apart", unreadable)
    dock.filter_edit.setText("meeting 1")
    finished(qtbot, dock)
    assert shown_ids(dock) == expected_ids(dock, case)
    assert not dock.search_status.isVisible()


def test_a_case_upgraded_in_memory_is_not_searched_apart(tmp_path):
    import sqlite3

    memory = sqlite3.connect(":memory:")
    on_file = sqlite3.connect(tmp_path / "c.nego")
    assert list_search.main_file(memory) is None
    assert list_search.main_file(on_file) == tmp_path / "c.nego"
    memory.close()
    on_file.close()


@pytest.mark.parametrize("apart", [False, True])
def test_tags_are_found_among_the_distinct_tags(qtbot, tmp_path, monkeypatch, apart):
    store = CaseStore.create(tmp_path / "tags.nego", CaseInfo("Tags"))
    try:
        tags = [("ceasefire", "talks"), ("hostages",), (), ("Ceasefire-2", "aid"), ("aid",)]
        store.restore(CaseData(events=tuple(
            Event(PartialDate.parse(f"2025-03-{1 + n:02d}"), f"Event {n}", tags=tags[n % 5])
            for n in range(20))))
        if apart:
            monkeypatch.setattr(RecordTableModel, "QUICK_FILTER_S", 0.0)
            monkeypatch.setattr(RecordTableModel, "SEARCH_APART_FROM", 0)
        model = RecordTableModel("event")
        model.set_store(store, Names.of(store))
        for needle in ("EASE", "aid", "stag", "fire-", "zzz", "t"):
            model.set_filter_text(needle)
            qtbot.waitUntil(lambda: not model.searching, timeout=30_000)
            while model.canFetchMore():
                model.fetchMore()
            assert [model.record_id(r) for r in range(model.rowCount())] == [
                row[0] for row in expected_rows(store, "event", 0, False, needle)], needle
    finally:
        store.close()
