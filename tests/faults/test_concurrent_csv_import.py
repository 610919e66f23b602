"""Two `import-csv` runs at once that both create "Egypt" leave one Egypt (issue 12 item 3).

A real race between two real processes: each runs the command line's import
and, once it has read its file and found no earlier import of it (Egypt still
new to the case for both), waits on a barrier the test controls (a line on its
stdin). Only when both are there does the test release them together, so both
race for the write lock with rows that would create Egypt: the command line
reads the case's parties under the lock (importing/one_pass.py), and the
dialog's plan is matched again under it (store/csv_matching.py, tested in
tests/importing). No sleeps: the barrier is the pipe.
"""

import subprocess
import sys
import textwrap

import pytest

from negotiations_gui.domain import CaseInfo, Party
from negotiations_gui.importing import ColumnMapping
from negotiations_gui.store import CaseStore

CHILD = textwrap.dedent("""
    import sys
    import negotiations_gui.importing.command_line as command_line

    real_run = command_line.run_import

    def wait_then_run(store, table, *args, **kwargs):
        print("ready", table.path.name, flush=True)
        sys.stdin.readline()  # the barrier: the test releases both at once
        return real_run(store, table, *args, **kwargs)

    command_line.run_import = wait_then_run
    sys.exit(command_line.import_csv_command(sys.argv[1:]))
""")


def _start(csv_path, case, mapping):
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(csv_path), str(case), "--mapping", str(mapping)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _race(first, second, case, mapping):
    """Both runs planned (the barrier), then released together; their results."""
    runs = [_start(first, case, mapping), _start(second, case, mapping)]
    try:
        ready = [run.stdout.readline() for run in runs]
        assert all(line.startswith("ready") for line in ready), \
            [line or run.stderr.read() for run, line in zip(runs, ready)]
        for run in runs:  # release both together
            run.stdin.write("go\n")
            run.stdin.flush()
        results = [run.communicate(timeout=60) for run in runs]
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
    return [(run.returncode, err) for run, (_, err) in zip(runs, results)]


@pytest.fixture
def race_case(tmp_path):
    case = tmp_path / "case.nego"
    with CaseStore.create(case, CaseInfo("Race")) as store:
        store.add_party(Party("Israel"))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(ColumnMapping(
        columns={"date": "Date", "title": "Title", "parties": "Parties",
                 "source": "Source"}).to_json(), "utf-8")
    return case, mapping


def test_two_concurrent_imports_create_one_egypt(tmp_path, race_case):
    case, mapping = race_case
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("Date,Title,Parties,Source\n2025-08-01,Cairo talks,Egypt; Israel,"
                     "Al-Ahram\n2025-08-02,Cairo round 2,Egypt,Al-Ahram\n", "utf-8")
    second.write_text("Date,Title,Parties,Source\n2025-08-03,Egypt's proposal,egypt; Qatar,"
                      "Al-Ahram\n", "utf-8")
    results = _race(first, second, case, mapping)
    assert [status for status, _ in results] == [0, 0], results
    with CaseStore.open(case) as store:
        names = sorted(p.name.casefold() for p in store.parties())
        assert names == ["egypt", "israel", "qatar"]
        assert len(store.sources()) == 1  # "Al-Ahram" once, cited by all three events
        egypt = next(p.id for p in store.parties() if p.name.casefold() == "egypt")
        events = store.events()
        assert len(events) == 3 and all(egypt in e.party_ids for e in events)
        assert len({p.sort_order for p in store.parties()}) == 3


def test_the_same_file_imported_twice_at_once_goes_in_once(tmp_path, race_case):
    case, mapping = race_case
    data = "Date,Title,Parties,Source\n2025-08-01,Cairo talks,Egypt,X\n2025-08-02,Doha,Qatar,X\n"
    first, second = tmp_path / "a.csv", tmp_path / "copy.csv"
    first.write_text(data, "utf-8")
    second.write_bytes(data.replace("\n", "\r\n").encode())  # the same rows, CRLF
    results = _race(first, second, case, mapping)  # both checked the log before either wrote
    assert sorted(status for status, _ in results) == [0, 1], results
    refused = next(err for status, err in results if status == 1)
    assert "was imported into the case" in refused and "nothing was imported" in refused
    with CaseStore.open(case) as store:
        assert store.counts()["events"] == 2
        assert sorted(p.name for p in store.parties()) == ["Egypt", "Israel", "Qatar"]
