"""The grid view: follows CaseState, selects for the inspector, steps dates, copies."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from negotiations_gui.domain import CellKey, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid import PositionGridView
from negotiations_gui.ui.grid.model import GridRole

from .helpers import d


@pytest.fixture
def state():
    return CaseState(d("2025-08-20"))


@pytest.fixture
def view(qtbot, grid_case, state):
    widget = PositionGridView(grid_case.store, state)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def click_cell(qtbot, view, party, issue, double=False):
    index = view.model.index_of(party.id if party else None, issue.id)
    view.table.scrollTo(index)
    rect = view.table.visualRect(index)
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def stance_shown(view, party, issue):
    return view.model.index_of(party.id, issue.id).data(GridRole.STANCE)


def test_moving_the_as_of_date_updates_the_grid(grid_case, view, state):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    c.add(c.israel, c.hostages, "2025-08-10", Stance.REJECTS)
    state.set_as_of(d("2025-08-05"))
    assert stance_shown(view, c.israel, c.hostages) == "offers"
    state.set_as_of(d("2025-08-12"))
    assert stance_shown(view, c.israel, c.hostages) == "rejects"
    assert view.heading.text() == "Positions as of 12 Aug 2025"


def test_compare_with_marks_changes_and_says_how_many(grid_case, view, state):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS)
    c.add(c.israel, c.hostages, "2025-08-12", Stance.CONDITIONAL)
    state.notify_changed({"positions"})
    state.set_compare_with(d("2025-08-05"))
    assert view.model.index_of(c.israel.id, c.hostages.id).data(GridRole.CHANGED) is True
    assert view.heading.text() == ("Positions as of 20 Aug 2025 (changes since 5 Aug 2025)"
                                   " — 1 cell changed")
    assert view.compare_field.text() == "2025-08-05"


def test_typing_a_compare_with_date_sets_it_on_the_state(view, state):
    view.compare_field.setText("2025-08")
    view.compare_field.editingFinished.emit()
    assert state.compare_with == d("2025-08")
    view.compare_field.setText("")
    view.compare_field.editingFinished.emit()
    assert state.compare_with is None


def test_an_invalid_compare_with_date_is_refused_with_the_reason(view, state):
    view.compare_field.setText("2025-13")
    view.compare_field.editingFinished.emit()
    assert state.compare_with is None
    assert "Month 13 does not exist" in view.compare_field.toolTip()


@pytest.mark.parametrize("tables", [{"positions"}, {"parties"}, {"assessments"}, {"sources"}])
def test_reloads_when_shown_records_change(grid_case, view, state, tables):
    c = grid_case
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.ACCEPTS)
    assert stance_shown(view, c.hamas, c.prisoners) is None
    state.notify_changed(tables)
    assert stance_shown(view, c.hamas, c.prisoners) == "accepts"


def test_ignores_changes_to_records_it_does_not_show(grid_case, view, state):
    c = grid_case
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.ACCEPTS)
    state.notify_changed({"events"})
    assert stance_shown(view, c.hamas, c.prisoners) is None


def test_clicking_a_cell_selects_its_position(qtbot, grid_case, view, state):
    c = grid_case
    position = c.add(c.hamas, c.prisoners, "2025-08-01", Stance.ACCEPTS)
    state.notify_changed({"positions"})
    with qtbot.waitSignal(state.selectionChanged) as blocker:
        click_cell(qtbot, view, c.hamas, c.prisoners)
    assert blocker.args == ["position", position.id]


def test_clicking_an_empty_cell_selects_the_cell(qtbot, grid_case, view, state):
    c = grid_case
    with qtbot.waitSignal(state.selectionChanged) as blocker:
        click_cell(qtbot, view, c.turkey, c.disarmament)
    assert blocker.args == ["cell", CellKey(c.turkey.id, c.disarmament.id)]


def test_clicking_the_gap_selects_the_issue(qtbot, grid_case, view, state):
    c = grid_case
    with qtbot.waitSignal(state.selectionChanged) as blocker:
        click_cell(qtbot, view, None, c.disarmament)
    assert blocker.args == ["issue", c.disarmament.id]


def test_a_position_selected_elsewhere_becomes_the_current_cell(grid_case, view, state):
    c = grid_case
    position = c.add(c.egypt, c.hostages, "2025-08-01", Stance.OFFERS)
    state.notify_changed({"positions"})
    state.select("position", position.id)
    assert view.table.currentIndex() == view.model.index_of(c.egypt.id, c.hostages.id)


def test_double_click_asks_for_a_new_position_for_that_party_and_issue(qtbot, grid_case, view):
    c = grid_case
    with qtbot.waitSignal(view.newPositionRequested) as blocker:
        click_cell(qtbot, view, c.hamas, c.disarmament, double=True)
    assert blocker.args == [CellKey(c.hamas.id, c.disarmament.id)]


def test_double_click_on_a_party_header_asks_to_edit_the_party(qtbot, grid_case, view):
    c = grid_case
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    with qtbot.waitSignal(view.editRequested) as blocker:
        qtbot.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton,
                          pos=QPoint(x, header.height() - 5))
    assert blocker.args == ["party", c.hamas.id]


def test_ctrl_right_and_left_step_between_dated_changes(qtbot, grid_case, view, state):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    c.add(c.hamas, c.hostages, "2025-08-10", Stance.REJECTS)
    c.add(c.egypt, c.hostages, "2025-09", Stance.OFFERS)
    state.set_as_of(d("2025-08-05"))
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # shortcuts work in the active window only
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-08-10")
    assert stance_shown(view, c.hamas, c.hostages) == "rejects"
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-09-01")  # a month change shows from its first day
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-09-01")  # nothing later: stays
    qtbot.keyClick(view.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-08-10")
    qtbot.keyClick(view.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-08-01")
    # a change recorded meanwhile is stepped to once the store says positions changed
    c.add(c.turkey, c.hostages, "2025-08-05", Stance.OFFERS)
    state.notify_changed({"positions"})
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert state.as_of == d("2025-08-05")


def test_changes_only_toggle_dims_unchanged_cells(grid_case, view, state):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-12", Stance.CONDITIONAL)
    c.add(c.hamas, c.hostages, "2025-08-02", Stance.REJECTS)
    state.notify_changed({"positions"})
    state.set_compare_with(d("2025-08-05"))
    view.changes_only_action.trigger()
    assert view.model.index_of(c.hamas.id, c.hostages.id).data(GridRole.DIMMED) is True
    assert view.model.index_of(c.israel.id, c.hostages.id).data(GridRole.DIMMED) is False


def test_transpose_button_swaps_rows_and_columns(grid_case, view):
    assert view.model.columnCount() == 5
    view.transpose_action.trigger()
    assert view.model.rowCount() == 5 and view.model.columnCount() == 6
    assert view.model.headerData(0, Qt.Orientation.Vertical) == "ISR"


def test_parties_menu_hides_and_shows_a_party(grid_case, view):
    c = grid_case
    view.parties_menu.aboutToShow.emit()
    actions = {visible(a.text()): a for a in view.parties_menu.actions() if a.isCheckable()}
    assert list(actions) == ["Israel (principal)", "Hamas (principal)", "Egypt (mediator)",
                             "Turkey (guarantor)"]
    actions["Egypt (mediator)"].setChecked(False)
    assert c.egypt.id in view.model.hidden_party_ids
    assert [p.name for p in view.model.visible_parties] == ["Israel", "Hamas", "Turkey"]
    view.parties_menu.aboutToShow.emit()
    shown = {visible(a.text()): a.isChecked() for a in view.parties_menu.actions()
             if a.isCheckable()}
    assert shown["Egypt (mediator)"] is False
    [show_all] = [a for a in view.parties_menu.actions() if a.text() == "Show all"]
    show_all.trigger()
    assert view.model.hidden_party_ids == frozenset()


def test_issues_menu_hides_an_issue(grid_case, view):
    c = grid_case
    view.issues_menu.aboutToShow.emit()
    [action] = [a for a in view.issues_menu.actions() if a.text() == "Prisoners"]
    action.setChecked(False)
    assert "Prisoners" not in [i.name for i in view.model.visible_issues]
    assert c.prisoners.id in view.model.hidden_issue_ids


def test_copy_puts_the_selected_cells_on_the_clipboard(qtbot, grid_case, view, state):
    c = grid_case
    c.add(c.hamas, c.disarmament, "2025-08-12", Stance.RED_LINE, "Will not disarm")
    state.notify_changed({"positions"})
    click_cell(qtbot, view, c.hamas, c.disarmament)
    view.copy_action.trigger()
    assert visible(QGuiApplication.clipboard().text()) == (
        "Hamas on Disarmament: ⛔ Red line: Will not disarm (12 Aug 2025)")
    view.table.selectAll()
    view.copy_action.trigger()
    lines = visible(QGuiApplication.clipboard().text()).split("\n")
    assert lines[0] == "Issue\tIsrael\tHamas\tEgypt\tTurkey\tGap"
    assert len(lines) == 7


def test_history_panel_sits_under_the_grid_until_a_window_docks_it(view):
    assert view.history_panel.parent() is view.splitter
    panel = view.take_history_panel()
    assert panel.parent() is None
    panel.deleteLater()


def test_paints_every_kind_of_cell_without_error(grid_case, view, state, source_b2):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS, "word " * 80,
          source_ids=(source_b2.id,))
    c.add(c.israel, c.hostages, "2025-08-12", Stance.CONDITIONAL, "עברית والعربية")
    state.notify_changed({"positions"})
    state.set_compare_with(d("2025-08-05"))
    view.changes_only_action.trigger()
    view.show()
    image = view.grab()
    assert not image.isNull()
    view.transpose_action.trigger()
    assert not view.grab().isNull()
    QApplication.processEvents()


def test_a_selected_cell_stays_selected_as_the_date_moves(qtbot, grid_case, view, state):
    c = grid_case
    old = c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    new = c.add(c.israel, c.hostages, "2025-08-10", Stance.REJECTS)
    state.set_as_of(d("2025-08-05"))
    click_cell(qtbot, view, c.israel, c.hostages)
    assert state.selection == ("position", old.id)
    state.set_as_of(d("2025-08-12"))
    assert state.selection == ("position", new.id)  # the inspector shows the cell's position now
    state.set_as_of(d("2025-07-01"))
    assert state.selection == ("cell", CellKey(c.israel.id, c.hostages.id))


def test_a_selection_elsewhere_is_not_taken_over_when_the_date_moves(qtbot, grid_case, view,
                                                                     state):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    state.notify_changed({"positions"})
    click_cell(qtbot, view, c.israel, c.hostages)
    state.select("event", "some-event")
    state.set_as_of(d("2025-08-12"))
    assert state.selection == ("event", "some-event")
    click_cell(qtbot, view, c.israel, c.hostages)  # the current cell, clicked again
    assert state.selection[0] == "position"


def test_enter_on_a_cell_asks_for_a_new_position(qtbot, grid_case, view):
    c = grid_case
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select_cell(CellKey(c.turkey.id, c.prisoners.id))
    view.table.setFocus()
    with qtbot.waitSignal(view.newPositionRequested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [CellKey(c.turkey.id, c.prisoners.id)]


def test_a_case_with_no_parties_or_issues_shows_an_empty_grid(qtbot, qtmodeltester, case_path):
    from negotiations_gui.domain import CaseInfo
    from negotiations_gui.store import CaseStore

    with CaseStore.create(case_path.with_name("bare.nego"), CaseInfo("Bare"),
                          default_issues=False) as bare:
        widget = PositionGridView(bare, CaseState(d("2025-08-20")))
        qtbot.addWidget(widget)
        assert widget.model.rowCount() == 0
        qtmodeltester.check(widget.model)
        assert widget.selected_text() == ""
        widget.grab()


def test_the_view_marks_a_gap_that_moved_and_rereads_it_after_a_change(grid_case, view, state):
    c = grid_case
    c.add(c.israel, c.prisoners, "2025-08-01", Stance.DEMANDS)
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.REJECTS)
    c.add(c.hamas, c.prisoners, "2025-08-12", Stance.CONDITIONAL)
    state.notify_changed({"positions"})
    state.set_compare_with(d("2025-08-05"))
    gap = view.model.index_of(None, c.prisoners.id)
    assert gap.data(GridRole.CHANGE_TEXT) == "○ Wide → ◐ Narrowing"
    # a position recorded before the compare date changes the gap then too
    c.add(c.hamas, c.prisoners, "2025-08-02", Stance.OFFERS)
    state.notify_changed({"positions"})
    assert view.model.index_of(None, c.prisoners.id).data(GridRole.CHANGED) is False


def test_a_deleted_view_no_longer_listens_to_the_state(qtbot, grid_case, state):
    widget = PositionGridView(grid_case.store, state)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget))
    state.set_as_of(d("2025-09-01"))  # would raise on a deleted C++ object
    state.notify_changed({"positions"})


def _alive(widget) -> bool:
    from shiboken6 import isValid
    return isValid(widget)
