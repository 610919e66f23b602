"""`GroupedHeaderView`: party headers under a band naming their group.

The band ("Principals", "Mediators", "Guarantors") spans the sections of one
role, so the grouping the grid's order implies is also visible. Groups come
from the model's `GridRole.GROUP` header data; a header without groups (the
issues) draws as a plain `QHeaderView`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from ..theme import window_scheme
from .model import GridRole

BAND = 20


class GroupedHeaderView(QHeaderView):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None):
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    def groups(self) -> list[tuple[str, int, int]]:
        """(label, first visual index, last visual index) for each run of one group."""
        model = self.model()
        if model is None:
            return []
        runs: list[tuple[str, int, int]] = []
        for visual in range(self.count()):
            logical = self.logicalIndex(visual)
            label = model.headerData(logical, self.orientation(), GridRole.GROUP) or ""
            if runs and runs[-1][0] == label:
                runs[-1] = (label, runs[-1][1], visual)
            else:
                runs.append((label, visual, visual))
        return [run for run in runs if run[0]]

    def _band(self) -> int:
        return BAND if self.groups() else 0

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        if self.orientation() == Qt.Orientation.Horizontal:
            size.setHeight(max(size.height(), 2 * self.fontMetrics().lineSpacing() + 8)
                           + self._band())
        else:
            size.setWidth(size.width() + self._band())
        return size

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        band = self._band()
        if band:
            if self.orientation() == Qt.Orientation.Horizontal:
                rect = rect.adjusted(0, band, 0, 0)
            else:
                rect = rect.adjusted(band, 0, 0, 0)
        super().paintSection(painter, rect, logical_index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        groups = self.groups()
        if not groups:
            return
        painter = QPainter(self.viewport())
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        horizontal = self.orientation() == Qt.Orientation.Horizontal
        scheme = window_scheme()
        for n, (label, first, last) in enumerate(groups):
            start = self.sectionViewportPosition(self.logicalIndex(first))
            end = (self.sectionViewportPosition(self.logicalIndex(last))
                   + self.sectionSize(self.logicalIndex(last)))
            if horizontal:
                box = QRect(start, 0, end - start, BAND)
            else:
                box = QRect(0, start, BAND, end - start)
            painter.fillRect(box, QColor(scheme.band_fills[n % 2]))
            painter.setPen(QPen(QColor(scheme.group_rule), 1))
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            painter.setPen(QColor(scheme.ink))
            if horizontal:
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            else:
                painter.save()
                painter.translate(box.center())
                painter.rotate(-90)
                painter.drawText(QRect(-box.height() // 2, -box.width() // 2, box.height(),
                                       box.width()), Qt.AlignmentFlag.AlignCenter, label)
                painter.restore()
        painter.end()
