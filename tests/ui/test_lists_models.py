"""Record lists and the interim panes: models pass qtmodeltester, sort, filter, choose columns,
and share the selection."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.demo import demo_copy
from negotiations_gui.domain import CellKey
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.lists.columns import Names
from negotiations_gui.ui.lists.list_dock import RecordListDock
from negotiations_gui.ui.lists.record_model import RECORD_ID_ROLE, RecordTableModel


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return demo_copy(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(demo_path):
    store = CaseStore.open(demo_path, read_only=True)
    yield store
    store.close()


@pytest.mark.parametrize("kind", ["event", "proposal", "position", "source", "party"])
def test_record_models_pass_the_model_tester(qtmodeltester, demo, kind):
    model = RecordTableModel(kind)
    model.set_store(demo, Names.of(demo))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


@pytest.fixture
def dock(qtbot, demo, settings):
    dock = RecordListDock("event", settings)
    qtbot.addWidget(dock)
    state = CaseState()
    dock.set_case(demo, state)
    return dock


def test_list_sorts_by_date_and_filters(dock, demo):
    table = dock.table
    dates = [dock.model.index(r, 0).data() for r in range(dock.model.rowCount())]
    isos = [e.date.iso for e in sorted(demo.events(), key=lambda e: e.date.iso)]
    assert len(dates) == len(isos)
    table.sortByColumn(0, Qt.DescendingOrder)
    first = dock.model.index(0, 0).data(RECORD_ID_ROLE)
    assert demo.event(first).date.iso == max(isos)
    title = demo.events()[0].title
    dock.filter_edit.setText(title[:12].upper())
    assert 1 <= dock.model.rowCount() < len(isos)
    dock.filter_edit.clear()
    assert dock.model.rowCount() == len(isos)


def test_column_choice_is_remembered(qtbot, dock, demo, settings):
    header = dock.table.horizontalHeader()
    end = [c.title for c in dock.model.columns].index("End")
    assert header.isSectionHidden(end)
    menu = dock.column_menu()
    menu.actions()[end].setChecked(True)
    assert not header.isSectionHidden(end)
    dock.save_header()
    again = RecordListDock("event", settings)
    qtbot.addWidget(again)
    assert not again.table.horizontalHeader().isSectionHidden(end)


def test_last_column_cannot_be_hidden(dock):
    header = dock.table.horizontalHeader()
    for section in range(header.count()):
        dock.set_column_visible(section, False)
    assert sum(not header.isSectionHidden(s) for s in range(header.count())) == 1


def test_selection_is_shared(qtbot, dock, demo):
    events = demo.events()
    with qtbot.waitSignal(dock.state.selectionChanged):
        dock.table.selectRow(1)
    kind, record_id = dock.state.selection
    assert kind == "event" and record_id == dock.model.index(1, 0).data(RECORD_ID_ROLE)
    dock.state.select("event", events[-1].id)
    assert dock.selected_id() == events[-1].id


def test_double_click_asks_to_edit(qtbot, dock):
    index = dock.model.index(0, 1)
    with qtbot.waitSignal(dock.editRequested) as blocker:
        dock.table.doubleClicked.emit(index)
    assert blocker.args == ["event", index.data(RECORD_ID_ROLE)]


def test_window_lists_follow_changes(window):
    from negotiations_gui.domain import Party
    from negotiations_gui.ui.commands import AddRecordCommand

    parties = window.list_docks["party"]
    assert parties.model.rowCount() == 0
    window.push(AddRecordCommand(window.store, window.state, "party", Party("Hamas")))
    assert parties.model.rowCount() == 1
    window.undo()
    assert parties.model.rowCount() == 0


def test_new_position_from_a_cell_starts_from_the_current_one(qtbot, window):
    from negotiations_gui.domain import PartialDate, Party, Position, Stance

    hamas = window.store.add_party(Party("Hamas"))
    issue = window.store.issues()[4]
    window.store.add_position(Position(hamas.id, issue.id, PartialDate.parse("2025-08-18"),
                                       Stance.CONDITIONAL, "If guarantees hold"))
    window.state.notify_changed({"parties", "positions"})
    # any grid's newPositionRequested(party, issue) lands in the window's position form
    window.records.new_position(CellKey(hamas.id, issue.id))
    form = window.active_form
    assert form.party_combo.currentData() == hamas.id
    assert form.issue_combo.currentData() == issue.id
    assert form.summary_edit.text() == "If guarantees hold"
    assert form.stance_combo.currentData() == Stance.CONDITIONAL.value


def test_lists_behind_tabs_reload_when_brought_forward(qtbot, window):
    from negotiations_gui.domain import Party
    from negotiations_gui.ui.commands import AddRecordCommand

    window.show()
    qtbot.waitExposed(window)
    parties, events = window.list_docks["party"], window.list_docks["event"]
    events.raise_()
    qtbot.waitUntil(lambda: parties.visibleRegion().isEmpty())
    window.push(AddRecordCommand(window.store, window.state, "party", Party("Hamas")))
    assert parties.model.rowCount() == 0  # not yet: it is hidden behind the events tab
    parties.raise_()
    qtbot.waitUntil(lambda: parties.model.rowCount() == 1)


def test_model_sorts_by_key_and_keeps_selection(qtbot, qtmodeltester, demo, settings):
    dock = RecordListDock("source", settings)
    qtbot.addWidget(dock)
    dock.set_case(demo, CaseState())
    grade = [c.title for c in dock.model.columns].index("Grade")
    dock.table.selectRow(2)
    chosen = dock.selected_id()
    dock.table.sortByColumn(grade, Qt.AscendingOrder)
    grades = [demo.source(dock.model.index(r, 0).data(RECORD_ID_ROLE)).grade_key
              for r in range(dock.model.rowCount())]
    assert grades == sorted(grades)
    assert dock.selected_id() == chosen  # the selection follows its row
    dock.table.sortByColumn(grade, Qt.DescendingOrder)
    assert dock.model.index(0, grade).data() == max(s.grade for s in demo.sources())
    qtmodeltester.check(dock.model)


def test_filter_matches_any_column_including_names(window):
    from negotiations_gui.domain import Event, PartialDate, Party

    store = window.store
    zed = store.add_party(Party("Zedland", short_name="ZDL"))
    by_party = store.add_event(Event(PartialDate.parse("2025-08"), "Talks", party_ids=(zed.id,)))
    by_text = store.add_event(Event(PartialDate.parse("2025-08"), "Visit", description="zdl envoy"))
    store.add_event(Event(PartialDate.parse("2025-08"), "Other"))
    window.state.notify_changed({"events", "parties"})
    dock = window.list_docks["event"]
    dock.filter_edit.setText("ZdL")
    shown = {dock.model.index(r, 0).data(RECORD_ID_ROLE) for r in range(dock.model.rowCount())}
    assert shown == {by_party.id, by_text.id}
    dock.filter_edit.clear()
    assert dock.model.rowCount() == 3
