"""Record lists update only the rows a change touched: adds, edits, deletes, undo
and redo of events, positions and parties (with the party's cascade) leave each
list exactly as a fresh load of the store would show it, under the current sort
and filter, with the selection on the same record, and an edit of one record
changes that one row instead of resetting the model."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from negotiations_gui.demo import demo_copy
from negotiations_gui.domain import Event, PartialDate, Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.case_state import CaseState, RecordChange
from negotiations_gui.ui.commands import AddRecordCommand, DeleteRecordCommand, UpdateRecordCommand
from negotiations_gui.ui.lists.list_dock import RecordListDock
from negotiations_gui.ui.lists.record_model import RECORD_ID_ROLE

from .list_oracle import expected_rows


@pytest.fixture
def demo(tmp_path):
    store = CaseStore.open(demo_copy(tmp_path))
    yield store
    store.close()


@pytest.fixture
def state():
    return CaseState()


@pytest.fixture
def undo_stack():
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def lists(qtbot, qtmodeltester, demo, state, settings):
    """One list per kind, each model watched by the model tester for the whole test."""
    docks = {}
    for kind in ("event", "position", "party"):
        dock = RecordListDock(kind, settings)
        qtbot.addWidget(dock)
        dock.set_case(demo, state)
        qtmodeltester.check(dock.model)
        docks[kind] = dock
    return docks


def push(stack, command):
    command.apply()  # as MainWindow.push does
    stack.push(command)


def shown(dock):
    """Every shown row's id and cell texts, top to bottom."""
    model = dock.model
    while model.canFetchMore():
        model.fetchMore()
    return [(model.index(r, 0).data(RECORD_ID_ROLE),
             [model.index(r, c).data() for c in range(model.columnCount())])
            for r in range(model.rowCount())]


def expected(dock, store):
    """What the store's records show under the dock's sort and filter, worked out
    in Python from every record."""
    header = dock.table.horizontalHeader()
    return expected_rows(store, dock.kind, header.sortIndicatorSection(),
                         header.sortIndicatorOrder() == Qt.DescendingOrder,
                         dock.filter_edit.text())


def assert_matches_store(lists, store):
    for dock in lists.values():
        assert shown(dock) == expected(dock, store), dock.kind


class Resets:
    """Counts model resets and collects the rows each dataChanged covered."""

    def __init__(self, model):
        self.resets = 0
        self.changed_rows = []
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)

    def _reset(self):
        self.resets += 1

    def _changed(self, first, last, _roles):
        self.changed_rows.append((first.row(), last.row()))


def current_id(dock):
    return dock.selected_id()


def test_the_change_names_the_records_it_touched(qtbot, demo, state):
    event = demo.events()[0]
    with qtbot.waitSignal(state.recordsChanged) as caught, qtbot.waitSignal(state.dataChanged):
        push(QUndoStack(), UpdateRecordCommand(demo, state, "event", event,
                                               dataclasses.replace(event, title="Renamed")))
    assert caught.args == [RecordChange(frozenset({"events"}), {"events": frozenset({event.id})})]
    with qtbot.waitSignal(state.recordsChanged) as caught:
        state.notify_changed({"events"})
    assert caught.args[0].ids_in("events") is None


