"""Work the window's first paint need not wait for, done once the window has painted.

A user opening a case waits for the first painted window; work that only
prepares what comes next (a large case's open-time check, store/open_check.py)
is handed to `AfterFirstPaint.add` and runs on the event loop's next pass after
the window's first paint event, when the whole window has been drawn. Work
added once the window has painted runs on the next pass; a window that is
never painted (opened minimised, or never shown) still gets it done after
`LATEST_MS`. Parts of the window reach it by `defer_to_first_paint(widget, work)`
(a large case's timeline is read after the first paint: ui/timeline/background_read.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

# the longest work waits for a window that does not paint
LATEST_MS = 2000
_NAME = "after_first_paint"


def defer_to_first_paint(widget: QObject | None, work: Callable[[], object]) -> bool:
    """Hand `work` to the first paint of `widget`'s window, if that window has an
    `AfterFirstPaint` and has not painted yet: True when handed (it runs then),
    False when the caller should do it now."""
    window = widget.window() if isinstance(widget, QWidget) else None
    later = (window.findChild(AfterFirstPaint, _NAME, Qt.FindChildOption.FindDirectChildrenOnly)
             if window is not None else None)
    if later is None or later.painted:
        return False
    later.add(work)
    return True


class AfterFirstPaint(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName(_NAME)
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
