"""Running a list filter's search for rare matches off the GUI thread.

`BackgroundSearch` runs `store.list_search.search_apart` on a worker thread of
its own (a read-only connection of its own, no Qt object touched), as the
timeline reads a large case (`ui/timeline/background_read.py`): the GUI thread
collects the latest report on a short timer and hands it on by signal. A new
search cancels the one running; a cancelled search's reports are dropped.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...store.list_search import SearchControl, SearchPlan, search_apart

_POLL_MS = 15  # (runs only while a search does)
_log = logging.getLogger(__name__)


class _Worker:
    """The thread and the running search's control, apart from the QObject so that
    they can be stopped when it is destroyed."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.control: SearchControl | None = None

    def stop(self) -> None:
        if self.control is not None:
            self.control.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


class BackgroundSearch(QObject):
    # a SearchReport of the running search: the matches found so far
    reported = Signal(object)
    # the search failed (the file gone or locked meanwhile): the reason in words
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._worker = _Worker()
        self._control: SearchControl | None = None
        self._future: Future | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._collect)
        self.destroyed.connect(self._worker.stop)

    @property
    def running(self) -> bool:
        return self._control is not None

    def start(self, path: Path, plan: SearchPlan, seeds: list[str]) -> None:
        """Search the case at `path`; `seeds`: ids already shown as matches."""
        self.cancel()
        worker = self._worker
        if worker.pool is None:
            worker.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="list-search")
        control = SearchControl()
        self._control = worker.control = control
        # (one worker: a search cancelled ends within a few thousand SQLite steps,
        # before the next one starts)
        self._future = worker.pool.submit(search_apart, path, plan, seeds, control)
        self._timer.start()

    def cancel(self) -> None:
        if self._control is not None:
            self._control.cancel()
        if self._future is not None:
            self._future.cancel()  # not started yet: never starts
        self._control = self._worker.control = None
        self._future = None
        self._timer.stop()

    def recheck(self, ids: list[str]) -> int:
        """Have the running search look at these records again (changed meanwhile);
        how many records have been handed to it so far."""
        return self._control.recheck(ids) if self._control is not None else 0

    def _collect(self) -> None:
        control, future = self._control, self._future
        if control is None or future is None:
            return
        finished = future.done()  # before taking the report: the last comes before the end
        report = control.take_report()
        if finished:
            self._control = self._worker.control = None
            self._future = None
            self._timer.stop()
            error = future.exception()
            if error is not None:
                _log.warning("list search failed: %s", error)
                self.failed.emit(str(error))
                return
        if report is not None:
            self.reported.emit(report)
