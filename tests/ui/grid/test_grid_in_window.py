"""The grid in the main window: its pane, the history dock, the forms it opens."""

from PySide6.QtWidgets import QDockWidget

from negotiations_gui.domain import Party, PartyRole, Position, Stance
from negotiations_gui.ui.grid import CellHistoryPanel, PositionGridView

from .helpers import d


def history_docks(window):
    return [dock for dock in window.findChildren(QDockWidget)
            if isinstance(dock.widget(), CellHistoryPanel)]


def test_the_window_shows_the_grid_and_docks_its_history(window):
    assert isinstance(window.grid_pane, PositionGridView)
    [dock] = history_docks(window)
    assert dock.widget() is window.grid_pane.history_panel
    assert not window.grid_pane.compare_field.isVisibleTo(window.grid_pane)


def test_the_history_dock_goes_with_the_case(qtbot, window):
    window.close_case()
    qtbot.waitUntil(lambda: history_docks(window) == [])


def test_double_click_opens_the_position_form_prefilled(window):
    store = window.store
    hamas = store.add_party(Party("Hamas", role=PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    store.add_position(Position(hamas.id, issue.id, d("2020-01-01"), Stance.REJECTS, "No"))
    window.state.notify_changed({"parties", "positions"})
    window.grid_pane.newPositionRequested.emit(hamas.id, issue.id)
    assert window.active_form is not None
    window.active_form.reject()


def test_selecting_a_cell_fills_the_history_dock(window):
    store = window.store
    hamas = store.add_party(Party("Hamas", role=PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    store.add_position(Position(hamas.id, issue.id, d("2020-01-01"), Stance.REJECTS, "No"))
    window.state.notify_changed({"parties", "positions"})
    window.grid_pane.select_cell(hamas.id, issue.id)
    panel = window.grid_pane.history_panel
    assert panel.cell == (hamas.id, issue.id)
    assert panel.model.rowCount() == 1


def test_ctrl_right_steps_the_as_of_date_from_anywhere_in_the_window(qtbot, window):
    from PySide6.QtCore import Qt

    store = window.store
    hamas = store.add_party(Party("Hamas", role=PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    for date in ("2020-01-01", "2020-02-01"):
        store.add_position(Position(hamas.id, issue.id, d(date), Stance.REJECTS))
    window.state.notify_changed({"parties", "positions"})
    window.state.set_as_of(d("2020-01-15"))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.timeline_pane.setFocus()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Right,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.state.as_of == d("2020-02-01")
