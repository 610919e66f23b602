"""Real processes for fault tests: the command line run as users run it, killed for real."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

CLI = [sys.executable, "-m", "negotiations_gui.cli"]


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=_env(), check=False)


def start_cli(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())


def start_python(code: str) -> subprocess.Popen:
    """A child running `code`, talking by lines on stdin/stdout (markers, not timing)."""
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env())


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def wait_until(condition: Callable[[], bool], timeout: float = 60, what: str = "") -> None:
    """Poll the file system (or a process) until `condition` holds; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.002)  # a poll interval, not a synchronisation


def kill9(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipes
    assert proc.returncode == -signal.SIGKILL, "the process ended before it was killed"


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def case_document(title: str, events: int, party_name: str = "Egypt") -> dict:
    """A JSON export with one party, one issue and `events` events."""
    party, issue = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        "format": "negotiations-case", "format_version": 1,
        "case": {"title": title},
        "parties": [{"id": party, "name": party_name, "role": "mediator"}],
        "issues": [{"id": issue, "name": "Hostages"}],
        "events": [{"id": str(uuid.uuid4()), "date": f"2025-08-{n % 28 + 1:02d}",
                    "title": f"{title} event {n}", "parties": [party], "issues": [issue]}
                   for n in range(events)],
    }


def write_document(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def record_count(doc: dict) -> int:
    return sum(len(doc.get(k, [])) for k in ("parties", "issues", "events"))


def case_summary(path: Path) -> tuple[str, int]:
    """(title, number of events) read straight from the file, with SQLite alone."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        title = conn.execute("SELECT title FROM case_info").fetchone()[0]
        return title, conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def partial_files(folder: Path, name: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(f".{name}."))


PAGE = 4096


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def overwrite_page(path, number, data=b"\x00" * PAGE):
    with path.open("r+b") as f:
        f.seek((number - 1) * PAGE)
        f.write(data)


def events_leaf(path):
    """A leaf page of the events table, well inside the file."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        pages = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'")] \
            if has_dbstat(conn) else []
    finally:
        conn.close()
    return pages[len(pages) // 2] if pages else root + 5


def has_dbstat(conn):
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.OperationalError:
        return False


def damage_events_page(path):
    """Zero a leaf page of the events table: bytes changed on disk, as a bad sector would."""
    overwrite_page(path, events_leaf(path))


def check_threads() -> list[threading.Thread]:
    """The open-time checks running (store/open_check.py)."""
    return [t for t in threading.enumerate() if t.name == "open-check"]


def gate_the_check(monkeypatch) -> threading.Event:
    """Make the open-time check wait at a gate before it reads, so a started check is
    seen alive; set the event to let it through."""
    from negotiations_gui.store import open_check

    gate = threading.Event()
    real = open_check.quick_check
    monkeypatch.setattr(open_check, "quick_check",
                        lambda reader, budget: (gate.wait(10), real(reader, budget))[1])
    return gate
