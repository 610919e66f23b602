"""Issue 14 items 1, 5, 6, 10, 17: what a new user meets in the first hour:
Delete acts on what is focused and asks, the first layout leaves the panes the
room, the toolbar keeps its labels, Undo works from a date field, "Saved 14:02"."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from negotiations_gui.domain import Event, Party, Position, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.settings import CONFIRM_DELETE

from ..dates import d


@pytest.fixture
def shown(qtbot, window):
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def seed(window):
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    issue = store.issues()[0]
    event = store.add_event(Event(d("2025-08-10"), "Mediators present Hamas with a proposal",
                                  "meeting", party_ids=(hamas.id,)))
    position = store.add_position(Position(hamas.id, issue.id, d("2025-08-12"),
                                           Stance.CONDITIONAL, "A deal if the war ends"))
    window.state.notify_changed({"parties", "events", "positions"})
    window.state.set_as_of(d("2025-08-20"))
    return hamas, issue, event, position


def click_cell(qtbot, grid, party_id, issue_id):
    index = grid.model.index_of(party_id, issue_id)
    rect = grid.table.visualRect(grid.table.model().index(index.row(), index.column())
                                 if grid.table.model() is not grid.model else index)
    qtbot.mouseClick(grid.table.viewport(), Qt.LeftButton, pos=rect.center())


# -- item 1 ---------------------------------------------------------------------------------


def test_delete_acts_on_the_focused_highlighted_record_names_it_and_asks(
        qtbot, shown, answers):
    hamas, issue, event, position = seed(shown)
    grid = shown.grid_pane
    click_cell(qtbot, grid, hamas.id, issue.id)
    assert shown.state.selection == ("position", position.id)
    events = shown.list_docks["event"]
    events.show()
    events.raise_()
    table = events.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    rect = table.visualRect(table.model().index(0, 2))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key_Delete)
    assert answers.asked, "Delete did not ask"
    assert visible(answers.asked[-1]).startswith(
        "Delete event “Mediators present Hamas with a proposal”?")
    assert [e.id for e in shown.store.events()] == []  # the event, not the position, went
    assert [p.id for p in shown.store.positions()] == [position.id]
    shown.window_actions.undo.trigger()
    assert [e.id for e in shown.store.events()] == [event.id]


def test_declining_keeps_the_record_and_the_preference_stops_the_question(
        qtbot, shown, answers, settings):
    hamas, issue, _event, _position = seed(shown)
    click_cell(qtbot, shown.grid_pane, hamas.id, issue.id)
    shown.grid_pane.table.setFocus()
    answers.yes = False
    shown.window_actions.delete.trigger()
    assert "Delete position" in answers.asked[-1] and shown.store.positions()
    from negotiations_gui.ui.dialogs import PreferencesDialog

    dialog = PreferencesDialog(settings, shown)
    qtbot.addWidget(dialog)
    assert dialog.confirm_delete.isChecked()
    qtbot.mouseClick(dialog.confirm_delete, Qt.LeftButton)
    dialog.save()
    assert settings.get(CONFIRM_DELETE) is False
    asked = len(answers.asked)
    shown.window_actions.delete.trigger()
    assert len(answers.asked) == asked and shown.store.positions() == []


# -- item 5 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_first_layout_gives_the_panes_most_of_the_room(qtbot, make_window, case_path,
                                                           size):
    from negotiations_gui.domain import CaseInfo

    window = make_window()
    window.resize(*size)
    assert window.create_case(case_path, CaseInfo("New"))
    window.show()
    qtbot.waitExposed(window)
    width, height = size
    qtbot.waitUntil(lambda: window.inspector.width() <= width * 0.3)
    assert window.splitter.width() >= width * 0.65
    assert window.grid_pane.width() >= width * 0.3
    # the lists take what is left below
    qtbot.waitUntil(lambda: window.splitter.height() >= height * 0.5)
    # moved by the user, then View > Reset Layout puts it back
    window.resizeDocks([window.inspector], [int(width * 0.6)], Qt.Horizontal)
    qtbot.waitUntil(lambda: window.inspector.width() > width * 0.4)
    window.window_actions.reset_layout.trigger()
    qtbot.waitUntil(lambda: window.inspector.width() <= width * 0.3)


# -- item 6 ---------------------------------------------------------------------------------


def test_toolbar_labels_stay_put_and_the_dates_stay_visible(qtbot, shown):
    hamas, issue, _event, _position = seed(shown)
    undo = shown.window_actions.toolbar_buttons["Undo"]
    before = undo.geometry()
    from negotiations_gui.domain import Position as P
    from negotiations_gui.ui.commands import AddRecordCommand

    shown.push(AddRecordCommand(shown.store, shown.state, "position",
                                P(hamas.id, issue.id, d("2025-08-15"), Stance.ACCEPTS, "Yes")))
    assert undo.text() == "Undo" and undo.geometry() == before
    assert undo.toolTip().startswith("Undo ") and len(undo.toolTip()) > len("Undo (Ctrl+Z)")
    assert shown.window_actions.undo.text().startswith("&Undo ")  # the menu keeps the full text
    bar = shown.date_bar
    assert bar.isVisible() and bar.as_of_input.isVisible() and bar.compare_input.isVisible()
    right = bar.mapTo(shown, bar.rect().topRight()).x()
    assert right <= shown.width()


# -- item 10 --------------------------------------------------------------------------------


def test_undo_and_redo_from_a_date_field(qtbot, shown):
    hamas, issue, _event, _position = seed(shown)
    from negotiations_gui.ui.commands import AddRecordCommand

    shown.push(AddRecordCommand(shown.store, shown.state, "position",
                                Position(hamas.id, issue.id, d("2025-08-15"), Stance.ACCEPTS)))
    assert len(shown.store.positions()) == 2
    field = shown.date_bar.as_of_input.edit
    qtbot.mouseClick(field, Qt.LeftButton)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key_Z, Qt.ControlModifier)
    assert len(shown.store.positions()) == 1
    qtbot.keyClick(field, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(shown.store.positions()) == 2
    # while the field has typing of its own to undo, Ctrl+Z undoes the typing
    qtbot.keyClicks(field, "x")
    qtbot.keyClick(field, Qt.Key_Z, Qt.ControlModifier)
    assert len(shown.store.positions()) == 2 and "x" not in field.text()


# -- item 17 --------------------------------------------------------------------------------


def test_the_status_bar_says_each_change_is_saved(qtbot, shown):
    import re

    assert shown.saved_label.text() == ""
    seed(shown)
    assert re.fullmatch(r"Saved \d\d:\d\d", shown.saved_label.text())
    assert "nothing to save" in shown.saved_label.toolTip()
    assert shown.saved_label.isVisible()
