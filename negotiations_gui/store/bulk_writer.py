"""A bulk insert's statements run on a thread of their own, while the next rows are made.

A CSV import is two kinds of work of about the same size: Python reading each
row into records (importing/row_reader.py, import_rows.py) and SQLite writing
them (B-tree inserts, records packed). Python's sqlite3 releases the GIL while
SQLite steps a statement, so the two can run on two cores at once; but not
with `executemany`, which takes the GIL back after every row: with another
thread running Python, each of those hand-backs waits for the interpreter's
switch interval, and a 150,000-row insert that takes a second alone did not
finish in ten minutes. So `BulkWriter` writes each table's rows a few hundred
at a time, as one multi-row `INSERT … VALUES (…), (…), …` per statement: one
step, the GIL released for all of them, and taken back once.

Statements run in the order their rows were handed over, table by table; a
table's rows that do not fill a statement wait for more (or for `finish`), so
one table's rows may go in a statement or so after another's handed over
later. The import's writes do not depend on that order: its foreign-key
checks are off or deferred to the commit, and the triggers that would read
other tables are set aside for it (csv_import.py).

Everything runs inside the caller's transaction, on the caller's connection
(SQLite serialises its use): the caller must not touch the connection while
rows are queued: `wait` waits for the statements handed over, `finish` writes
every row left and waits for all of them. An
error in a statement stops the writer; it is raised in the caller's thread at
its next `put` or at `finish`. `close` stops the thread whatever happened (the
caller then rolls back or commits).

While any writer runs, the interpreter's cyclic garbage collector is paused:
an import makes millions of short-lived tuples, which set off a collection
every few hundred allocations, each walking every object the process holds
(the file's rows among them). None of those tuples can be part of a cycle, so
the collections found nothing; pausing them took 0.6-1.0 s off a 7-8 s import
of 100,000 rows (CSV import benchmark, paired runs). The collector runs again
once the last writer is closed, if it ran before the first one started.
"""

from __future__ import annotations

import gc
import queue
import sqlite3
import sys
import threading
from collections.abc import Sequence
from itertools import chain

# Rows per statement: as many as SQLite takes parameters for, at most this many
# (a longer statement gains nothing measurable and holds more memory).
MAX_ROWS = 500
# Statements' worth of rows handed over and not yet written, at most: the rows
# a producer can run ahead by (memory stays flat).
_DEPTH = 8
# The interpreter's switch interval while a writer runs: when a statement is
# done, the writer waits this long at most for the GIL held by the thread
# making rows (the default, 5 ms, is longer than a statement takes).
_SWITCH_INTERVAL_S = 0.0002
_STOP = object()


class BulkWriter:
    """Writes rows handed over with `put` on a thread of its own, in statements of
    many rows each; `finish` writes what is left and waits for all of it."""

    def __init__(self, conn: sqlite3.Connection, columns: dict[str, Sequence[str]]):
        self._conn = conn
        self._columns = columns
        limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self._per = {table: max(1, min(MAX_ROWS, limit // len(cols)))
                     for table, cols in columns.items()}
        self._sql: dict[tuple[str, int], str] = {}
        self._pending: dict[str, list[tuple]] = {table: [] for table in columns}
        self._queue: queue.Queue = queue.Queue(maxsize=_DEPTH)
        self._error: BaseException | None = None
        self._closed = False
        _while_writing(True)
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    # -- the caller's thread -------------------------------------------------------------

    def put(self, table: str, rows: list[tuple]) -> None:
        """Hand over `rows` of `table` (copied: the caller may reuse the list)."""
        self._raise_error()
        pending = self._pending[table]
        pending.extend(rows)
        per = self._per[table]
        if len(pending) >= per:
            whole = len(pending) - len(pending) % per
            self._send((table, pending[:whole]))
            del pending[:whole]

    def wait(self) -> None:
        """Wait until the statements handed over so far are written (rows that do not
        fill one yet stay pending): the connection is the caller's until the next `put`."""
        self._queue.join()
        self._raise_error()

    def finish(self) -> None:
        """Write every row handed over; returns when they are all in (or raises the
        error that stopped the writer)."""
        for table, pending in self._pending.items():
            if pending:
                self._send((table, pending[:]))
                pending.clear()
        self._queue.join()
        self._raise_error()

    def close(self) -> None:
        """Stop the thread, after the statement it is running, if any (rows still
        queued are dropped: the caller is rolling back). Safe to call twice."""
        if self._thread.is_alive():
            self._error = self._error or _Closed()
            try:
                while True:  # the writer drops what is queued once it sees the error
                    self._queue.get_nowait()
                    self._queue.task_done()
            except queue.Empty:
                pass
            self._queue.put(_STOP)
            self._thread.join()
        if not self._closed:
            self._closed = True
            _while_writing(False)

    def _send(self, item: tuple[str, list[tuple]]) -> None:
        while True:
            self._raise_error()
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue  # (the writer may have stopped on an error meanwhile)

    def _raise_error(self) -> None:
        if self._error is not None and not isinstance(self._error, _Closed):
            error, self._error = self._error, _Closed()
            raise error

    # -- the writer's thread -------------------------------------------------------------

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                if self._error is None:
                    self._write(*item)
            except BaseException as exc:  # raised in the caller's thread (`_raise_error`)
                self._error = exc
            finally:
                self._queue.task_done()

    def _write(self, table: str, rows: list[tuple]) -> None:
        per = self._per[table]
        for start in range(0, len(rows), per):
            if self._error is not None:  # closed meanwhile: the caller is rolling back
                return
            part = rows[start:start + per]
            self._conn.execute(self._statement(table, len(part)),
                               list(chain.from_iterable(part)))

    def _statement(self, table: str, count: int) -> str:
        sql = self._sql.get((table, count))
        if sql is None:
            columns = self._columns[table]
            row = f"({', '.join('?' for _ in columns)})"
            sql = self._sql[(table, count)] = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * count)}")
        return sql


_running_lock = threading.Lock()
_writers_running = 0
_usual_interval = sys.getswitchinterval()
_collecting = gc.isenabled()


def _while_writing(on: bool) -> None:
    """The short switch interval and no cyclic collection while any writer runs (imports
    in two windows at once included); the interpreter's own settings again once the
    last one is closed."""
    global _writers_running, _usual_interval, _collecting
    with _running_lock:
        if on:
            if _writers_running == 0:
                _usual_interval = sys.getswitchinterval()
                sys.setswitchinterval(min(_usual_interval, _SWITCH_INTERVAL_S))
                _collecting = gc.isenabled()
                gc.disable()
            _writers_running += 1
        else:
            _writers_running -= 1
            if _writers_running == 0:
                sys.setswitchinterval(_usual_interval)
                if _collecting:
                    gc.enable()


class _Closed(Exception):
    """The writer was closed (or its error already raised): nothing more is written."""
