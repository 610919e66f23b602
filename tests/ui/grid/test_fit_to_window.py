"""Issue 14 item 7: the demo grid shows every party and issue when fitted to the window."""

from PySide6.QtCore import Qt

from negotiations_gui.demo import demo_copy
from negotiations_gui.ui.settings import GRID_FIT


def test_fit_to_window_shows_every_party_and_issue(qtbot, make_window, tmp_path, settings):
    window = make_window()
    window.resize(1600, 1000)
    assert window.open_case(demo_copy(tmp_path), remember=False)
    window.show()
    qtbot.waitExposed(window)
    grid = window.grid_pane
    table, model = grid.table, grid.table.model()

    def all_in_view() -> bool:
        viewport = table.viewport().rect()
        last = model.index(model.rowCount() - 1, model.columnCount() - 1)
        return viewport.contains(table.visualRect(last))

    assert not all_in_view()  # 6 parties and 6 issues do not fit at full size
    button = next(b for b in grid.findChildren(type(window.window_actions.toolbar_buttons["Undo"]))
                  if b.defaultAction() is grid.fit_action)
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(all_in_view)
    assert table.font().pointSizeF() < grid.font().pointSizeF()  # smaller text
    index = model.index(0, 0)
    assert index.data(Qt.ToolTipRole)  # the full text on hover
    assert settings.get(GRID_FIT) is True  # remembered
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not all_in_view())
