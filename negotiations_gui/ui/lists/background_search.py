"""Running a list filter's search for rare matches off the GUI thread.

`BackgroundSearch` runs `store.list_search.search_apart` on a worker thread of
its own (a read-only connection of its own, no Qt object touched) through
`ui/background.py`, as the timeline reads a large case: the GUI thread collects
the latest report on a short timer and hands it on by signal. A new search
cancels the one running; a cancelled search's reports are dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...store.list_search import SearchControl, SearchPlan, search_apart
from ..background import BackgroundWork

_POLL_MS = 15  # (runs only while a search does)


class BackgroundSearch(QObject):
    # a SearchReport of the running search: the matches found so far
    reported = Signal(object)
    # the search failed (the file gone or locked meanwhile): the reason in words
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._control: SearchControl | None = None
        self._work = BackgroundWork("list search", _POLL_MS, self)
        self._work.reported.connect(self.reported)
        self._work.finished.connect(self._ended)
        self._work.failed.connect(self._failed)

    @property
    def running(self) -> bool:
        return self._control is not None

    def start(self, path: Path, plan: SearchPlan, seeds: list[str]) -> None:
        """Search the case at `path`; `seeds`: ids already shown as matches."""
        self.cancel()
        control = self._control = SearchControl()
        # (one worker: a search cancelled ends within a few thousand SQLite steps,
        # before the next one starts)
        self._work.start(search_apart, path, plan, seeds, control,
                         report=control.take_report, stop=control.cancel)

    def cancel(self) -> None:
        if self._control is not None:
            self._control.cancel()
        self._control = None
        self._work.cancel()

    def recheck(self, ids: list[str]) -> int:
        """Have the running search look at these records again (changed meanwhile);
        how many records have been handed to it so far."""
        return self._control.recheck(ids) if self._control is not None else 0

    def _ended(self, _result: object) -> None:
        self._control = None

    def _failed(self, error: BaseException) -> None:
        self._control = None
        self.failed.emit(str(error))
