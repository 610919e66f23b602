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
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .errors import (
    BUSY_TIMEOUT_MS,
    CaseFileError,
    DamagedFileError,
    LockedError,
    NewerVersionError,
    NotACaseFile,
    ReadOnlyError,
    classify,
)
from .guarded import GuardedConnection, connect
from .safe_write import SIDE_FILE_SUFFIXES, replacing, write_error
from .schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION, apply_migrations
from .validation import check_opened, refuse_unreadable, schema_problems

# How long opening may spend on SQLite's quick_check; what it does not reach
# in time is caught on first use (guarded.py). A 5 MB case is checked in full.
QUICK_CHECK_BUDGET_S = 0.5

SQLITE_HEADER = b"SQLite format 3\x00"
CASE_SUFFIX = ".nego"


@dataclass
class OpenedDatabase:
    db: Database
    read_only: bool
    # where the pre-upgrade copy was written, when opening migrated the file
    backup_path: Path | None = None
    # set when the open-time check found the file damaged (it is then read-only)
    damage: DamagedFileError | None = None


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def _connect(path: Path, mode: str, immutable: bool = False) -> GuardedConnection:
    params = {"mode": mode}
    if immutable:
        # immutable: no locks and no -wal/-shm beside the file; only for files
        # nothing can change (no write permission, no -wal beside them).
        params["immutable"] = "1"
    # isolation_level=None: no implicit transactions; every write is an explicit
    # write_transaction() block, so nothing is left half-committed.
    return connect(_uri(path, **params), path, BUSY_TIMEOUT_MS / 1000)


def _plain_connect(path: Path, mode: str, immutable: bool = False) -> sqlite3.Connection:
    """A connection whose errors are SQLite's own, for looking at a file before opening it."""
    params = {"mode": mode, **({"immutable": "1"} if immutable else {})}
    return sqlite3.connect(_uri(path, **params), uri=True, isolation_level=None,
                           timeout=BUSY_TIMEOUT_MS / 1000)


def _has_wal(path: Path) -> bool:
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
            and not _has_wal(path)):
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


def _inspect(path: Path) -> int:
    """Schema version of a case file, read without writing; refuses foreign files."""
    conn = None
    try:
        # Without a -wal file there is nothing uncommitted to read: open as immutable,
        # which takes no locks and creates no -wal/-shm beside a file we may refuse.
        conn = _plain_connect(path, "ro", immutable=not Path(f"{path}-wal").exists())
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.OperationalError:
            # A WAL file in a folder we cannot write: read it as immutable.
            conn.close()
            conn = _plain_connect(path, "ro", immutable=True)
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
    """A consistent copy of an open database, made through SQLite's backup API."""
    dest = sqlite3.connect(str(target), isolation_level=None)
    try:
        source.backup(dest)
        # A single file (rollback journal) until opened: the copy can be mailed as it is.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _backup_before_upgrade(path: Path, version: int) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(
        f"{path.stem} (backup before upgrade from format {version}, {stamp}){path.suffix}"
    )
    source = _plain_connect(path, "ro")
    try:
        with replacing(target, exclusive=True) as temp:
            backup_copy(source, temp)
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
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed change survives a power cut (WAL + NORMAL would not).
        db.execute("PRAGMA synchronous = FULL")
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One write, all or nothing. The outermost takes the write lock first (BEGIN
    IMMEDIATE), so a writer meeting another waits the busy timeout for it, instead
    of failing at once when its read snapshot cannot be upgraded to a write."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _read_connection(path: Path, writable: bool) -> GuardedConnection:
    """A connection for reading only that leaves nothing beside the file."""
    if not writable:
        # No write permission (a read-only file or folder, an immutable file):
        # with no -wal there is nothing uncommitted and nothing can change, so
        # read it as immutable, which creates no -wal/-shm beside it.
        return _connect(path, "ro", immutable=not _has_wal(path))
    # Read-only by choice opens read-write with writes refused by query_only:
    # only a read-write connection can tidy away the -wal and -shm when it closes.
    conn = _connect(path, "rw")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (LockedError, DamagedFileError):
        conn.close()
        raise
    except CaseFileError:
        # The -shm cannot be made (a full disk): with no -wal, nothing is lost by
        # reading the file as it is.
        conn.close()
        if _has_wal(path):
            raise
        conn = _connect(path, "ro", immutable=True)
    return conn


