"""Errors a case file can raise, sorted as qutebrowser's sql wrapper sorts them.

*Known* errors come from the user's environment (a file that is not a case,
from a newer version, read-only, locked by another program, a full disk, a
damaged file). They carry a message in words a user understands and leave the
data as it was. Anything else is a bug and propagates unchanged, to be shown
with a traceback.
"""

from __future__ import annotations

import sqlite3
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


# SQLite primary result codes (https://sqlite.org/rescode.html)
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED = 3, 5, 6
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


def classify(exc: sqlite3.Error, path: str | Path | None) -> CaseFileError | None:
    """The known error `exc` stands for, or None when it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return LockedError(
            path, "the file is in use by another program or window; close it there and try again."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return ReadOnlyError(path, "the file cannot be written (it or its folder is read-only).")
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(path, "the disk is full; the change was not saved.")
    if primary == _SQLITE_NOTADB or "not a database" in text:
        return NotACaseFile(path, "this is not a case file (it is not a SQLite database).")
    if primary == _SQLITE_CORRUPT or "malformed" in text:
        return DamagedFileError(
            path, "the file is damaged (SQLite reports it as malformed); "
            "open a backup copy instead."
        )
    if primary in (_SQLITE_CANTOPEN, _SQLITE_IOERR) or "unable to open" in text:
        return CaseFileError(path, f"the file could not be read or written ({exc}).")
    return None
