"""Render the demo case's grid as of two dates: /tmp/venv/bin/python docs/make_screenshot_grid.py docs/screenshot-grid.png"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt, QRect
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication([])
from negotiations_gui.export.fonts import register_bundled_fonts
register_bundled_fonts()
from negotiations_gui.demo import demo_copy
from negotiations_gui.domain import PartialDate
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid import PositionGridView

store = CaseStore.open(demo_copy())
israel = next(p for p in store.parties() if p.name == "Israel")
hostages = next(i for i in store.issues() if i.name == "Hostages")
WIDTH = int(sys.argv[2]) if len(sys.argv) > 2 else 1560

def grab(as_of, since, height, history):
    state = CaseState(PartialDate.parse(as_of))
    state.set_compare_with(PartialDate.parse(since) if since else None)
    view = PositionGridView(store, state)
    if not history:
        view.take_history_panel().deleteLater()
    view.resize(WIDTH, height)
    view.show()
    app.processEvents()
    history_height = 150
    if history:
        view.select_cell(israel.id, hostages.id)
        view.splitter.setSizes([height - history_height, history_height])
        app.processEvents()
    slack = view.table.viewport().height() - view.table.verticalHeader().length()
    if slack > 0:  # no empty band under the last issue
        view.resize(WIDTH, view.height() - slack)
        if history:
            view.splitter.setSizes([view.height(), history_height])
        app.processEvents()
    image = view.grab().toImage()
    view.close()
    return image

top = grab("2025-07-31", None, 1000, False)
bottom = grab("2025-08-31", "2025-07-31", 1200, True)
band = 34
out = QImage(WIDTH, top.height() + bottom.height() + 2 * band, QImage.Format.Format_RGB32)
out.fill(QColor("white"))
p = QPainter(out)
font = QFont(app.font()); font.setPointSizeF(font.pointSizeF() * 1.25); font.setBold(True)
p.setFont(font)
y = 0
for title, image in (("1 · The grid as of 31 Jul 2025: before the August talks", top),
                     ("2 · As of 31 Aug 2025, changes since 31 Jul 2025 marked; history of Israel on Hostages below", bottom)):
    p.fillRect(QRect(0, y, WIDTH, band), QColor("#263238"))
    p.setPen(QColor("white"))
    p.drawText(QRect(12, y, WIDTH - 24, band), Qt.AlignmentFlag.AlignVCenter, title)
    y += band
    p.drawImage(0, y, image)
    y += image.height()
p.end()
out.save(sys.argv[1])
print(out.width(), out.height())
