"""Issue 14 item 15: a cell whose summary alone was edited is marked apart from a
cell whose stance changed, in the grid, its heading and its legend."""

from PySide6.QtCore import Qt

from negotiations_gui.domain import PartialDate, Party, Position, Stance
from negotiations_gui.ui.grid.legend import legend_items
from negotiations_gui.ui.grid.roles import GridRole

D = PartialDate.parse


def test_a_rewording_is_marked_apart_from_a_change_of_stance(qtbot, window):
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    first, second = store.issues()[0].id, store.issues()[1].id
    for issue, day, stance, words in (
            (first, "2025-08-01", Stance.REJECTS, "No partial deal"),
            (first, "2025-08-12", Stance.REJECTS, "No partial deal, ever"),  # only reworded
            (second, "2025-08-01", Stance.REJECTS, "No exchange"),
            (second, "2025-08-12", Stance.CONDITIONAL, "An exchange if the war ends")):
        store.add_position(Position(hamas.id, issue, D(day), stance, words))
    window.state.notify_changed({"positions", "parties"})
    window.state.set_as_of(D("2025-08-20"))
    window.show()
    qtbot.waitExposed(window)
    field = window.date_bar.compare_input
    qtbot.mouseClick(field.edit, Qt.LeftButton)
    qtbot.keyClicks(field.edit, "5 Aug 2025")
    qtbot.keyClick(field.edit, Qt.Key_Return)
    grid = window.grid_pane
    model = grid.model
    assert model.index_of(hamas.id, first).data(GridRole.CHANGE_TAG) == "REWORDED"
    assert model.index_of(hamas.id, second).data(GridRole.CHANGE_TAG) == "CHANGED"
    assert "2 cells changed (1 only reworded)" in grid.heading.text()
    texts = [text for text, _colour in legend_items()]
    assert any(t.startswith("△ REWORDED") for t in texts)
    assert any("CHANGED stance" in t for t in texts)
    tooltip = model.index_of(hamas.id, first).data(Qt.ToolTipRole) or ""
    assert "Reworded since 5 Aug 2025, stance unchanged" in tooltip
