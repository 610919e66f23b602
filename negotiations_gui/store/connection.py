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
    ReadOnlyError,
    classify,
)
from .file_inspection import check_header, file_uri, has_wal, inspect_version, plain_connect
from .guarded import GuardedConnection, connect
from .migrating import BEFORE_COMMIT
from .open_check import OpenCheck, check_later
from .safe_write import SIDE_FILE_SUFFIXES, replacing, write_error
from .schema import SCHEMA_VERSION, apply_migrations
from .upgrade import CANCELLED, CHECK_EVERY_STEPS, UpgradeCancelled, UpgradeControl, announce
from .validation import check_opened, refuse_unreadable, schema_problems

# How long opening may spend on SQLite's quick_check; what it does not reach
# in time is caught on first use (guarded.py). A 5 MB case is checked in full.
QUICK_CHECK_BUDGET_S = 0.5


@dataclass
class OpenedDatabase:
    db: Database
    read_only: bool
    # where the pre-upgrade copy was written, when opening migrated the file
    backup_path: Path | None = None
    # set when the open-time check found the file damaged (it is then read-only)
    damage: DamagedFileError | None = None
    # the open-time check, when it still runs (a large case; see open_check.py)
    check: OpenCheck | None = None


def _connect(path: Path, mode: str, immutable: bool = False) -> GuardedConnection:
    params = {"mode": mode}
    if immutable:
        # immutable: no locks and no -wal/-shm beside the file; only for files
        # nothing can change (no write permission, no -wal beside them).
        params["immutable"] = "1"
    # isolation_level=None: no implicit transactions; every write is an explicit
    # write_transaction() block, so nothing is left half-committed.
    return connect(file_uri(path, **params), path, BUSY_TIMEOUT_MS / 1000)


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
    source = plain_connect(path, "ro")
    try:
        def name(n: int) -> Path:
            again = f" {n}" if n > 1 else ""
            return path.with_name(f"{path.stem} (backup before upgrade from format "
                                  f"{version}, {stamp}{again}){path.suffix}")

        # a second try within the second (after a kill) gets a name of its own
        target = next(name(n) for n in range(1, 100) if not name(n).exists())
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


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over `conn`, without its plugins: by default every `Database()` asks
    the installed packages for sqlite-utils plugins (importlib.metadata reads every
    package's entry points: 15-40 ms of the window's start), and a plugin found there
    would change the case's connections. The app uses none."""
    return Database(conn, execute_plugins=False)


def _configure(conn: sqlite3.Connection, read_only: bool) -> Database:
    db = database(conn)
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
        return _connect(path, "ro", immutable=not has_wal(path))
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
        if has_wal(path):
            raise
        conn = _connect(path, "ro", immutable=True)
    return conn


def open_database(path: str | Path, *, read_only: bool = False,
                  start_check: bool = True) -> OpenedDatabase:
    """Open an existing case file, migrating it (after a backup copy) if it is older.

    A damaged file (found by a time-bounded quick_check) is opened read-only,
    with `damage` saying what SQLite found. A large case's check runs in a thread
    (`check`); with `start_check=False` it waits for `check.start()` or a write.
    """
    path = Path(path)
    if not path.exists():
        raise CaseFileError(path, "there is no file at this location.")
    check_header(path)
    version = inspect_version(path)
    writable = _writable(path)
    read_only = read_only or not writable
    if version < SCHEMA_VERSION and read_only:
        return OpenedDatabase(_upgraded_in_memory(path), True, None)
    backup = None
    if version < SCHEMA_VERSION:
        backup = upgrade_file(path)
        version = SCHEMA_VERSION
    conn: GuardedConnection | None = None
    try:
        conn = _read_connection(path, writable) if read_only else _connect(path, "rw")
        if not read_only and version == SCHEMA_VERSION and check_later(path):
            refuse_unreadable(path, schema_problems(conn))
            db = _configure(conn, read_only)
            # nothing is written until the check has passed (CaseStore._write waits for it)
            db.execute("PRAGMA query_only = ON")
            return OpenedDatabase(db, False, backup, check=OpenCheck(
                lambda: _connect(path, "ro"), QUICK_CHECK_BUDGET_S, start=start_check))
        damage = check_opened(conn, path, QUICK_CHECK_BUDGET_S, schema_too=True)
        read_only = read_only or damage is not None
        db = _configure(conn, read_only)
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


def upgrade_file(path: Path, control: UpgradeControl | None = None) -> Path | None:
    """Bring the case file at `path` to the current format, on this thread: a backup
    copy beside it, then every pending migration in one transaction (migrating.py).

    Returns the backup's path (None when the file was current already). Damage, a
    result this app could not read, a cancel through `control` before the commit
    (`UpgradeCancelled`), a kill or any error leave the file as it was.
    """
    check_header(path)
    version = inspect_version(path)
    if version >= SCHEMA_VERSION:
        return None
    control = control or UpgradeControl()
    announce(path, version, False)
    conn = _connect(path, "rw")
    backup = None
    try:
        damage = check_opened(conn, path, QUICK_CHECK_BUDGET_S, schema_too=False)
        if damage is not None:
            raise damage  # an older file is only opened upgraded, and damage cannot be
        backup = _backup_before_upgrade(path, version)
        control.backed_up(backup)
        db = _configure(conn, read_only=False)
        conn.set_progress_handler(control.should_stop, CHECK_EVERY_STEPS)

        def step(done: int, total: int, name: str) -> None:
            control.progress(done, total, name)
            if name == BEFORE_COMMIT:  # what this code cannot read is never committed
                refuse_unreadable(path, schema_problems(conn))

        apply_migrations(db, progress=step)
    except BaseException as exc:
        if control.committed:  # stopped while compacting: the file is upgraded all the same
            return backup
        if control.cancelled:
            _remove_backup(backup)  # the file is as it was: the copy is not needed
            raise UpgradeCancelled(path, CANCELLED) from None
        known = classify(exc, path) if isinstance(exc, sqlite3.DatabaseError) else None
        if known is not None:
            raise known from None
        raise
    finally:
        conn.close()
    return backup


def _remove_backup(backup: Path | None) -> None:
    if backup is not None:
        try:
            backup.unlink()
        except OSError:
            pass  # a copy left behind harms nothing


def _upgraded_in_memory(path: Path) -> Database:
    """An older case opened read-only: upgraded in a copy in memory, the file untouched."""
    announce(path, inspect_version(path), True)
    source = plain_connect(path, "ro", immutable=not has_wal(path))
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
