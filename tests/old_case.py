"""Case files as an older version wrote them, for the tests of upgrading on open."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from negotiations_gui.store.connection import create_database

# the format before integer keys (m012), whose upgrade rebuilds the big tables
BEFORE = "m012_integer_keys"
_STAMP = "2025-01-01T00:00:00.000000+00:00"


def old_case(path: Path, events: int = 2_000, wal: bool = True) -> Path:
    """An m011 case with `events` events (each linked to a party and tagged). In WAL
    mode by default, as every file a window has opened is."""
    create_database(path, stop_before=BEFORE)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO case_info VALUES (1, 'Old case', '', 'OLD', ?, ?)",
                 [_STAMP, _STAMP])
    conn.execute("INSERT INTO parties VALUES ('p1', 'Egypt', 'EGY', 'mediator', '#000000', 0, "
                 "?, ?)", [_STAMP, _STAMP])
    conn.execute(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
        "INSERT INTO events (id, date, kind, title, created_at, updated_at) "
        "SELECT printf('e%07d', i), printf('2025-%02d-%02d', 1 + i % 12, 1 + i % 28), "
        "'meeting', printf('Talks %d', i), ?, ? FROM k", [events, _STAMP, _STAMP])
    conn.execute("INSERT INTO event_parties SELECT id, 'p1' FROM events")
    conn.execute("INSERT INTO event_tags SELECT id, 'cairo' FROM events")
    conn.execute("COMMIT")
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def contents(path: Path) -> tuple[int, list]:
    """(user_version, every row of every table), read without writing."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = [(t, sorted(conn.execute(f"SELECT * FROM \"{t}\"").fetchall())) for t in tables]
        return conn.execute("PRAGMA user_version").fetchone()[0], rows
    finally:
        conn.close()
