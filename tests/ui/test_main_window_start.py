"""run_gui, the welcome page and the start path, without entering the event loop."""

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from negotiations_gui import app as app_module
from negotiations_gui.domain import CaseInfo
from negotiations_gui.store import CaseStore
from negotiations_gui.ui import main_window
from negotiations_gui.ui.settings import OPEN_LAST_CASE
from negotiations_gui.ui.welcome import WelcomePage


@pytest.fixture
def started(monkeypatch, settings, qtbot):
    """Run run_gui with isolated settings; QApplication.exec returns at once."""
    windows = []

    class Recorded(main_window.MainWindow):
        def __init__(self, _settings=None, parent=None):
            super().__init__(settings, parent)
            windows.append(self)

    monkeypatch.setattr(main_window, "MainWindow", Recorded)
    monkeypatch.setattr(app_module, "Settings", lambda: settings)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield windows
    for window in windows:
        window.close()


def test_run_gui_opens_the_file_and_shows_the_window(started, tmp_path):
    path = tmp_path / "a.nego"
    CaseStore.create(path, CaseInfo("From the command line")).close()
    assert app_module.run_gui(path, False) == 0
    (window,) = started
    assert window.isVisible() and window.store.path == path
    assert sys.excepthook is not sys.__excepthook__


def test_run_gui_demo(started):
    assert app_module.run_gui(None, True) == 0
    assert "demo" in started[0].store.path.name


def test_run_gui_with_nothing_shows_the_welcome_page(started):
    assert app_module.run_gui(None, False) == 0
    assert isinstance(started[0].centralWidget(), WelcomePage)


def test_welcome_page_opens_recent_cases(make_window, tmp_path, settings):
    path = tmp_path / "a.nego"
    CaseStore.create(path, CaseInfo("Recent")).close()
    settings.add_recent_file(path)
    settings.set(OPEN_LAST_CASE, False)
    window = make_window()
    page = window.centralWidget()
    assert isinstance(page, WelcomePage) and page.recent_list.count() == 1
    page.recent_list.itemActivated.emit(page.recent_list.item(0))
    assert window.store.path == path


def test_welcome_page_offers_the_demo(make_window, settings, qtbot):
    from PySide6.QtCore import Qt

    settings.set(OPEN_LAST_CASE, False)
    window = make_window()
    page = window.centralWidget()
    qtbot.mouseClick(page.demo_button, Qt.LeftButton)
    assert window.store is not None and "demo" in window.store.path.name
    assert window.store.case_info().title.startswith("Gaza")
    assert settings.recent_files() == []  # the demo has its own button, not a recent entry
