"""Work the window's first paint need not wait for, done once the window has painted.

A user opening a case waits for the first painted window; work that only
prepares what comes next (a large case's open-time check, store/open_check.py)
is handed to `AfterFirstPaint.add` and runs on the event loop's next pass after
the window's first paint event, when the whole window has been drawn. Work
added once the window has painted runs on the next pass; a window that is
never painted (opened minimised, or never shown) still gets it done after
`LATEST_MS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# the longest work waits for a window that does not paint
LATEST_MS = 2000


class AfterFirstPaint(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.painted = False
        self._queued: list[Callable[[], object]] = []
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.setInterval(LATEST_MS)
        self._latest.timeout.connect(self._run)
        window.installEventFilter(self)  # the window's own events only, until it paints

    def add(self, work: Callable[[], object]) -> None:
        """Do `work` once the window has painted (soon, if it has)."""
        self._queued.append(work)
        if self.painted:
            QTimer.singleShot(0, self._run)
        elif not self._latest.isActive():
            self._latest.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after the children have painted too
        return False

    def _run(self) -> None:
        self._latest.stop()
        queued, self._queued = self._queued, []
        for work in queued:
            work()
