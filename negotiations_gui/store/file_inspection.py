"""What a file is, found out before opening it for writing: reading only, writing nothing.

`check_header` reads a file's first 100 bytes and refuses what is not a whole
SQLite database (a folder, a pipe, an empty or truncated file, a PDF, a text
file); `inspect_version` opens it read-only and refuses another program's
database or a newer format, returning its schema version. connection.py
opens the file only once both have passed.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from .errors import (
    BUSY_TIMEOUT_MS,
    CaseFileError,
    DamagedFileError,
    NewerVersionError,
    NotACaseFile,
    ReadOnlyError,
    classify,
)
from .schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
CASE_SUFFIX = ".nego"


def file_uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def plain_connect(path: Path, mode: str, immutable: bool = False) -> sqlite3.Connection:
    """A connection whose errors are SQLite's own, for looking at a file before opening it."""
    params = {"mode": mode, **({"immutable": "1"} if immutable else {})}
    return sqlite3.connect(file_uri(path, **params), uri=True, isolation_level=None,
                           timeout=BUSY_TIMEOUT_MS / 1000)


def has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def check_header(path: Path) -> None:
    """Refuse files that are not complete SQLite databases, reading only their header."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise NotACaseFile(path, "this is a folder, not a case file.")
        if not stat.S_ISREG(info.st_mode):
            # Reading a pipe or a device would wait forever or never end.
            raise NotACaseFile(path, f"this is {_special_kind(info.st_mode)}, not a file; "
                               "a case is a regular file (…" + CASE_SUFFIX + ").")
        size = info.st_size
        with path.open("rb") as f:
            header = f.read(100)
    except PermissionError:
        raise ReadOnlyError(path, "you do not have permission to read this file.") from None
    except OSError as exc:
        raise CaseFileError(path, f"the file could not be read ({exc.strerror or exc}).") from None
    if size == 0:
        raise NotACaseFile(path, "the file is empty; it is not a case file.")
    if not header.startswith(SQLITE_HEADER):
        raise NotACaseFile(path, f"this is not a case file ({_describe(header)}).")
    if len(header) < 100:
        raise DamagedFileError(path, "the file is truncated: it ends inside its header.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # The in-header page count is valid only when the change counter matches,
    # and only says how long the file must be when no -wal is beside it: a
    # checkpoint writes page 1 (with the new count) before the pages that
    # lengthen the file, and a kill or full disk between leaves a sound case
    # whose missing pages are all in the -wal (SQLite finishes the checkpoint).
    if (header[24:28] == header[92:96] and page_count and size < page_size * page_count
            and not has_wal(path)):
        raise DamagedFileError(
            path,
            f"the file is truncated ({size:,} of {page_size * page_count:,} bytes); "
            "it may have been cut off while copying. Open a backup copy instead.",
        )


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _describe(header: bytes) -> str:
    if header.startswith(b"%PDF"):
        return "it is a PDF document"
    if header.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive or office document"
    if header.lstrip().startswith((b"{", b"[")):
        return "it looks like JSON; use File > Import to read a case exported as JSON"
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError:
        return "its format is not recognised"
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return "its format is not recognised"
    return "it is a text file"


def inspect_version(path: Path) -> int:
    """Schema version of a case file, read without writing; refuses foreign files."""
    conn = None
    try:
        # Without a -wal file there is nothing uncommitted to read: open as immutable,
        # which takes no locks and creates no -wal/-shm beside a file we may refuse.
        conn = plain_connect(path, "ro", immutable=not Path(f"{path}-wal").exists())
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.OperationalError:
            # A WAL file in a folder we cannot write: read it as immutable.
            conn.close()
            conn = plain_connect(path, "ro", immutable=True)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = sorted(r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        applied: list[str] = []
        if "_sqlite_migrations" in tables:
            applied = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'negotiations_gui'")]
    except sqlite3.DatabaseError as exc:
        known = classify(exc, path)
        raise (known or DamagedFileError(path, f"the file could not be read ({exc}).")) from None
    finally:
        if conn is not None:
            conn.close()
    if app_id != APPLICATION_ID:
        listing = ", ".join(tables[:6]) + (", …" if len(tables) > 6 else "")
        what = f"it holds the tables {listing}" if tables else "it holds no tables"
        raise NotACaseFile(
            path, f"this is a SQLite database, but not a negotiation case ({what})."
        )
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if version > SCHEMA_VERSION or unknown:
        raise NewerVersionError(
            path,
            f"this case was saved by a newer version of the app (file format "
            f"{max(version, len(applied))}; this version reads up to {SCHEMA_VERSION}). "
            "It has not been changed: open it with the newer version.",
        )
    return version
