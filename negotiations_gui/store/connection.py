"""Opening a case file safely: check what it is before writing a byte to it.

A file is only opened for writing once it is known to be one of our case
files at a version this code understands. Anything else (a text file, another
program's SQLite database, a truncated copy, a newer version) is refused with
a message naming the file and the problem, and is left exactly as it was.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .errors import (
    CaseFileError,
    DamagedFileError,
    NewerVersionError,
    NotACaseFile,
    ReadOnlyError,
    classify,
)
from .schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION, apply_migrations

SQLITE_HEADER = b"SQLite format 3\x00"
CASE_SUFFIX = ".nego"


@dataclass
class OpenedDatabase:
    db: Database
    read_only: bool
    # where the pre-upgrade copy was written, when opening migrated the file
    backup_path: Path | None = None


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def _connect(path: Path, mode: str, immutable: bool = False) -> sqlite3.Connection:
    params = {"mode": mode}
    if immutable:
        params["immutable"] = "1"
    # isolation_level=None: no implicit transactions; every write is an explicit
    # db.atomic() block, so nothing is left half-committed.
    return sqlite3.connect(_uri(path, **params), uri=True, isolation_level=None,
                           check_same_thread=False)


def check_header(path: Path) -> None:
    """Refuse files that are not complete SQLite databases, reading only their header."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except IsADirectoryError:
        raise NotACaseFile(path, "this is a folder, not a case file.") from None
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
    # The in-header page count is valid only when the change counter matches.
    if header[24:28] == header[92:96] and page_count and size < page_size * page_count:
        raise DamagedFileError(
            path,
            f"the file is truncated ({size:,} of {page_size * page_count:,} bytes); "
            "it may have been cut off while copying. Open a backup copy instead.",
        )


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


def _inspect(path: Path) -> int:
    """Schema version of a case file, read without writing; refuses foreign files."""
    conn = None
    try:
        # Without a -wal file there is nothing uncommitted to read: open as immutable,
        # which takes no locks and creates no -wal/-shm beside a file we may refuse.
        conn = _connect(path, "ro", immutable=not Path(f"{path}-wal").exists())
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.OperationalError:
            # A WAL file in a folder we cannot write: read it as immutable.
            conn.close()
            conn = _connect(path, "ro", immutable=True)
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


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def backup_copy(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of an open database through SQLite's backup API."""
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        dest.close()


def _backup_before_upgrade(path: Path, version: int) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(
        f"{path.stem} (backup before upgrade from format {version}, {stamp}){path.suffix}"
    )
    source = _connect(path, "ro")
    try:
        backup_copy(source, target)
    finally:
        source.close()
    return target


# No memory mapping (PRAGMA mmap_size): it took ~1 ms off a cold as-of date on a
# 1,000,000-position case, but through a mapping an I/O error (a USB stick
# pulled, a network share dropping, the file cut short by another program)
# kills the process with SIGBUS instead of raising an error we can explain,
# and case files live on exactly such media (docs/benchmarks.md).


def _configure(conn: sqlite3.Connection, read_only: bool) -> Database:
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 2000")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed change survives a power cut (WAL + NORMAL would not).
        db.execute("PRAGMA synchronous = FULL")
    return db


def open_database(path: str | Path, *, read_only: bool = False) -> OpenedDatabase:
    """Open an existing case file, migrating it (after a backup copy) if it is older."""
    path = Path(path)
    if not path.exists():
        raise CaseFileError(path, "there is no file at this location.")
    check_header(path)
    version = _inspect(path)
    writable = _writable(path)
    read_only = read_only or not writable
    if version < SCHEMA_VERSION and read_only:
        return OpenedDatabase(_upgraded_in_memory(path), True, None)
    backup = None
    if version < SCHEMA_VERSION:
        backup = _backup_before_upgrade(path, version)
    try:
        if writable:
            # Read-only by choice still opens read-write, with writes refused by
            # query_only: only a read-write connection can tidy away the -wal and
            # -shm files when it closes, so a case exported from stays one file.
            conn = _connect(path, "rw")
        else:
            conn = _connect(path, "ro")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn.close()
                conn = _connect(path, "ro", immutable=True)
        db = _configure(conn, read_only)
        if version < SCHEMA_VERSION:
            apply_migrations(db)
        if read_only:
            db.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        known = classify(exc, path)
        if known is None:
            raise
        raise known from None
    return OpenedDatabase(db, read_only, backup)


def _upgraded_in_memory(path: Path) -> Database:
    """An older case opened read-only: upgraded in a copy in memory, the file untouched."""
    source = _connect(path, "ro", immutable=not Path(f"{path}-wal").exists())
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source.backup(memory)
    finally:
        source.close()
    db = _configure(memory, read_only=True)
    apply_migrations(db)
    db.execute("PRAGMA query_only = ON")
    return db


def create_database(path: str | Path, stop_before: str | None = None) -> None:
    """Create a new, empty case file at `path` (which must not exist).

    Built under a temporary name and renamed into place, so a failure leaves
    no half-made file behind. `stop_before` builds an older format (tests).
    """
    path = Path(path)
    if path.exists():
        raise CaseFileError(path, "a file already exists here.")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyError(path, "the folder is read-only; choose another place for the case.")
    temp = path.with_name(f".{path.name}.creating")
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            db = _configure(conn, read_only=False)
            apply_migrations(db, stop_before=stop_before)
            db.execute("PRAGMA journal_mode = DELETE")  # a single file until opened
        finally:
            conn.close()
        os.replace(temp, path)
    except sqlite3.DatabaseError as exc:
        _remove_quietly(temp)
        known = classify(exc, path)
        if known is None:
            raise
        raise known from None
    except OSError as exc:
        _remove_quietly(temp)
        raise CaseFileError(
            path, f"the case could not be created ({exc.strerror or exc}).") from None
    except BaseException:
        _remove_quietly(temp)
        raise


def _remove_quietly(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass
