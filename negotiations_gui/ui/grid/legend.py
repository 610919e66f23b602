"""`StanceLegend`: one line under the grid saying what each colour and symbol means."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain import Gap, Stance, grid_text
from ...domain.palette import LIGHT, Scheme
from ..theme import window_scheme

_CHIP_GAP = 10


def legend_items(scheme: Scheme = LIGHT) -> list[tuple[str, str]]:
    """(text, background colour) for each stance, the empty cell and the change mark."""
    items = [(grid_text.stance_text(s), scheme.stance_fill[s]) for s in Stance]
    items.append((grid_text.NO_POSITION, scheme.empty_fill))
    items.append((f"{grid_text.CHANGE_MARK} NEW / CHANGED stance since the compare date", ""))
    items.append((f"{grid_text.REWORD_MARK} REWORDED: same stance, new words",
                  scheme.empty_fill))
    gaps = "  ".join(f"{grid_text.gap_symbol(g)} {g.label}" for g in Gap)
    items.append(("Gap: " + gaps, scheme.gap_fill))
    return items


class StanceLegend(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stanceLegend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("\n".join(f"{grid_text.stance_text(s)}: {s.meaning}" for s in Stance))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)

    def _chips(self, width: int) -> list[tuple[QRect, str, str]]:
        metrics = QFontMetrics(self.font())
        height = metrics.height() + 6
        x, y, chips = 4, 3, []
        for text, colour in legend_items(window_scheme()):
            chip_width = metrics.horizontalAdvance(text) + 12
            if x + chip_width > width and x > 4:
                x, y = 4, y + height + 4
            chips.append((QRect(x, y, chip_width, height), text, colour))
            x += chip_width + _CHIP_GAP
        return chips

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        chips = self._chips(width)
        return chips[-1][0].bottom() + 4 if chips else 0

    def sizeHint(self) -> QSize:
        width = max(self.width(), 400)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(self.width())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        scheme = window_scheme()
        for rect, text, colour in self._chips(self.width()):
            if colour:
                painter.fillRect(rect, QColor(colour))
                painter.setPen(QPen(QColor(scheme.chip_edge), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QColor(scheme.ink))
                painter.setFont(self.font())
            else:  # the change mark: drawn as on the grid (white on black when light)
                painter.fillRect(rect, QColor(scheme.change_mark))
                painter.setPen(QColor(scheme.change_mark_text))
                bold = QFont(self.font())
                bold.setBold(True)
                painter.setFont(bold)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
