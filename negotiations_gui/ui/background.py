"""One piece of work at a time on a worker thread, its reports and its end handed to the
GUI thread by signal.

The window's long reads and writes (a large case's timeline, a list filter's search
for rare matches, an older case's upgrade on open) each run a plain function on a
thread of their own, with a connection of their own and no Qt object touched. A
`BackgroundWork` owns that thread (a one-worker pool, so a cancelled run ends before
the next starts) and a short timer on the GUI thread that, while work runs, takes
the work's latest report (`report`, a callable the work's control answers) and, once
it is done, its result or its error. Starting new work supersedes the running one:
the old one's reports and result are dropped (stopping it early is the work's own
business, through its control). The pool is shut down when the object is destroyed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

_log = logging.getLogger(__name__)


class _Pool:
    """The thread, apart from the QObject so that it can be stopped when that is destroyed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pool: ThreadPoolExecutor | None = None
        self.on_stop: Callable[[], object] | None = None

    def submit(self, fn: Callable[..., Any], args: tuple) -> Future:
        if self.pool is None:  # made on first use: a view that never reads starts no thread
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
        return self.pool.submit(fn, *args)

    def stop(self) -> None:
        if self.on_stop is not None:
            self.on_stop()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


class BackgroundWork(QObject):
    # a report of the running work (what `report` returned, when not None)
    reported = Signal(object)
    # what the work returned
    finished = Signal(object)
    # the work raised: the exception (its text is for the user when it is a CaseFileError)
    failed = Signal(object)

    def __init__(self, what: str, poll_ms: int, parent: QObject | None = None):
        """`what` names the work, for its thread and the log; `poll_ms`: how often
        the GUI thread looks at it while it runs."""
        super().__init__(parent)
        self._what = what
        self._pool = _Pool(what.replace(" ", "-"))
        self._future: Future | None = None
        self._report: Callable[[], object] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._collect)
        self.destroyed.connect(self._pool.stop)

    @property
    def running(self) -> bool:
        return self._future is not None

    def start(self, fn: Callable[..., Any], *args: Any,
              report: Callable[[], object] | None = None,
              stop: Callable[[], object] | None = None) -> None:
        """Run `fn(*args)` on the worker thread, superseding the running work.
        `report` is asked for a report at every poll; `stop` is called if this object
        is destroyed while the work runs (to end it early)."""
        self.cancel()
        self._report = report
        self._pool.on_stop = stop
        self._future = self._pool.submit(fn, args)
        self._timer.start()

    def wait(self) -> None:
        """Block until the running work has ended (its control told to stop it first)."""
        if self._future is not None:
            wait([self._future])

    def cancel(self) -> None:
        """Drop the running work's reports and result (a run not started never starts)."""
        if self._future is not None:
            self._future.cancel()
        self._future = self._report = self._pool.on_stop = None
        self._timer.stop()

    def _collect(self) -> None:
        future, report = self._future, self._report
        if future is None:
            return
        finished = future.done()  # before taking the report: the last comes before the end
        if finished:
            self._future = self._report = self._pool.on_stop = None
            self._timer.stop()
            if future.cancelled():
                return
            error = future.exception()
            if error is not None:
                _log.warning("%s failed: %s", self._what, error)
                self.failed.emit(error)  # (its last report, if any, is dropped)
                return
        if report is not None and (taken := report()) is not None:
            self.reported.emit(taken)
        if finished:
            self.finished.emit(future.result())
