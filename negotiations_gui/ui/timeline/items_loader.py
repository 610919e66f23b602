"""Reading a large case's timeline items off the GUI thread.

At 100k events the read takes about a second and at a million several
(docs/benchmarks.md), which the window would otherwise spend frozen before its
first paint. The read runs on a worker thread with a connection of its own and
touches no Qt object; the GUI thread collects the result on a short timer and
hands it on by signal. A newer request supersedes an older one.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...domain import EventFilter
from ...store.timeline_queries import load_timeline_apart

_POLL_MS = 30
_log = logging.getLogger(__name__)


class ItemsLoader(QObject):
    # the TimelineData of the latest request
    loaded = Signal(object)
    # the read failed (the file gone or locked meanwhile): the reason in words
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline")
        self._pending: Future | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._collect)
        self.destroyed.connect(lambda: self._pool.shutdown(wait=False, cancel_futures=True))

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def start(self, path: Path, event_filter: EventFilter, stances: bool) -> None:
        if self._pending is not None:
            self._pending.cancel()  # superseded: its items, if they come, are dropped
        self._pending = self._pool.submit(load_timeline_apart, path, event_filter, stances)
        self._timer.start()

    def _collect(self) -> None:
        future = self._pending
        if future is None or not future.done():
            return
        self._pending = None
        self._timer.stop()
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            _log.warning("timeline not read: %s", error)
            self.failed.emit(str(error))
            return
        self.loaded.emit(future.result())
