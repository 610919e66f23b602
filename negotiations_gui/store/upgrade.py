"""An older case file's upgrade, watched and stoppable from another thread.

`connection.upgrade_file` brings a file to the current format (a backup copy,
then every pending migration in one transaction: store/migrating.py) on the
thread that calls it, with a connection made and used there only. The window
runs it on a worker thread for a large file (`LONG_UPGRADE_BYTES` or more) and
follows it through an `UpgradeControl`: the latest `UpgradeReport` and a
`cancel()` that, before the commit, rolls everything back (SQLite is stopped
within a few thousand steps by a progress handler) and leaves the file as it
was. A smaller file is upgraded on the spot as it is opened, as the demo is.

`announce_upgrades` lets the command line say that it is updating a file,
instead of sitting silent through a long upgrade.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import CaseFileError
from .migrating import BEFORE_COMMIT, COMMITTED

# a file this large is upgraded on a worker thread, with the window showing it
# (an m012 upgrade took about 30 s for a 1M-event case of 500 MB)
LONG_UPGRADE_BYTES = 8 * 2**20
# SQLite virtual-machine steps between two looks at the control (about a millisecond)
CHECK_EVERY_STEPS = 20_000


@dataclass(frozen=True)
class UpgradeReport:
    """Where an upgrade is: migration `step` (from 1) of `steps`."""

    step: int = 0
    steps: int = 0
    backup: Path | None = None
    # committed: the file is upgraded; what is left (compacting) cannot be cancelled
    finishing: bool = False
    elapsed_s: float = 0.0


class UpgradeCancelled(CaseFileError):
    """The user stopped the upgrade: the file was left as it was."""


CANCELLED = "the update to the new format was cancelled; the file is as it was."


class UpgradeControl:
    """Shared by the upgrading thread and the one watching it; every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._report = UpgradeReport()
        self._fresh = False
        self._cancelled = threading.Event()
        self.committed = False  # (set by the upgrading thread)
        self._started = self._updated = time.monotonic()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def take_report(self) -> UpgradeReport | None:
        """The latest report, if it is new since the last taken."""
        with self._lock:
            fresh, self._fresh = self._fresh, False
            return self._report if fresh else None

    # -- told by the upgrading thread -----------------------------------------------------

    def backed_up(self, backup: Path) -> None:
        self._update(backup=backup)

    def progress(self, done: int, total: int, step: str) -> None:
        """`migrating.Progress`: the step about to run; raises to stop before the commit."""
        if step == COMMITTED:
            self.committed = True
            self._update(step=total, steps=total, finishing=True)
            return
        if self.cancelled:
            raise UpgradeCancelled(None, CANCELLED)
        if step != BEFORE_COMMIT:
            self._update(step=done + 1, steps=total)

    def should_stop(self) -> int:
        """SQLite's progress handler: non-zero interrupts the statement running (after
        the commit, only the compaction, which a window closing need not wait for).
        Between two steps it keeps the report's time fresh, twice a second."""
        if time.monotonic() - self._updated >= 0.5:
            self._update()
        return int(self.cancelled)

    def _update(self, **changes: object) -> None:
        with self._lock:
            self._updated = time.monotonic()
            self._report = replace(self._report, elapsed_s=self._updated - self._started,
                                   **changes)  # type: ignore[arg-type]
            self._fresh = True


Notice = Callable[[Path, int, bool], None]
_notice: list[Notice] = []


def announce_upgrades(notice: Notice | None) -> None:
    """Have `notice(path, old_version, in_memory)` called as each older file is upgraded
    (`in_memory`: opened read-only, so only a copy in memory is); None: no longer."""
    _notice[:] = [notice] if notice is not None else []


def announce(path: Path, version: int, in_memory: bool) -> None:
    for notice in _notice:
        notice(path, version, in_memory)


def needs_long_upgrade(path: Path) -> bool:
    """An older case, writable here and large enough that its upgrade is worth showing
    (False for anything else, a file this app cannot open included: opening says why)."""
    import os

    from .file_inspection import inspect_version
    from .schema import SCHEMA_VERSION

    path = Path(path)
    try:
        if path.stat().st_size < LONG_UPGRADE_BYTES or not (
                os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            return False
        return inspect_version(path) < SCHEMA_VERSION
    except (OSError, CaseFileError):
        return False
