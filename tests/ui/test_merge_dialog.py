"""The merge dialog shows conflicts side by side; the merge is one undo step."""

import dataclasses

from PySide6.QtWidgets import QLabel

from negotiations_gui.domain import Event, PartialDate
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.merge_dialog import MergeDialog


def test_a_conflict_side_by_side_and_one_undo_step(window, tmp_path):
    store = window.store
    event = store.add_event(Event(PartialDate.parse("2025-08-02"), "Talks in Cairo"))
    other = tmp_path / "other.nego"
    store.save_copy(other)
    store.update_event(dataclasses.replace(event, title="Talks in Doha"))
    with CaseStore.open(other) as theirs:
        theirs.author = "A. Levi"
        theirs.update_event(dataclasses.replace(event, title="Talks postponed"))
    window.merging.merge_case(other)
    dialog = window.merging.dialog
    assert isinstance(dialog, MergeDialog)
    (box,) = dialog.boxes
    cells = [box.table.item(0, c).text() for c in range(4)]
    assert cells == ["title", "Talks in Doha", "Talks postponed", "Talks in Doha"]
    headings = " ".join(label.text() for label in box.findChildren(QLabel))
    assert "edited by A. Levi" in headings and "edited by Test Analyst" in headings
    box.table.item(0, 3).setText("Talks moved to Doha")
    assert box.edited.isChecked()
    dialog.accept()
    assert store.event(event.id).title == "Talks moved to Doha"
    window.undo()
    assert store.event(event.id).title == "Talks in Doha"
    window.redo()
    assert store.event(event.id).title == "Talks moved to Doha"
