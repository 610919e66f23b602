"""The window's demo lives in the user's data folder; exports are saved to Documents."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from negotiations_gui.demo import DEMO_FILE_NAME
from negotiations_gui.domain import Party
from negotiations_gui.ui.exports import preview_dialog as preview
from negotiations_gui.ui.settings import OPEN_LAST_CASE
from negotiations_gui.ui.user_folders import demo_folder, documents_folder


@pytest.fixture
def demo_window(make_window, settings):
    settings.set(OPEN_LAST_CASE, False)
    window = make_window()
    assert window.open_demo()
    return window


def _message(window, qtbot) -> str:
    # said once the window shows (here: once the event loop runs)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    return window.statusBar().currentMessage()


def test_the_demo_opens_from_the_users_data_folder_each_time(demo_window, user_folders,
                                                             qtbot):
    path = demo_window.store.path
    assert path == demo_folder() / DEMO_FILE_NAME
    assert path.is_relative_to(user_folders / "data")  # the per-user data folder
    assert str(demo_folder()) in _message(demo_window, qtbot)
    demo_window.close_case()
    assert demo_window.open_demo() and demo_window.store.path == path
    assert len(list(demo_folder().glob("*.nego"))) == 1


def test_a_changed_demo_is_reopened_with_its_changes(demo_window, qtbot):
    demo_window.store.add_party(Party("Jordan"))
    demo_window.close_case()
    demo_window.show()
    assert demo_window.open_demo()
    assert "Jordan" in {p.name for p in demo_window.store.parties()}
    message = demo_window.statusBar().currentMessage()  # at once: the window is shown
    assert "with your changes" in message and "Fresh Copy of the Demo Case" in message


def test_fresh_copy_from_the_help_menu_keeps_the_changed_one(demo_window, answers):
    demo_window.store.add_party(Party("Jordan"))
    help_menu = [m for m in demo_window.menuBar().actions() if m.text() == "&Help"][0].menu()
    fresh = [a for a in help_menu.actions() if a.text() == "&Fresh Copy of the Demo Case"][0]
    fresh.trigger()
    assert demo_window.store.path == demo_folder() / DEMO_FILE_NAME
    assert "Jordan" not in {p.name for p in demo_window.store.parties()}
    (kept,) = [p for p in demo_folder().glob("*.nego") if "your changes" in p.name]
    assert str(kept) in answers.infos[0]
    assert demo_window.open_case(kept)
    assert "Jordan" in {p.name for p in demo_window.store.parties()}


def test_exports_of_the_demo_are_saved_to_documents_then_where_the_last_went(
        demo_window, monkeypatch, answers, tmp_path):
    asked = []

    def save_to(path):
        def choose(_parent, _title, suggested, _filters):
            asked.append(Path(suggested).parent)
            return str(path)
        monkeypatch.setattr("negotiations_gui.ui.prompts.save_path", choose)

    monkeypatch.setattr(preview.PdfPreviewDialog, "exec", lambda d: (d.save(), d.result())[1])
    elsewhere = tmp_path / "briefing pack"
    elsewhere.mkdir()
    save_to(elsewhere / "grid.pdf")
    dialog = demo_window.export_actions.export_snapshot()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert asked == [documents_folder()]  # not the hidden data folder the demo is in
    save_to(elsewhere / "grid again.pdf")
    demo_window.export_actions.export_snapshot()
    assert asked[1] == elsewhere


def test_the_timeline_export_starts_in_the_same_folder(demo_window, monkeypatch, tmp_path):
    asked = []

    def choose(_parent, _title, suggested, _filters):
        asked.append(Path(suggested))
        return str(tmp_path / "timeline.png")

    monkeypatch.setattr("negotiations_gui.ui.prompts.save_path", choose)
    view = demo_window.timeline_pane.view
    view._export("png", whole=False)
    assert asked == [documents_folder() / "timeline.png"]
    assert (tmp_path / "timeline.png").stat().st_size > 0
    view._export("png", whole=False)
    assert asked[1] == tmp_path / "timeline.png"
