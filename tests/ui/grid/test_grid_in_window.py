"""The grid in the main window: its pane, the history dock, the forms it opens."""

import pytest
from PySide6.QtWidgets import QDockWidget

from negotiations_gui.domain import CellKey, Issue, Party, PartyRole, Position, Stance
from negotiations_gui.domain.bidi import visible
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


def _hamas_rejects(window) -> CellKey:
    """Hamas, with one position (Rejects) on the first issue: that cell."""
    store = window.store
    hamas = store.add_party(Party("Hamas", role=PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    store.add_position(Position(hamas.id, issue.id, d("2020-01-01"), Stance.REJECTS, "No"))
    window.state.notify_changed({"parties", "positions"})
    return CellKey(hamas.id, issue.id)


def test_double_click_opens_the_position_form_prefilled(window):
    cell = _hamas_rejects(window)
    window.grid_pane.newPositionRequested.emit(cell)
    form = window.active_form
    assert form is not None
    assert CellKey(form.party_combo.currentData(), form.issue_combo.currentData()) == cell
    form.reject()


def test_selecting_a_cell_fills_the_history_dock(window):
    cell = _hamas_rejects(window)
    window.grid_pane.select_cell(cell)
    panel = window.grid_pane.history_panel
    assert panel.cell == cell
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


def test_a_cell_whose_ids_hold_a_slash_is_selected_shown_and_followed(qtbot, window):
    # ids are UUIDs when this program makes them, but a file may hold any text: the cell
    # key never joins them, so "gaza/north" on "hostages" is not "gaza" on "north/hostages"
    store = window.store
    gaza = store.add_party(Party("Gaza", id="gaza"))
    north = store.add_party(Party("Gaza North", id="gaza/north"))
    hostages = store.add_issue(Issue("Hostages", id="hostages"))
    north_hostages = store.add_issue(Issue("North/Hostages", id="north/hostages"))
    window.state.notify_changed({"parties", "issues"})
    key = CellKey(north.id, hostages.id)
    with qtbot.waitSignal(window.state.selectionChanged) as blocker:
        window.grid_pane.select_cell(key)
    assert blocker.args == ["cell", key] and window.state.selected_cell == key
    assert "Gaza North on Hostages" in visible(window.inspector.text())
    assert window.grid_pane.history_panel.cell == key
    grid = window.grid_pane
    # "gaza/north" + "/" + "hostages" was also "gaza" + "/" + "north/hostages": that cell
    grid.select_cell(CellKey(gaza.id, north_hostages.id))
    assert "Gaza on North/Hostages" in visible(window.inspector.text())
    window.state.select_cell(key)
    assert grid.table.currentIndex() == grid.model.index_of(north.id, hostages.id)
    assert grid.model.key_at(grid.table.currentIndex()) == key


def test_a_selection_of_a_cell_takes_a_cell_key(window):
    with pytest.raises(ValueError):
        window.state.select("cell", "gaza/hostages")
