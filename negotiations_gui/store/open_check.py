"""The open-time check of a large case, run beside the window's first paint.

SQLite's quick_check reads the whole file (up to its time budget): 0.15 s of
a 100,000-event case's start and the full 0.5 s budget of a million-event
one. For a large case already in WAL mode, opening starts the check on a
connection of its own in a thread and returns; the case's connection stays
`query_only` meanwhile, and the first write (`CaseStore._write`) first waits
for the check and acts on what it found, exactly as opening would have: damage
turns the case read-only, and nothing is written to a file not yet checked.
Small cases are checked at once, as before (`CHECK_LATER_BYTES`).

The window opens with the check held back (`start=False`) and starts it once it
has painted (ui/after_first_paint.py): on a busy 2-core machine the check's
thread otherwise competes for a core with the window being built. A write, or
a wait for the result, starts a check not yet started.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .guarded import GuardedConnection, quick_check

# Cases larger than this are checked beside the window's first paint instead of
# before it; a 1,000-event case is 1 MB, a 100,000-event one 106 MB.
CHECK_LATER_BYTES = 32 * 2**20


def check_later(path: Path) -> bool:
    """A large case in WAL mode (configuring its connection then writes nothing to it)."""
    try:
        with path.open("rb") as f:
            header = f.read(20)
        return path.stat().st_size > CHECK_LATER_BYTES and header[18:20] == b"\x02\x02"
    except OSError:
        return False


class OpenCheck:
    """quick_check of one case file on its own read-only connection, in a thread."""

    def __init__(self, connect: Callable[[], GuardedConnection], budget_s: float,
                 start: bool = True):
        self._reader = connect()  # opened here, so a file that cannot be read fails the open
        self._findings: list[str] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(budget_s,),
                                        name="open-check", daemon=True)
        self._started = self._stopped = False
        if start:
            self.start()

    def start(self) -> None:
        """Start the check, if it has not started yet (and was not stopped)."""
        if not self._started and not self._stopped:
            self._started = True
            self._thread.start()

    def _run(self, budget_s: float) -> None:
        try:
            self._findings = quick_check(self._reader, budget_s)
        except BaseException as exc:  # handed to the thread that waits for the result
            self._error = exc
        finally:
            self._reader.close()

    @property
    def done(self) -> bool:
        """Started and finished (a check held back is not done)."""
        return self._started and not self._thread.is_alive()

    def wait(self) -> list[str] | None:
        """The check's findings ([] = sound), or None when its budget ran out first;
        starts a check held back."""
        self.start()
        if not self._started:
            return None  # stopped before it started: nothing was checked
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._findings

    def stop(self) -> None:
        """End the check now (the case is closing): its answer is no longer wanted."""
        if not self._started:
            self._stopped = True
            self._reader.close()
            return
        if not self.done:
            self._reader.interrupt()
        self._thread.join()
