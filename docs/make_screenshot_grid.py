"""Render the demo case's position grid as of two dates into one PNG.

    /tmp/venv/bin/python docs/make_screenshot_grid.py docs/screenshot-grid.png

Top: as of 31 Jul 2025. Bottom: as of 31 Aug 2025 with the changes since
31 Jul 2025 marked, and the history of Israel on Hostages (a cell with two
positions) in the panel under the grid. Offscreen, with the bundled fonts.
"""

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

WIDTH = 1560
HISTORY_HEIGHT = 150
TITLE_BAND = 34


def grab(app, store, as_of, since, height, cell=None) -> QImage:
    from negotiations_gui.domain import PartialDate
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.grid import PositionGridView

    state = CaseState(PartialDate.parse(as_of))
    state.set_compare_with(PartialDate.parse(since) if since else None)
    view = PositionGridView(store, state)
    if cell is None:
        view.take_history_panel().deleteLater()
    view.resize(WIDTH, height)
    view.show()
    app.processEvents()
    if cell is not None:
        view.select_cell(*cell)
        view.splitter.setSizes([height - HISTORY_HEIGHT, HISTORY_HEIGHT])
        app.processEvents()
    slack = view.table.viewport().height() - view.table.verticalHeader().length()
    if slack > 0:  # no empty band under the last issue
        view.resize(WIDTH, view.height() - slack)
        if cell is not None:
            view.splitter.setSizes([view.height(), HISTORY_HEIGHT])
        app.processEvents()
    image = view.grab().toImage()
    view.close()
    return image


def main(out: str) -> None:
    app = QApplication([])
    from negotiations_gui.demo import demo_copy
    from negotiations_gui.export.fonts import register_bundled_fonts
    from negotiations_gui.store import CaseStore

    register_bundled_fonts()
    folder = tempfile.TemporaryDirectory(prefix="screenshot-grid-")
    store = CaseStore.open(demo_copy(folder.name))
    israel = next(p for p in store.parties() if p.name == "Israel")
    hostages = next(i for i in store.issues() if i.name == "Hostages")
    panels = [
        ("1 · The grid as of 31 Jul 2025: before the August talks",
         grab(app, store, "2025-07-31", None, 1000)),
        (("2 · As of 31 Aug 2025, changes since 31 Jul 2025 marked; "
          "history of Israel on Hostages below"),
         grab(app, store, "2025-08-31", "2025-07-31", 1200, (israel.id, hostages.id))),
    ]
    height = sum(image.height() + TITLE_BAND for _, image in panels)
    out_image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    out_image.fill(QColor("white"))
    painter = QPainter(out_image)
    font = QFont(app.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    painter.setFont(font)
    y = 0
    for title, image in panels:
        painter.fillRect(QRect(0, y, WIDTH, TITLE_BAND), QColor("#263238"))
        painter.setPen(QColor("white"))
        painter.drawText(QRect(12, y, WIDTH - 24, TITLE_BAND), Qt.AlignmentFlag.AlignVCenter,
                         title)
        y += TITLE_BAND
        painter.drawImage(0, y, image)
        y += image.height()
    painter.end()
    out_image.save(out)
    store.close()
    folder.cleanup()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot-grid.png")
