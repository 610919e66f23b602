"""Ctrl+Z from text fields: the case's Undo wherever the field has no typing of its own.

The keys are watched on whichever text field has the focus (ui/undo_keys.py), so
they must keep working as the focus moves from one field to another.
"""

from PySide6.QtCore import Qt

from negotiations_gui.domain import Party
from negotiations_gui.ui.commands import AddRecordCommand


def test_ctrl_z_undoes_the_case_change_from_each_field_the_focus_moves_to(qtbot, window):
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    for name in ("Qatar", "Egypt"):
        window.push(AddRecordCommand(window.store, window.state, "party", Party(name)))
    assert len(window.store.parties()) == 2
    dock = window.list_docks["event"]
    dock.raise_()
    for field, left in ((window.date_bar.as_of_input.edit, 1), (dock.filter_edit, 0)):
        qtbot.mouseClick(field, Qt.LeftButton)
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClick(field, Qt.Key_Z, Qt.ControlModifier)
        assert len(window.store.parties()) == left
    # typing of its own in the focused field: Ctrl+Z takes back the typing, not a change
    qtbot.keyClick(dock.filter_edit, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(window.store.parties()) == 1
    qtbot.keyClicks(dock.filter_edit, "x")
    qtbot.keyClick(dock.filter_edit, Qt.Key_Z, Qt.ControlModifier)
    assert len(window.store.parties()) == 1 and dock.filter_edit.text() == ""
