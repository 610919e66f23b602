"""kill -9 at random moments of import-json and import-csv, 20 times each way: every time
the case is as before or fully imported, and the next command on it works (issue 12).

Slow (about a minute): run with `pytest -m slow tests/faults/test_kill_loop.py`. The
moment of each kill is random (seeded, so a failure can be replayed: the seed and the
delay are in the assertion message) over the time a whole import takes, measured first.
"""

import random
import sqlite3
import time

import pytest

from .helpers import (
    case_document,
    case_summary,
    finish,
    kill9,
    partial_files,
    run_cli,
    start_cli,
    write_document,
)

TRIALS = 20
EVENTS = 5000
ROWS = 3000


def _timed(*args):
    start = time.monotonic()
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def _kill_at(delay, *args):
    """Start the command, kill it `delay` seconds in (if still running); True if killed."""
    proc = start_cli(*args)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.001)  # the fault's moment, not a synchronisation
    if proc.poll() is not None:
        finish(proc)
        return False
    kill9(proc)
    return True


def _events(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_import_json_leaves_nothing_or_everything(tmp_path):
    source = write_document(tmp_path / "A.json", case_document("Case A", EVENTS))
    whole = _timed("import-json", source, tmp_path / "measure.nego")
    rng = random.Random(12)
    outcomes = {"nothing": 0, "everything": 0, "not killed": 0}
    for trial in range(TRIALS):
        target = tmp_path / f"case{trial}.nego"
        delay = rng.uniform(0, whole * 0.9)
        killed = _kill_at(delay, "import-json", source, target)
        why = f"trial {trial}, seed 12, killed {delay:.3f} s in"
        if target.exists():
            assert case_summary(target) == ("Case A", EVENTS), why
            outcomes["everything" if killed else "not killed"] += 1
        else:
            outcomes["nothing"] += 1
            done = run_cli("import-json", source, target)  # the next command works
            assert done.returncode == 0, (why, done.stderr)
            assert case_summary(target) == ("Case A", EVENTS), why
        for leftover in partial_files(tmp_path, target.name):
            leftover.unlink()  # a killed import's hidden temporary files, never reused
    print(f"import-json: {TRIALS} kills over {whole:.2f} s: {outcomes}")
    assert outcomes["nothing"] + outcomes["everything"] > TRIALS // 2  # most were real kills


@pytest.mark.slow
def test_killed_import_csv_leaves_the_case_as_before_or_fully_imported(tmp_path):
    case = tmp_path / "case.nego"
    assert run_cli("import-json", write_document(tmp_path / "A.json", case_document(
        "Case A", 10)), case).returncode == 0
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"format": "negotiations-gui csv mapping", "version": 1, '
                       '"target": "events", "columns": {"date": "Date", "title": "Title", '
                       '"parties": "Parties"}}', encoding="utf-8")

    def csv(n):
        path = tmp_path / f"rows{n}.csv"
        path.write_text("Date,Title,Parties\n" + "".join(
            f"2025-08-{r % 28 + 1:02d},Round {n}.{r},Egypt\n" for r in range(ROWS)),
            encoding="utf-8")
        return path

    whole = _timed("import-csv", csv("measure"), case, "--mapping", mapping)
    expected = _events(case)
    rng = random.Random(34)
    outcomes = {"as before": 0, "fully imported": 0, "not killed": 0}
    for trial in range(TRIALS):
        delay = rng.uniform(0, whole * 0.9)
        killed = _kill_at(delay, "import-csv", csv(trial), case, "--mapping", mapping)
        why = f"trial {trial}, seed 34, killed {delay:.3f} s in"
        count = _events(case)
        assert count in (expected, expected + ROWS), (why, count, expected)
        if count == expected:
            outcomes["as before"] += 1
            done = run_cli("import-csv", csv(trial), case, "--mapping", mapping)
            assert done.returncode == 0, (why, done.stderr)  # the next command works
        else:
            outcomes["fully imported" if killed else "not killed"] += 1
        expected += ROWS
        assert _events(case) == expected, why
        check = sqlite3.connect(case)
        assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok", why
        assert check.execute("SELECT count(*) FROM parties WHERE name = 'Egypt'").fetchone() \
            == (1,), why
        check.close()
    print(f"import-csv: {TRIALS} kills over {whole:.2f} s: {outcomes}")
    assert outcomes["as before"] + outcomes["fully imported"] > TRIALS // 2