def open_database(path: str | Path, *, read_only: bool = False) -> OpenedDatabase:
    """Open an existing case file, migrating it (after a backup copy) if it is older.

    A damaged file (found by a time-bounded quick_check) is opened read-only,
    with `damage` saying what SQLite found.
    """
    path = Path(path)
    if not path.exists():
        raise CaseFileError(path, "there is no file at this location.")
    check_header(path)
    version = _inspect(path)
    writable = _writable(path)
    read_only = read_only or not writable
    if version < SCHEMA_VERSION and read_only:
        return OpenedDatabase(_upgraded_in_memory(path), True, None)
    conn: GuardedConnection | None = None
    try:
        conn = _read_connection(path, writable) if read_only else _connect(path, "rw")
        damage = check_opened(conn, path, QUICK_CHECK_BUDGET_S,
                              schema_too=version == SCHEMA_VERSION)
        if damage is not None and version < SCHEMA_VERSION:
            conn.close()  # an older file is only opened upgraded, and damage cannot be
            raise damage
        read_only = read_only or damage is not None
        backup = None
        if version < SCHEMA_VERSION and damage is None:
            backup = _backup_before_upgrade(path, version)
        db = _configure(conn, read_only)
        if version < SCHEMA_VERSION and damage is None:
            apply_migrations(db)
            refuse_unreadable(path, schema_problems(conn))
        if read_only:
            db.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        known = classify(exc, path)
        if known is None:
            raise
        raise known from None
    except CaseFileError:
        if conn is not None:
            conn.close()
        raise
    return OpenedDatabase(db, read_only, backup, damage)


def _upgraded_in_memory(path: Path) -> Database:
    """An older case opened read-only: upgraded in a copy in memory, the file untouched."""
    source = _plain_connect(path, "ro", immutable=not _has_wal(path))
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False,
                             factory=GuardedConnection)
    try:
        source.backup(memory)
    finally:
        source.close()
    db = _configure(memory, read_only=True)
    apply_migrations(db)
    refuse_unreadable(path, schema_problems(memory))
    db.execute("PRAGMA query_only = ON")
    return db


def build_database(path: Path, stop_before: str | None = None) -> None:
    """Make an empty case file at `path` (a new, empty file), in the rollback-journal mode
    so that it is a single file until opened."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        db = _configure(conn, read_only=False)
        apply_migrations(db, stop_before=stop_before)
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def create_database(path: str | Path, stop_before: str | None = None) -> None:
    """Create a new, empty case file at `path` (which must not exist).

    Built under a unique temporary name and linked into place only if nothing
    is there by then, so a failure or a kill leaves no half-made file, and a
    concurrent creator's file is never replaced. `stop_before` builds an older
    format (tests).
    """
    path = Path(path)
    if path.exists():
        raise CaseFileError(path, "a file already exists here.")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyError(path, "the folder is read-only; choose another place for the case.")
    try:
        with replacing(path, exclusive=True, what="the case could not be created") as temp:
            build_database(temp, stop_before)
    except sqlite3.DatabaseError as exc:
        known = classify(exc, path)
        if known is None:
            raise
        raise known from None


def remove_orphaned_side_files(path: Path) -> None:
    """Delete a -wal/-shm/-journal left beside `path` when there is no file at `path`.

    A new case made at that name would otherwise take them for its own (SQLite
    replays a -wal it finds beside a database). Call it holding the case lock.
    """
    if path.exists():
        return
    for suffix in SIDE_FILE_SUFFIXES:
        try:
            Path(f"{path}{suffix}").unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise write_error(path, exc, "the case could not be created") from None
