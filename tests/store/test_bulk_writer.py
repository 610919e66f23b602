"""The bulk writer's thread: every row in, in statements of many rows; its errors reach the
caller; nothing runs on after it is closed (store/bulk_writer.py)."""

import gc
import sqlite3
import sys
import threading

import pytest

from negotiations_gui.store.bulk_writer import MAX_ROWS, BulkWriter

COLUMNS = {"items": ("n", "label"), "notes": ("item_n", "text", "weight")}


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "bulk.db", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE items (n INTEGER PRIMARY KEY, label TEXT NOT NULL)")
    conn.execute("CREATE TABLE notes (item_n INTEGER NOT NULL, text TEXT, weight REAL)")
    conn.execute("BEGIN")
    yield conn
    conn.close()


def _writer_threads():
    return [t for t in threading.enumerate() if t.name == "bulk-writer"]


def test_every_row_goes_in_with_its_values_in_statements_of_many_rows(conn):
    statements = []
    conn.set_trace_callback(statements.append)
    interval = sys.getswitchinterval()
    writer = BulkWriter(conn, COLUMNS)
    items = [(n, f"item {n}") for n in range(1, 2 * MAX_ROWS + 124)]
    notes = [(n, None if n % 3 else f"note ‘{n}’", n / 4) for n in range(1, 10)]
    for start in range(0, len(items), 300):  # handed over in pieces that fill no statement
        writer.put("items", items[start:start + 300])
    writer.put("notes", notes)
    writer.finish()
    writer.close()
    assert conn.execute("SELECT n, label FROM items ORDER BY n").fetchall() == items
    assert conn.execute("SELECT * FROM notes ORDER BY item_n").fetchall() == notes
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 4  # 500 + 500 + the 123 left at `finish`, and the notes
    assert _writer_threads() == [] and sys.getswitchinterval() == interval and gc.isenabled()


def test_wait_returns_with_the_statements_handed_over_written(conn):
    writer = BulkWriter(conn, COLUMNS)
    try:
        writer.put("items", [(n, "x") for n in range(1, MAX_ROWS + 11)])
        writer.wait()
        # the whole statement is in; the ten rows that fill none wait for more
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == MAX_ROWS
        writer.finish()
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == MAX_ROWS + 10
    finally:
        writer.close()


def test_an_error_in_a_statement_is_raised_in_the_caller_and_stops_the_writer(conn):
    writer = BulkWriter(conn, COLUMNS)
    try:
        writer.put("items", [(n, "first") for n in range(1, MAX_ROWS + 1)])
        writer.put("items", [(n, "again") for n in range(1, MAX_ROWS + 1)])  # same keys
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            writer.finish()
        writer.put("items", [(n, "later") for n in range(MAX_ROWS + 1, 3 * MAX_ROWS)])
        writer.finish()  # (raised once: nothing more is written after it)
    finally:
        writer.close()
    assert _writer_threads() == []
    assert conn.execute("SELECT count(*), max(n) FROM items").fetchone() == (MAX_ROWS, MAX_ROWS)
    conn.execute("ROLLBACK")  # the caller's transaction is still whole: all of it undone
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0


def test_closing_with_rows_queued_writes_none_of_them_after(conn):
    writer = BulkWriter(conn, COLUMNS)
    writer.put("items", [(n, "x") for n in range(1, 6 * MAX_ROWS + 1)])
    writer.close()
    written = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    assert written % MAX_ROWS == 0 and written <= 6 * MAX_ROWS  # whole statements, or none
    conn.execute("INSERT INTO items VALUES (0, 'the connection is the caller''s again')")
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == written + 1
    assert _writer_threads() == []
    writer.close()


def test_two_writers_at_once_leave_the_interpreter_as_it_was(tmp_path, conn):
    other = sqlite3.connect(tmp_path / "other.db", isolation_level=None,
                            check_same_thread=False)
    other.execute("CREATE TABLE items (n INTEGER PRIMARY KEY, label TEXT NOT NULL)")
    usual = sys.getswitchinterval()
    assert gc.isenabled()
    first, second = BulkWriter(conn, COLUMNS), BulkWriter(other, {"items": COLUMNS["items"]})
    # short switches and no cyclic collection while rows are written
    assert sys.getswitchinterval() < usual and not gc.isenabled()
    first.close()  # (the first closed while the second still writes)
    assert sys.getswitchinterval() < usual and not gc.isenabled()
    second.close()
    second.close()  # closing twice counts once
    assert sys.getswitchinterval() == usual and gc.isenabled()
    other.close()


def test_a_collector_paused_before_the_writer_stays_paused(conn):
    gc.disable()
    try:
        writer = BulkWriter(conn, COLUMNS)
        writer.put("items", [(1, "x")])
        writer.finish()
        writer.close()
        assert not gc.isenabled()  # the caller's choice, not the writer's to undo
    finally:
        gc.enable()
