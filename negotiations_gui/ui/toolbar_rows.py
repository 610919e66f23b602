"""The dates toolbar (As of, As known on, Compare with) beside the main toolbar when
the window is wide enough for both, on a row of its own under it when it is not.

A toolbar does not wrap: what does not fit goes behind its » button, and the
dates are what an analyst changes most, so they must never be hidden there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget

# the window's frame, the toolbars' handles and the gap between them
_MARGIN = 40


def dates_toolbar(window: QMainWindow, date_bar: QWidget) -> QToolBar:
    bar = QToolBar("Dates", window)
    bar.setObjectName("dates_toolbar")
    bar.addWidget(date_bar)
    return bar


class ToolbarRows(QObject):
    """Puts `dates` beside `main`, or under it when both do not fit (on every resize)."""

    def __init__(self, window: QMainWindow, main: QToolBar, dates: QToolBar):
        super().__init__(window)
        self.window, self.main, self.dates = window, main, dates
        window.installEventFilter(self)

    @property
    def bars(self) -> tuple[QToolBar, QToolBar]:
        return (self.main, self.dates)

    def fit(self) -> None:
        if self.window.toolBarArea(self.dates) != self.window.toolBarArea(self.main) \
                or self.window.toolBarArea(self.main) != Qt.ToolBarArea.TopToolBarArea:
            return  # the user moved one: their layout stays
        needed = self.main.sizeHint().width() + self.dates.sizeHint().width() + _MARGIN
        wrapped = self.window.toolBarBreak(self.dates)
        if needed > self.window.width() and not wrapped:
            self.window.insertToolBarBreak(self.dates)
        elif needed <= self.window.width() and wrapped:
            self.window.removeToolBarBreak(self.dates)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False
