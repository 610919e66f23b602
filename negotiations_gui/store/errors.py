"""Errors a case file can raise, sorted as qutebrowser's sql wrapper sorts them.

*Known* errors come from the user's environment (a file that is not a case,
from a newer version, read-only, locked by another program, a full disk, a
damaged file). They carry a message in words a user understands and leave the
data as it was. Anything else is a bug and propagates unchanged, to be shown
with a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path


class CaseFileError(Exception):
    """A known problem with a case file; `str()` is a message for the user."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = Path(path) if path is not None else None
        self.problem = problem
        where = f"“{self.path}”: " if self.path is not None else ""
        super().__init__(f"{where}{problem}")


class NotACaseFile(CaseFileError):
    """The file is not a case file (text, another program's database, truncated)."""


class NewerVersionError(CaseFileError):
    """The file was written by a newer version of the app."""


class ReadOnlyError(CaseFileError):
    """The file or its folder cannot be written."""


class LockedError(CaseFileError):
    """Another program (or another window) holds the file."""


class DiskFullError(CaseFileError):
    """The disk is full; the change was not saved."""


class DamagedFileError(CaseFileError):
    """SQLite reports the file as corrupt or unreadable."""


class ImportFormatError(CaseFileError):
    """A file to import is not in the expected format; `field_path` names where."""

    def __init__(self, path: str | Path | None, field_path: str, problem: str):
        self.field_path = field_path
        super().__init__(path, f"{field_path}: {problem}" if field_path else problem)


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of `exc` (the low byte of its extended code), if any."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    """True when SQLite reports the file itself as damaged (corrupt, cut short, not a database)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return primary_code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or code in (
        sqlite3.SQLITE_IOERR_SHORT_READ, sqlite3.SQLITE_IOERR_CORRUPTFS, sqlite3.SQLITE_IOERR_DATA)


# How long a write waits for another program's lock before giving up.
BUSY_TIMEOUT_MS = 5000

_IN_USE = ("the file is in use by {holder}, and stayed so for the {seconds} seconds this app "
           "waits; nothing was changed. Close it there or wait for it to finish, then try again.")
_DAMAGED = ("the file is damaged (SQLite reports: {detail}). Nothing more will be written to "
            "it: it is open read-only. Keep it as it is with File > Save a Copy, and salvage "
            "every readable record into a new case with "
            "“negotiations-gui recover DAMAGED.nego NEW.nego”, or open a backup copy.")

# Extended codes whose meaning is more precise than their primary code's.
_EXTENDED: dict[int, Callable[[Path | None, str], CaseFileError]] = {
    sqlite3.SQLITE_BUSY_SNAPSHOT: lambda p, d: LockedError(
        p, "another program changed the file while this change was being made; "
        "nothing was changed here. Try again."),
    sqlite3.SQLITE_READONLY_DBMOVED: lambda p, d: ReadOnlyError(
        p, "the file was moved, renamed or deleted while open; nothing more can be saved "
        "to it. Use File > Save a Copy to keep what is open."),
    sqlite3.SQLITE_READONLY_DIRECTORY: lambda p, d: ReadOnlyError(
        p, "its folder is read-only, so the case cannot be written there; "
        "move it to a folder you can write to."),
    sqlite3.SQLITE_IOERR_SHORT_READ: lambda p, d: DamagedFileError(
        p, _DAMAGED.format(detail="the file ends before its last page; it was cut short")),
    sqlite3.SQLITE_IOERR_CORRUPTFS: lambda p, d: DamagedFileError(p, _DAMAGED.format(detail=d)),
    sqlite3.SQLITE_IOERR_DATA: lambda p, d: DamagedFileError(p, _DAMAGED.format(detail=d)),
    sqlite3.SQLITE_IOERR_NOMEM: lambda p, d: CaseFileError(
        p, "the computer ran out of memory while reading the file; close other programs and "
        "try again. Nothing was changed."),
}

_PRIMARY: dict[int, Callable[[Path | None, str], CaseFileError]] = {
    sqlite3.SQLITE_BUSY: lambda p, d: LockedError(p, in_use_text(p)),
    sqlite3.SQLITE_LOCKED: lambda p, d: LockedError(p, in_use_text(p)),
    sqlite3.SQLITE_PROTOCOL: lambda p, d: LockedError(p, in_use_text(p)),
    sqlite3.SQLITE_READONLY: lambda p, d: ReadOnlyError(
        p, "the file cannot be written (it or its folder is read-only); nothing was changed."),
    sqlite3.SQLITE_PERM: lambda p, d: ReadOnlyError(
        p, "you do not have permission to write this file; nothing was changed."),
    sqlite3.SQLITE_FULL: lambda p, d: DiskFullError(
        p, "the disk is full; the change was not saved. Free some space and try again."),
    sqlite3.SQLITE_NOTADB: lambda p, d: NotACaseFile(
        p, "this is not a case file (it is not a SQLite database, or its first page is "
        "damaged)."),
    sqlite3.SQLITE_CORRUPT: lambda p, d: DamagedFileError(p, _DAMAGED.format(detail=d)),
    sqlite3.SQLITE_IOERR: lambda p, d: CaseFileError(
        p, f"the disk or device reported an error while reading or writing the file ({d}); "
        "nothing was changed. Check the disk, or copy the file to another one."),
    sqlite3.SQLITE_CANTOPEN: lambda p, d: CaseFileError(
        p, "the file could not be opened (it may have been moved, or its folder is not "
        "accessible)."),
    sqlite3.SQLITE_NOMEM: lambda p, d: CaseFileError(
        p, "the computer ran out of memory; close other programs and try again. "
        "Nothing was changed."),
    sqlite3.SQLITE_NOLFS: lambda p, d: CaseFileError(
        p, "the disk's file system cannot hold a file this large; move it to another disk."),
    sqlite3.SQLITE_TOOBIG: lambda p, d: CaseFileError(
        p, "a text or list is too large to be stored; nothing was changed."),
}


def in_use_text(path: Path | None) -> str:
    """Why a write waited in vain, naming the holder when it is this app's window or command."""
    from .case_lock import current_holder

    holder = current_holder(path) if path is not None else None
    return _IN_USE.format(holder=holder or "another program (not one of this app's windows "
                          "or commands, e.g. a SQLite tool)", seconds=BUSY_TIMEOUT_MS // 1000)


def classify(exc: BaseException, path: str | Path | None) -> CaseFileError | None:
    """The known error `exc` stands for (the user's environment), or None when it is a bug.

    Sorted by SQLite's result code, extended codes first, never by message text:
    messages change between SQLite versions, codes do not.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    where = Path(path) if path is not None else None
    make = _EXTENDED.get(code) or _PRIMARY.get(code & 0xFF)
    return make(where, str(exc)) if make is not None else None