def test_editing_an_event_changes_its_row_only(lists, demo, state, undo_stack):
    dock = lists["event"]
    dock.table.sortByColumn(3, Qt.AscendingOrder)  # by title
    event = demo.events()[len(demo.events()) // 2]
    state.select("event", event.id)
    assert current_id(dock) == event.id
    watch = Resets(dock.model)
    row = dock.model.row_of(event.id)
    push(undo_stack, UpdateRecordCommand(demo, state, "event", event,
                                         dataclasses.replace(event, kind="statement")))
    assert watch.resets == 0
    assert watch.changed_rows == [(row, row)]
    assert current_id(dock) == event.id
    assert_matches_store(lists, demo)


def test_event_add_edit_delete_undo_redo_keep_sort_filter_and_selection(
        lists, demo, state, undo_stack):
    dock = lists["event"]
    dock.table.sortByColumn(3, Qt.DescendingOrder)  # by title, Z first
    dock.filter_edit.setText("zz")
    watch = Resets(dock.model)
    added = Event(PartialDate.parse("2021-03"), "Zz new event")
    push(undo_stack, AddRecordCommand(demo, state, "event", added))
    assert [row[0] for row in shown(dock)] == [added.id]
    assert_matches_store(lists, demo)
    state.select("event", added.id)
    # a new title moves the row under the sort, and the selection goes with it
    record = demo.event(added.id)
    push(undo_stack, UpdateRecordCommand(demo, state, "event", record,
                                         dataclasses.replace(record, title="A zz renamed")))
    assert current_id(dock) == added.id
    assert_matches_store(lists, demo)
    # out of the filter: the row leaves the list, the record stays
    record = demo.event(added.id)
    push(undo_stack, UpdateRecordCommand(demo, state, "event", record,
                                         dataclasses.replace(record, title="Out of sight")))
    assert shown(dock) == []
    assert dock.model.row_of(added.id) == -1
    assert demo.event(added.id).title == "Out of sight"
    assert_matches_store(lists, demo)
    push(undo_stack, DeleteRecordCommand(demo, state, "event", demo.event(added.id)))
    assert dock.model.row_of(added.id) == -1
    assert_matches_store(lists, demo)
    for _ in range(4):
        undo_stack.undo()
        assert_matches_store(lists, demo)
    assert dock.model.row_of(added.id) == -1
    for _ in range(4):
        undo_stack.redo()
        assert_matches_store(lists, demo)
    assert watch.resets == 0
    dock.filter_edit.clear()
    assert_matches_store(lists, demo)


def test_position_add_edit_delete_undo_redo(lists, demo, state, undo_stack):
    dock = lists["position"]
    dock.table.sortByColumn(0, Qt.AscendingOrder)  # by date
    party, issue = demo.parties()[0], demo.issues()[0]
    watch = Resets(dock.model)
    added = Position(party.id, issue.id, PartialDate.parse("2022-05-04"), Stance.OFFERS,
                     "Fresh summary")
    push(undo_stack, AddRecordCommand(demo, state, "position", added))
    assert dock.model.row_of(added.id) >= 0
    assert_matches_store(lists, demo)
    state.select("position", added.id)
    record = demo.position(added.id)
    push(undo_stack, UpdateRecordCommand(
        demo, state, "position", record,
        dataclasses.replace(record, date=PartialDate.parse("1990"), summary="Moved to the top")))
    assert current_id(dock) == added.id
    assert_matches_store(lists, demo)
    push(undo_stack, DeleteRecordCommand(demo, state, "position", demo.position(added.id)))
    assert_matches_store(lists, demo)
    for _ in range(3):
        undo_stack.undo()
        assert_matches_store(lists, demo)
    for _ in range(3):
        undo_stack.redo()
        assert_matches_store(lists, demo)
    assert watch.resets == 0


def test_deleting_a_party_updates_every_list_it_cascades_to(lists, demo, state, undo_stack):
    party = next(p for p in demo.parties()
                 if any(pos.party_id == p.id for pos in demo.positions()))
    lists["party"].table.sortByColumn(0, Qt.DescendingOrder)
    lists["position"].table.sortByColumn(4, Qt.AscendingOrder)  # by summary
    state.select("party", party.id)
    watches = {kind: Resets(dock.model) for kind, dock in lists.items()}
    push(undo_stack, DeleteRecordCommand(demo, state, "party", party))
    assert lists["party"].model.row_of(party.id) == -1
    assert all(lists["position"].model.record(r).party_id != party.id
               for r in range(lists["position"].model.rowCount()))
    assert_matches_store(lists, demo)
    undo_stack.undo()
    assert_matches_store(lists, demo)
    undo_stack.redo()
    assert_matches_store(lists, demo)
    undo_stack.undo()
    assert_matches_store(lists, demo)
    # renaming a party changes the names other lists show: they show the new name
    restored = demo.party(party.id)
    push(undo_stack, UpdateRecordCommand(demo, state, "party", restored,
                                         dataclasses.replace(restored, short_name="Renamed")))
    assert_matches_store(lists, demo)
    assert current_id(lists["party"]) == party.id
    assert any("Renamed" in cells[1] for _id, cells in shown(lists["position"]))
    # every list lost and regained rows, or changed their text, without a reset
    assert {kind: w.resets for kind, w in watches.items()} == dict.fromkeys(lists, 0)


def test_editing_an_event_a_position_answers_keeps_the_position_list(
        lists, demo, state, undo_stack):
    position = next(p for p in demo.positions() if p.event_id)
    dock = lists["position"]
    state.select("position", position.id)
    watch = Resets(dock.model)
    event = demo.event(position.event_id)
    push(undo_stack, UpdateRecordCommand(demo, state, "event", event,
                                         dataclasses.replace(event, title="Answered event")))
    answers = [c.title for c in dock.model.columns].index("Answers")
    row = dock.model.row_of(position.id)
    assert dock.model.index(row, answers).data() == "Answered event"
    assert watch.resets == 0
    assert current_id(dock) == position.id
    assert_matches_store(lists, demo)
    undo_stack.undo()
    assert_matches_store(lists, demo)


def test_a_change_without_ids_reloads_the_list(lists, demo, state):
    watch = Resets(lists["event"].model)
    state.notify_changed({"events"})
    assert watch.resets == 1
    assert_matches_store(lists, demo)
