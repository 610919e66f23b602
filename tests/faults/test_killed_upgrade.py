"""An upgrade on open killed for real (SIGKILL) leaves the original as it was, and openable."""

from negotiations_gui.store import SCHEMA_VERSION, CaseStore

from ..old_case import contents, digest, old_case
from .helpers import kill9, start_python

# The child upgrades the file and is held (until killed) just before the commit, with
# every migration written, uncommitted, to the -wal; or in the middle of a statement of
# a step (from SQLite's progress handler, a few thousand steps into it).
_CHILD = r"""
import sys, threading
from pathlib import Path
from negotiations_gui.store.connection import upgrade_file
from negotiations_gui.store.upgrade import UpgradeControl

class Held(UpgradeControl):
    step, calls = "", 0

    def progress(self, done, total, step):
        super().progress(done, total, step)
        self.step = step
        if step == sys.argv[2] == "before commit":
            print(step, flush=True)
            threading.Event().wait()

    def should_stop(self):
        if self.step == sys.argv[2]:
            self.calls += 1
            if self.calls == 3:
                print(self.step, flush=True)
                threading.Event().wait()
        return super().should_stop()

upgrade_file(Path(sys.argv[1]), Held())
print("DONE", flush=True)
"""


def _killed_at(tmp_path, step, events):
    path = old_case(tmp_path / "old.nego", events=events)
    before, rows = digest(path), contents(path)
    code = _CHILD.replace("sys.argv[1]", repr(str(path))).replace("sys.argv[2]", repr(step))
    child = start_python(code)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == step:
            break
    kill9(child)
    assert digest(path) == before  # the file itself untouched: the writes were in the -wal
    assert contents(path) == rows  # and what SQLite reads of it is the old case
    with CaseStore.open(path) as store:  # openable: upgraded again, from the start
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(store.export_data().events) == events


def test_killed_just_before_the_commit(tmp_path):
    _killed_at(tmp_path, "before commit", 3_000)


def test_killed_in_the_middle_of_the_table_rebuild(tmp_path):
    _killed_at(tmp_path, "m012_integer_keys", 5_000)
