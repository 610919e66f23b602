"""The writer's lock on a case file: one writer at a time, across windows and commands.

A window with the case open, `import-csv`, `import-json` creating the case:
every writer holds `<case>.lock` beside the file while it writes. The lock is
an operating-system lock on that file (`flock`, or `msvcrt.locking` on
Windows), so it is released by the system when its holder ends in any way,
kill -9 included: a lock is never stale. The file holds who took it (program,
process id, host), so a refused writer can say who holds the case.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

from .errors import LockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:  # Windows has no shared flavour here: commands take turns there
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class CaseInUseError(LockedError):
    """Another window or command is writing the case; `holder` says who, when known."""

    def __init__(self, path: Path, holder: str):
        self.holder = holder
        super().__init__(path, f"the case is being written by {holder}. Wait for it to "
                         "finish or close it there, then try again; nothing was changed here.")


def lock_path(case_path: str | Path) -> Path:
    return Path(f"{case_path}.lock")


def _holder_info(case_path: str | Path) -> tuple[str, int, str] | None:
    try:
        info = json.loads(lock_path(case_path).read_text(encoding="utf-8"))
        return str(info["by"]), int(info["pid"]), str(info["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


# A holder writes its name just after it takes the lock; one refused in that
# moment waits this long for the name rather than saying "another program".
_NAME_WAIT = 1.0


def describe_holder(case_path: str | Path, wait: float = 0.0) -> str | None:
    """Who took the case's lock, in words ("import-csv (process 4242 on laptop)"), or None.

    `wait`: seconds to keep reading while the file holds no name yet (its
    holder took the lock a moment ago and is writing it).
    """
    deadline = time.monotonic() + wait
    info = _holder_info(case_path)
    while info is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the holder's next few instructions write the name
        info = _holder_info(case_path)
    if info is None:
        return None
    name, pid, host = info
    where = "" if host == socket.gethostname() else f" on {host}"
    return f"negotiations-gui {name} (process {pid}{where})"


def current_holder(case_path: str | Path) -> str | None:
    """Who holds the case's lock right now, or None when no window or command of this app does."""
    path = lock_path(case_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None  # no one holds it (a file left by a killed holder); ours closes now
    finally:
        os.close(fd)
    info = _holder_info(case_path)
    if info is not None and info[1] == os.getpid() and info[2] == socket.gethostname():
        return None  # this process holds it: whoever blocks us is someone else
    return describe_holder(case_path, _NAME_WAIT) or "another window or command of this app"


def _holder_text(case_path: Path) -> str:
    return describe_holder(case_path, _NAME_WAIT) or "another window or program"


# Locks taken with `reentrant=True`, by path: the same thread may take them
# again (a short task that writes through a function taking the lock itself).
_REENTRANT: dict[str, tuple[CaseLock, int]] = {}


class CaseLock:
    """Held from `acquire` to `release` (or the end of the process)."""

    def __init__(self, case_path: Path, fd: int | None, nested: bool = False):
        self.case_path = case_path
        self._fd: int | None = fd
        self._nested = nested

    @classmethod
    def acquire(cls, case_path: str | Path, by: str, *, shared: bool = False,
                reentrant: bool = False) -> CaseLock | None:
        """Take the lock for `by` (e.g. "import-csv"), or raise CaseInUseError naming the holder.

        `shared`: a command whose every write is one transaction planned again
        under SQLite's write lock (import-csv) may run beside another such
        command, never beside a window or an exclusive taker (import-json
        creating the case). A lock taken with `reentrant=True` may be taken
        again by the same thread (the inner one is a no-op); any other second
        taker is refused, in this process (a second window) as in another.
        Returns None when no lock can be made because the folder is
        read-only: nothing can write the case there either.
        """
        case_path = Path(case_path)
        key = str(case_path.resolve())
        held = _REENTRANT.get(key)
        if held is not None and held[1] == threading.get_ident() and held[0].held:
            return cls(case_path, None, nested=True)
        lock = cls._take(case_path, by, shared)
        if reentrant and lock is not None:
            _REENTRANT[key] = (lock, threading.get_ident())
        return lock

    @classmethod
    def _take(cls, case_path: Path, by: str, shared: bool) -> CaseLock | None:
        path = lock_path(case_path)
        for _attempt in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return None
            if not _try_lock(fd, shared):
                os.close(fd)
                raise CaseInUseError(case_path, _holder_text(case_path))
            # The previous holder deletes the file as it releases; if it did so
            # between our open and our lock, we hold a lock on a deleted file.
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                lock = cls(case_path, fd)
                lock._write_holder(by)
                return lock
            os.close(fd)
        raise CaseInUseError(case_path, _holder_text(case_path))

    def _write_holder(self, by: str) -> None:
        assert self._fd is not None
        text = json.dumps({"by": by, "pid": os.getpid(), "host": socket.gethostname()})
        data = text.encode("utf-8")
        # Written over whatever a killed holder left, then cut to length: a
        # reader never finds the file empty once it has held a name.
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data)
        os.ftruncate(self._fd, len(data))

    @property
    def held(self) -> bool:
        return self._fd is not None or self._nested

    def release(self) -> None:
        if self._nested:
            self._nested = False
            return
        if self._fd is None:
            return
        key = str(self.case_path.resolve())
        if key in _REENTRANT and _REENTRANT[key][0] is self:
            del _REENTRANT[key]
        try:
            # Remove the file only when no one else shares it (the lock can be
            # made exclusive), and while still holding it: no one else's is removed.
            if _try_lock(self._fd):
                lock_path(self.case_path).unlink()
        except OSError:
            pass
        os.close(self._fd)  # closing releases the lock
        self._fd = None

    def __enter__(self) -> CaseLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
