"""The grid follows the desktop: under a dark application palette its cells, text and
marks come from palette.DARK (readable light-on-dark), under a light one from LIGHT."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from negotiations_gui.domain import Stance
from negotiations_gui.domain.palette import DARK, LIGHT
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid.view import PositionGridView
from negotiations_gui.ui.theme import window_scheme

from .helpers import d


@pytest.fixture
def dark_desktop(qapp):
    saved = QApplication.palette()
    dark = QPalette(saved)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2d2d2d"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    QApplication.setPalette(dark)
    yield
    QApplication.setPalette(saved)


def test_the_scheme_follows_the_window_colour(qapp, dark_desktop):
    assert window_scheme() is DARK


def test_a_light_desktop_gets_the_light_scheme(qapp):
    assert window_scheme() is LIGHT


def test_dark_grid_cells_are_painted_with_the_dark_fills(qtbot, grid_case, dark_desktop):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    view = PositionGridView(c.store, CaseState(d("2025-08-20")))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    offers = view.model.index_of(c.israel.id, c.hostages.id)
    empty = view.model.index_of(c.hamas.id, c.hostages.id)
    assert offers.data(Qt.ItemDataRole.BackgroundRole) == QColor(DARK.stance_fill[Stance.OFFERS])
    assert empty.data(Qt.ItemDataRole.BackgroundRole) == QColor(DARK.empty_fill)
    # what is on screen: the cell's ground, a little inside its corner, is the dark fill
    table = view.table
    rect = table.visualRect(offers)
    shot = table.viewport().grab().toImage()
    corner = rect.topLeft() + QPoint(4, rect.height() // 2)  # inside the padding
    ratio = shot.devicePixelRatio()
    seen = shot.pixelColor(int(corner.x() * ratio), int(corner.y() * ratio))
    assert seen.name() == DARK.stance_fill[Stance.OFFERS]
