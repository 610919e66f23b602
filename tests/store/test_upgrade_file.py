"""Upgrading an older case file as one step: all migrations in one transaction, watched
and stoppable from another thread, the file as it was after a cancel or a failure."""

import threading

import pytest

from negotiations_gui.store import SCHEMA_VERSION, CaseFileError, CaseStore, connection
from negotiations_gui.store.connection import upgrade_file
from negotiations_gui.store.schema import MIGRATION_NAMES
from negotiations_gui.store.upgrade import UpgradeCancelled, UpgradeControl, announce_upgrades

from ..old_case import contents, digest, old_case


def _backups(folder):
    return [p for p in folder.iterdir() if "backup before upgrade" in p.name]


def test_an_upgrade_reports_each_step_then_its_end(tmp_path):
    path = old_case(tmp_path / "old.nego")
    seen = []

    class Watched(UpgradeControl):
        def progress(self, done, total, step):
            super().progress(done, total, step)
            seen.append(self.take_report())

    backup = upgrade_file(path, Watched())
    assert backup is not None and backup.exists() and _backups(tmp_path) == [backup]
    pending = MIGRATION_NAMES.index("m012_integer_keys")
    steps = len(MIGRATION_NAMES) - pending
    numbered = [r for r in seen if r is not None and not r.finishing]
    assert [r.step for r in numbered] == list(range(1, steps + 1))
    assert {r.steps for r in numbered} == {steps} and numbered[0].backup == backup
    assert seen[-1].finishing
    assert contents(path)[0] == SCHEMA_VERSION
    assert upgrade_file(path) is None  # current now: nothing to do, no second copy
    with CaseStore.open(path) as store:
        assert store.backup_path is None and len(store.export_data().events) == 2_000


def test_a_cancel_mid_migration_leaves_the_file_as_it_was(tmp_path):
    path = old_case(tmp_path / "old.nego")
    before, rows = digest(path), contents(path)
    control = UpgradeControl()
    reached = threading.Event()

    class Cancelled(UpgradeControl):
        def progress(self, done, total, step):
            super().progress(done, total, step)
            if step == "m012_integer_keys":
                reached.set()
                control.cancel()  # told by another party; SQLite is stopped in its steps

        def should_stop(self):
            return control.should_stop()

        @property
        def cancelled(self):
            return control.cancelled

    with pytest.raises(UpgradeCancelled, match="cancelled; the file is as it was"):
        upgrade_file(path, Cancelled())
    assert reached.is_set()
    assert digest(path) == before and contents(path) == rows
    assert _backups(tmp_path) == []  # the file is as it was: no copy is needed


def test_a_cancel_from_another_thread_stops_the_upgrade(tmp_path):
    path = old_case(tmp_path / "old.nego", events=20_000)
    before = digest(path)
    control = UpgradeControl()
    errors = []

    def run():
        try:
            upgrade_file(path, control)
        except CaseFileError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    control.cancel()
    worker.join(60)
    assert not worker.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], UpgradeCancelled)
    assert digest(path) == before and contents(path)[0] < SCHEMA_VERSION


def test_a_result_this_code_cannot_read_is_never_committed(tmp_path, monkeypatch):
    path = old_case(tmp_path / "old.nego")
    before = digest(path)
    monkeypatch.setattr(connection, "schema_problems", lambda conn: ["table events lost"])
    with pytest.raises(CaseFileError, match="events lost") as raised:
        upgrade_file(path)
    assert not isinstance(raised.value, UpgradeCancelled)
    assert digest(path) == before
    assert len(_backups(tmp_path)) == 1  # kept after a failure, as the message may say


def test_the_command_line_hears_of_each_upgrade(tmp_path):
    path = old_case(tmp_path / "old.nego", events=10)
    heard = []
    announce_upgrades(lambda p, version, in_memory: heard.append((p.name, in_memory)))
    try:
        CaseStore.open(path, read_only=True).close()
        CaseStore.open(path).close()
        CaseStore.open(path).close()
    finally:
        announce_upgrades(None)
    assert heard == [("old.nego", True), ("old.nego", False)]
