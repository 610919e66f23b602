"""Writers and readers meeting another process's lock: they wait the busy timeout, then say
who holds the case (issue 12: rollback-journal file held by BEGIN EXCLUSIVE)."""

import pytest

from negotiations_gui.domain import Party
from negotiations_gui.store import CaseStore, LockedError, connection, errors

from .helpers import finish, kill9, start_python

WRITER = """
import sys
from negotiations_gui.domain import Party
from negotiations_gui.store import CaseStore, CaseFileError
refused = 0
with CaseStore.open(sys.argv[1]) as store:
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(150):
        try:
            store.add_party(Party(f"{sys.argv[2]} {n}"))
        except CaseFileError:
            refused += 1
print(refused, flush=True)
"""


def test_concurrent_writers_wait_for_each_other_instead_of_being_refused(store, case_path):
    store.close()
    code = WRITER.replace("sys.argv[1]", repr(str(case_path)))
    writers = [start_python(code.replace("sys.argv[2]", repr(name))) for name in "AB"]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:  # both go at once
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [finish(w) for w in writers]
    assert [(rc, out.strip()) for rc, out, _ in results] == [(0, "0"), (0, "0")], results
    with CaseStore.open(case_path) as after:
        assert len(after.parties()) == 300


HOLDER = """
import sqlite3, sys
from negotiations_gui.store.case_lock import CaseLock
lock = CaseLock.acquire(PATH, "import-csv") if WITH_LOCK else None
conn = sqlite3.connect(PATH, isolation_level=None)
if not WITH_LOCK:  # the rollback-journal case; an import holds a WAL case's write lock
    conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE case_info SET title = 'being changed'")
print("held", flush=True)
sys.stdin.readline()
"""


def _hold(case_path, with_lock):
    child = start_python(HOLDER.replace("PATH", repr(str(case_path)))
                         .replace("WITH_LOCK", str(with_lock)))
    assert child.stdout.readline().strip() == "held"
    return child


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(errors, "BUSY_TIMEOUT_MS", 300)


def test_reading_a_case_held_exclusively_says_it_is_in_use(store, case_path, short_timeout):
    store.close()
    holder = _hold(case_path, with_lock=False)
    try:
        with pytest.raises(LockedError, match="in use by another program") as refused, \
                CaseStore.open(case_path, read_only=True) as reader:
            reader.parties()
        assert str(case_path) in str(refused.value)
    finally:
        kill9(holder)
    with CaseStore.open(case_path, read_only=True) as reader:  # the holder's change rolled back
        assert reader.case_info().title == "Test case"


def test_a_writer_meeting_an_import_names_it(store, case_path, short_timeout):
    store.close()
    with CaseStore.open(case_path) as writer:
        writer.parties()
        holder = _hold(case_path, with_lock=True)
        try:
            with pytest.raises(LockedError, match=r"in use by negotiations-gui import-csv "
                               rf"\(process {holder.pid}\)"):
                writer.add_party(Party("Qatar"))
        finally:
            kill9(holder)
        assert writer.add_party(Party("Qatar")).name == "Qatar"  # free again: it goes through


def test_import_csv_refuses_a_case_open_in_a_window(store, case_path, tmp_path):
    """The window's lock is the store's: the command line's import-csv meets it."""
    from negotiations_gui.store.case_lock import CaseLock

    from .helpers import run_cli

    store.close()
    csv = tmp_path / "events.csv"
    csv.write_text("Date,Title\n2025-08-12,Talks in Cairo\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"format": "negotiations-gui csv mapping", "version": 1, '
                       '"target": "events", "columns": {"date": "Date", "title": "Title"}}',
                       encoding="utf-8")
    window = CaseLock.acquire(case_path, "window")  # as ui/case_files.py takes it
    try:
        done = run_cli("import-csv", csv, case_path, "--mapping", mapping)
    finally:
        window.release()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "being written by negotiations-gui window" in done.stderr
    with CaseStore.open(case_path) as after:
        assert after.events() == []
    assert run_cli("import-csv", csv, case_path, "--mapping", mapping).returncode == 0


SLOW_NAMER = """
import fcntl, json, os, socket, sys, time
fd = os.open(PATH + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("locked", flush=True)
sys.stdin.readline()  # the taker is trying now
time.sleep(0.2)  # the fault: a holder slow to write its name (not a synchronisation)
os.write(fd, json.dumps({"by": "import-json", "pid": os.getpid(),
                         "host": socket.gethostname()}).encode())
sys.stdin.readline()
"""


@pytest.mark.skipif(not hasattr(__import__("fcntl"), "flock"), reason="flock locks only")
def test_a_writer_refused_the_moment_the_lock_is_taken_still_names_its_holder(case_path):
    """The holder writes its name just after taking the lock (the CI failure of 2026-12-02:
    the loser of two import-json runs said "another window or program")."""
    holder = start_python(SLOW_NAMER.replace("PATH", repr(str(case_path))))
    assert holder.stdout.readline().strip() == "locked"
    taker = start_python(f"""
import sys
from negotiations_gui.store.case_lock import CaseLock, CaseInUseError
print("trying", flush=True)
try:
    CaseLock.acquire({str(case_path)!r}, "window")
except CaseInUseError as e:
    print(e.holder, flush=True)
""")
    assert taker.stdout.readline().strip() == "trying"
    holder.stdin.write("name\n")
    holder.stdin.flush()
    rc, out, err = finish(taker)
    holder.stdin.write("done\n")
    holder.stdin.flush()
    finish(holder)
    assert rc == 0, err
    assert out.strip() == f"negotiations-gui import-json (process {holder.pid})"
