"""Reading a large case's changes of stance off the GUI thread.

At a million positions the read takes seconds (docs/benchmarks.md), so the
timeline opens with its events and draws the changes of stance when they
arrive. The read runs on a worker thread with a connection of its own and
touches no Qt object; the GUI thread collects the result on a short timer and
hands it on by signal. A newer request supersedes an older one.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...domain import EventFilter
from ...store.timeline_positions import read_stance_changes_apart

_POLL_MS = 40
_log = logging.getLogger(__name__)


class StanceLoader(QObject):
    # the rows of `read_stance_changes_apart`, for the latest request
    loaded = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stances")
        self._pending: Future | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._collect)
        self.destroyed.connect(lambda: self._pool.shutdown(wait=False, cancel_futures=True))

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def start(self, path: Path, event_filter: EventFilter) -> None:
        if self._pending is not None:
            self._pending.cancel()  # superseded: its rows, if they come, are dropped
        self._pending = self._pool.submit(read_stance_changes_apart, path, event_filter)
        self._timer.start()

    def cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = None
        self._timer.stop()

    def _collect(self) -> None:
        future = self._pending
        if future is None or not future.done():
            return
        self._pending = None
        self._timer.stop()
        if future.cancelled():
            return
        if future.exception() is not None:  # a file gone or locked meanwhile
            _log.warning("changes of stance not read: %s", future.exception())
            return  # the marks stay as they were
        self.loaded.emit(future.result())
