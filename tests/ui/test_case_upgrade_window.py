"""A large case from an older version opens through its upgrade, shown in the window and
run off the GUI thread; Cancel and closing the window leave the file as it was."""

import threading
from typing import ClassVar

import pytest

from negotiations_gui.store import SCHEMA_VERSION
from negotiations_gui.store import upgrade as upgrade_module
from negotiations_gui.ui import case_upgrade
from negotiations_gui.ui.case_upgrade import UpgradePage

from ..old_case import contents, digest, old_case


@pytest.fixture
def old_file(tmp_path, monkeypatch):
    path = old_case(tmp_path / "old.nego", events=3_000)
    # the file is small; as large cases do, it goes through the upgrade shown in the window
    monkeypatch.setattr(upgrade_module, "LONG_UPGRADE_BYTES", 1)
    return path


class _HeldBeforeCommit(upgrade_module.UpgradeControl):
    """Holds the upgrading thread before the commit, every migration run, until
    cancelled or let `go`: the test looks at (or cancels) a real upgrade in the middle."""

    threads: ClassVar[list[str]] = []
    go = threading.Event()

    def progress(self, done, total, step):
        self.threads.append(threading.current_thread().name)
        super().progress(done, total, step)
        if step == "before commit":
            while not (self.cancelled or self.go.wait(0.01)):
                pass
            super().progress(done, total, step)


@pytest.fixture(autouse=True)
def _held(monkeypatch):
    _HeldBeforeCommit.threads = []
    _HeldBeforeCommit.go = threading.Event()
    monkeypatch.setattr(case_upgrade, "UpgradeControl", _HeldBeforeCommit)


def _backups(folder):
    return [p for p in folder.iterdir() if "backup before upgrade" in p.name]


def test_a_large_older_case_is_upgraded_off_the_gui_thread_then_opens(make_window, old_file,
                                                                      qtbot, monkeypatch):
    window = make_window()
    window.show()
    assert window.open_case(old_file)
    page = window.centralWidget()
    assert isinstance(page, UpgradePage) and window.store is None
    assert "new format" in page.title.text()
    qtbot.waitUntil(lambda: page.step.text().startswith("Step"), timeout=60_000)
    backup = _backups(old_file.parent)
    assert len(backup) == 1 and str(backup[0]) in page.detail.text()
    assert page.bar.maximum() >= 2 and page.cancel_button.isEnabled()
    assert threading.main_thread().name not in _HeldBeforeCommit.threads
    _HeldBeforeCommit.go.set()
    qtbot.waitUntil(lambda: window.store is not None, timeout=60_000)
    assert window.store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(window.store.export_data().events) == 3_000
    assert str(backup[0]) in window.statusBar().currentMessage()
    assert window.timeline_pane is not None
    assert window.settings.recent_files()[0] == old_file


def test_cancel_rolls_the_upgrade_back(make_window, old_file, qtbot, monkeypatch, answers):
    before, rows = digest(old_file), contents(old_file)
    window = make_window()
    window.show()
    assert window.open_case(old_file)
    page = window.centralWidget()
    qtbot.waitUntil(lambda: page.step.text().startswith("Step"), timeout=60_000)
    assert threading.main_thread().name not in _HeldBeforeCommit.threads
    qtbot.mouseClick(page.cancel_button, case_upgrade.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.upgrading.running, timeout=60_000)
    assert window.store is None and not isinstance(window.centralWidget(), UpgradePage)
    assert "cancelled; the file is as it was" in window.statusBar().currentMessage()
    assert answers.warnings == []
    assert digest(old_file) == before and contents(old_file) == rows
    assert _backups(old_file.parent) == []
    _HeldBeforeCommit.go.set()
    assert window.open_case(old_file)  # and it can be opened (upgraded) after all
    qtbot.waitUntil(lambda: window.store is not None, timeout=60_000)


def test_closing_the_window_mid_upgrade_leaves_the_file_as_it_was(make_window, old_file,
                                                                   qtbot, monkeypatch):
    before = digest(old_file)
    window = make_window()
    window.show()
    assert window.open_case(old_file)
    page = window.centralWidget()
    qtbot.waitUntil(lambda: page.step.text().startswith("Step"), timeout=60_000)
    window.close()
    assert not window.upgrading.running
    assert digest(old_file) == before and contents(old_file)[0] < SCHEMA_VERSION


def test_a_failed_upgrade_is_said_in_words_and_the_file_kept(make_window, old_file, qtbot,
                                                             monkeypatch, answers):
    from negotiations_gui.store import connection

    before = digest(old_file)
    monkeypatch.setattr(connection, "schema_problems", lambda conn: ["table events is missing"])
    _HeldBeforeCommit.go.set()
    window = make_window()
    window.show()
    assert window.open_case(old_file)
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=60_000)
    assert "events is missing" in answers.warnings[0]
    assert "left as it was" in answers.warnings[0]
    assert window.store is None and not window.upgrading.running
    assert digest(old_file) == before


def test_a_small_older_case_opens_at_once_with_no_page(make_window, tmp_path, answers):
    path = old_case(tmp_path / "small.nego", events=10)
    window = make_window()
    assert window.open_case(path)
    assert window.store is not None and not window.upgrading.running
    assert answers.infos and "upgraded" in answers.infos[0]
