"""The case file's connection: every SQLite error it meets is sorted, and damage stops writes.

`GuardedConnection` is the `sqlite3.Connection` a `CaseStore` runs on. Any
error SQLite raises through it, while preparing, stepping or fetching, is
sorted by `classify`: an error of the user's environment (busy, read-only,
full, damaged) becomes a `CaseFileError` whose text says what happened and
what to do; a bug stays the `sqlite3.Error` it was. The first time SQLite
reports the file as damaged, the connection turns itself read-only
(`PRAGMA query_only`), for good: nothing is written on top of damage, whatever
the caller does next, and `damage` says why.

`quick_check` is the check run when a case is opened: SQLite's
`PRAGMA quick_check`, stopped after a time budget so that opening a 500 MB
file stays fast. Damage it does not reach in time is caught here on first use.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import CaseFileError, DamagedFileError, classify, is_damage, primary_code


class GuardedCursor(sqlite3.Cursor):
    connection: GuardedConnection

    def _failed(self, exc: sqlite3.Error) -> BaseException:
        # A failed cursor is finished; close it now, as the raised error's
        # traceback keeps it alive, and an open statement would stop the
        # connection from tidying away the -wal/-shm when it closes.
        self.close()
        return self.connection.sorted_error(exc)

    def execute(self, sql, parameters=(), /):
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def executemany(self, sql, seq_of_parameters, /):
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def __next__(self):
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def fetchone(self):
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def fetchmany(self, size: int | None = None):
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def fetchall(self):
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc


class GuardedConnection(sqlite3.Connection):
    """A connection that names the case file in its errors and stops writing on damage."""

    case_path: Path | None = None
    damage: DamagedFileError | None = None
    # told (from whichever thread met it) when damage is first found
    on_damage: Callable[[DamagedFileError], None] | None = None

    def cursor(self, factory=GuardedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        return self.cursor().executemany(sql, seq_of_parameters)

    def executescript(self, sql_script, /):
        try:
            return super().executescript(sql_script)
        except sqlite3.Error as exc:
            raise self.sorted_error(exc) from exc

    def sorted_error(self, exc: sqlite3.Error) -> BaseException:
        """The error to raise for `exc`; on damage, the connection becomes read-only first."""
        known = classify(exc, self.case_path)
        if self.damage is not None and primary_code(exc) == sqlite3.SQLITE_READONLY:
            return self.damage  # refused by our query_only: say why
        if is_damage(exc):
            self.mark_damaged(known if isinstance(known, DamagedFileError)
                              else DamagedFileError(self.case_path, str(known or exc)))
            return self.damage or exc
        return known if known is not None else exc

    def mark_damaged(self, damage: DamagedFileError) -> None:
        first = self.damage is None
        if first:
            self.damage = damage
        try:
            sqlite3.Connection.execute(self, "PRAGMA query_only = ON")
        except sqlite3.Error:
            pass  # the connection may be unusable; writes then fail anyway
        if first and self.on_damage is not None:
            self.on_damage(damage)


def connect(uri: str, case_path: Path | None, timeout_s: float) -> GuardedConnection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=timeout_s, factory=GuardedConnection)
    assert isinstance(conn, GuardedConnection)
    conn.case_path = case_path
    return conn


def quick_check(conn: sqlite3.Connection, budget_s: float) -> list[str] | None:
    """SQLite's quick_check, stopped after `budget_s`: its findings ([] = sound), or None
    when the budget ran out before it finished (nothing is known either way)."""
    timer = threading.Timer(budget_s, conn.interrupt)
    timer.start()
    try:
        rows = sqlite3.Connection.execute(conn, "PRAGMA quick_check(20)").fetchall()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT:
            return None
        raise
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return [str(exc)]
        raise
    finally:
        timer.cancel()
        timer.join()
    return [r[0] for r in rows if r[0] != "ok"]


__all__ = ["CaseFileError", "GuardedConnection", "connect", "quick_check"]
