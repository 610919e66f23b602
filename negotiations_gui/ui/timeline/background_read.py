"""Reading a large case's timeline off the GUI thread: its items, then its changes of stance.

At 100k events the items take about a second to read and at a million several,
and a million positions' changes of stance take seconds too (docs/benchmarks.md):
time the window would otherwise spend frozen. A `BackgroundRead` runs one read
function on a worker thread (a connection of its own, no Qt object touched;
`ui/background.py`); the GUI thread collects the result on a short timer and
hands it on by signal. A newer request supersedes an older one. A read asked for
while the window is still to paint for the first time starts once it has
(ui/after_first_paint.py): the read's Python half holds the GIL, and begun beside
the window being built it slowed a 100k-event case's first paint by a third
(benchmarks/app_open.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from ..after_first_paint import defer_to_first_paint
from ..background import BackgroundWork

_POLL_MS = 30


class BackgroundRead(QObject):
    # what the read function returned, for the latest request
    loaded = Signal(object)
    # the read failed (the file gone or locked meanwhile): the reason in words
    failed = Signal(str)

    def __init__(self, read: Callable[..., Any], what: str, parent: QObject | None = None):
        """`read` runs on the worker thread with the arguments of `start`; `what` names
        what it reads, for the log."""
        super().__init__(parent)
        self._read = read
        self._work = BackgroundWork(f"{what} read", _POLL_MS, self)
        self._work.finished.connect(self.loaded)
        self._work.failed.connect(lambda error: self.failed.emit(str(error)))
        self._held: tuple | None = None  # the arguments of a read waiting for the first paint

    @property
    def busy(self) -> bool:
        return self._work.running or self._held is not None

    def start(self, *args: Any) -> None:
        self._work.cancel()  # superseded: its result, if it comes, is dropped
        waiting, self._held = self._held is not None, args
        if not waiting and not defer_to_first_paint(self.parent(), self._release):
            self._release()

    def _release(self) -> None:
        if self._held is None or not shiboken6.isValid(self):
            return  # cancelled while it waited, or its view is gone
        args, self._held = self._held, None
        self._work.start(self._read, *args)

    def cancel(self) -> None:
        self._work.cancel()
        self._held = None
