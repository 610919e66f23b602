"""Unexpected errors reach the crash dialog on the GUI thread, from any thread.

A bug in the CSV import worker used to re-raise on the worker thread, where the
crash handler built its dialog: Qt warned "Cannot set parent, new parent is in a
different thread" and the dialog lived on a thread with no event loop. Qt
warnings fail these tests (qt_log_level_fail = WARNING).
"""

import sys
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication


@pytest.fixture
def crashes(window, monkeypatch, tmp_path):
    """The crash handler installed on `window`; the dialogs it would show, recorded."""
    from negotiations_gui import app
    from negotiations_gui.ui import dialogs

    shown = []

    def exec_(dialog):
        on_gui_thread = QThread.currentThread() is QApplication.instance().thread()
        shown.append((on_gui_thread, dialog.report, dialog.parent()))

    monkeypatch.setattr(dialogs.CrashDialog, "exec", exec_)
    monkeypatch.setattr(app, "crash_log_path", lambda: tmp_path / "logs" / "crash.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app.install_crash_handler(window)
    return shown


def test_a_bug_in_the_import_worker_reaches_the_crash_dialog_on_the_gui_thread(
        qtbot, window, crashes, monkeypatch, tmp_path):
    from negotiations_gui.ui.csv_import import work as csv_import_work
    from negotiations_gui.ui.csv_import.dialog import CsvImportDialog

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug in the planner")

    monkeypatch.setattr(csv_import_work, "plan_import", broken)
    path = tmp_path / "events.csv"
    path.write_text("Date,Title\n2025-08-12,Cairo round\n", encoding="utf-8")
    dialog = CsvImportDialog(window.store, window.state, window.push, window, str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.open_file(path)
    dialog.start_import()
    qtbot.waitUntil(lambda: len(crashes) == 1, timeout=30_000)
    on_gui_thread, report, parent = crashes[0]
    assert on_gui_thread
    assert parent is window
    assert "ZeroDivisionError: a bug in the planner" in report
    qtbot.waitUntil(lambda: dialog._thread is None)
    assert dialog.status.text().startswith("Nothing was imported")
    assert dialog.import_button.isEnabled()  # the dialog is not left waiting
    assert window.store.counts()["events"] == 0
    assert "ZeroDivisionError" in (tmp_path / "logs" / "crash.log").read_text()


def test_an_error_raised_on_another_thread_is_shown_on_the_gui_thread(qtbot, window, crashes):
    def fail() -> None:
        raise LookupError("from a helper thread")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(crashes) == 1)
    on_gui_thread, report, parent = crashes[0]
    assert on_gui_thread and parent is window
    assert "LookupError: from a helper thread" in report
