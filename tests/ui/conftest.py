"""Fixtures for window tests: isolated settings, a window with a case open,
and stand-ins for the questions and file dialogs a user would answer."""

import pytest
from PySide6.QtCore import QSettings

from negotiations_gui.ui import prompts
from negotiations_gui.ui.main_window import MainWindow
from negotiations_gui.ui.settings import ANALYST_NAME, Settings


def pytest_collection_modifyitems(items):
    # The offscreen platform warns on every dialog it shows (it cannot resize
    # windows to their size hints) and on every popup menu (it cannot raise a
    # window or grab the keyboard); that says nothing about our code.
    mark = pytest.mark.qt_log_ignore(
        "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(mark)


@pytest.fixture
def settings(tmp_path):
    made = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    # an analyst who already gave their name: the window does not ask it
    made.set(ANALYST_NAME, "Test Analyst")
    return made


class Answers:
    """What the fake user answers: questions, file dialogs; records every message shown."""

    def __init__(self):
        self.yes = True
        self.open_paths: list[str] = []
        self.save_paths: list[str] = []
        self.asked: list[str] = []
        self.warnings: list[str] = []
        self.infos: list[str] = []


@pytest.fixture
def answers(monkeypatch):
    a = Answers()
    monkeypatch.setattr(prompts, "ask", lambda _p, title, text, yes="", no="": (
        a.asked.append(text), a.yes)[1])
    monkeypatch.setattr(prompts, "warn", lambda _p, title, text: a.warnings.append(text))
    monkeypatch.setattr(prompts, "inform", lambda _p, title, text: a.infos.append(text))
    monkeypatch.setattr(prompts, "open_path", lambda *_args: a.open_paths.pop(0))
    monkeypatch.setattr(prompts, "save_path", lambda *_args: a.save_paths.pop(0))
    return a


@pytest.fixture
def make_window(qtbot, settings, answers):
    made = []

    def make():
        window = MainWindow(settings)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window, case_path):
    """A window with a new, empty case (six default issues) open."""
    from negotiations_gui.domain import CaseInfo

    w = make_window()
    assert w.create_case(case_path, CaseInfo("Test case", marking="TEST"))
    return w
