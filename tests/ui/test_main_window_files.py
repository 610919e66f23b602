"""Opening files: good, bad, newer, read-only, locked elsewhere; copies, JSON, recent files."""

import sqlite3

from negotiations_gui.app import _open_start_case
from negotiations_gui.domain import CaseInfo, Party
from negotiations_gui.store import CaseStore
from negotiations_gui.store.case_lock import CaseLock
from negotiations_gui.ui.settings import OPEN_LAST_CASE


def make_case(path, title="Saved case"):
    with CaseStore.create(path, CaseInfo(title)) as store:
        store.add_party(Party("Hamas"))
    return path


def test_open_case_locks_and_lists_it_as_recent(make_window, tmp_path, settings):
    path = make_case(tmp_path / "a.nego")
    window = make_window()
    assert window.open_case(path)
    assert (tmp_path / "a.nego.lock").exists()
    assert settings.recent_files()[0] == path.resolve()
    assert "Saved case" in window.windowTitle() and "(read-only)" not in window.windowTitle()
    window.close_case()
    assert not (tmp_path / "a.nego.lock").exists()
    assert window.store is None and window.windowTitle() == "Negotiations"


def test_read_only_case_says_so_and_disables_editing(make_window, tmp_path):
    path = make_case(tmp_path / "a.nego")
    window = make_window()
    assert window.open_case(path, read_only=True)
    assert "(read-only)" in window.windowTitle()
    assert "read-only" in window.statusBar().currentMessage()
    actions = window.window_actions
    for action in (actions.new_event, actions.new_proposal, actions.new_position,
                   actions.delete, actions.case_properties, actions.undo):
        assert not action.isEnabled(), action.text()
    assert actions.save_copy.isEnabled() and actions.export_json.isEnabled()
    window.records.new_record("event")
    assert window.active_form is None
    party = window.store.parties()[0]
    assert not window.records.delete_record("party", party.id)
    assert window.store.parties() == [party]


def test_folder_not_writable_opens_read_only(make_window, tmp_path, monkeypatch):
    from negotiations_gui.store import connection

    path = make_case(tmp_path / "a.nego")
    monkeypatch.setattr(connection, "_writable", lambda _path: False)
    window = make_window()
    assert window.open_case(path)
    assert window.store.read_only and "(read-only)" in window.windowTitle()
    assert not (tmp_path / "a.nego.lock").exists()


def test_case_open_elsewhere_offers_read_only(make_window, tmp_path, answers):
    path = make_case(tmp_path / "a.nego")
    other = CaseLock.acquire(path, "import-csv")  # as the command line's import takes it
    try:
        answers.yes = False
        window = make_window()
        assert not window.open_case(path)
        assert "open in negotiations-gui import-csv (process" in answers.asked[0]
        assert window.store is None
        answers.yes = True
        assert window.open_case(path)
        assert window.store.read_only and "(read-only)" in window.windowTitle()
    finally:
        other.release()


def test_two_windows_on_one_file(make_window, tmp_path, answers):
    path = make_case(tmp_path / "a.nego")
    first, second = make_window(), make_window()
    assert first.open_case(path) and not first.store.read_only
    assert second.open_case(path)
    assert answers.asked and second.store.read_only


def test_bad_files_are_explained_and_left_alone(make_window, tmp_path, answers):
    text = tmp_path / "notes.nego"
    text.write_text("not a case")
    other_db = tmp_path / "other.nego"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.close()
    window = make_window()
    assert not window.open_case(text)
    assert not window.open_case(other_db)
    assert not window.open_case(tmp_path / "missing.nego")
    assert "not a case file" in answers.warnings[0]
    assert "not a negotiation case" in answers.warnings[1]
    assert "no file" in answers.warnings[2]
    assert text.read_text() == "not a case" and window.store is None
    assert not (tmp_path / "notes.nego.lock").exists()


def test_newer_version_is_refused(make_window, tmp_path, answers):
    path = make_case(tmp_path / "a.nego")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    window = make_window()
    assert not window.open_case(path)
    assert "newer version" in answers.warnings[0]


def test_failed_open_keeps_the_current_case(window, tmp_path, answers):
    bad = tmp_path / "bad.nego"
    bad.write_bytes(b"%PDF-1.4")
    current = window.store
    assert not window.open_case(bad)
    assert window.store is current and window.splitter is not None


def test_new_case_through_dialogs(make_window, tmp_path, answers, qtbot):
    window = make_window()
    answers.save_paths.append(str(tmp_path / "fresh"))
    window.window_actions.new_case.trigger()
    form = window.active_form
    assert form.title_edit.text() == "fresh"
    form.title_edit.clear()
    qtbot.keyClicks(form.title_edit, "Fresh case")
    form.accept()
    assert window.store.path == tmp_path / "fresh.nego"
    assert window.store.case_info().title == "Fresh case"


def test_new_case_never_replaces_a_file(make_window, tmp_path, answers):
    path = make_case(tmp_path / "a.nego")
    window = make_window()
    answers.save_paths.append(str(path))
    window.files.new_case()
    assert window.active_form is None and "already exists" in answers.warnings[0]


def test_save_a_copy(window, tmp_path, answers):
    window.store.add_party(Party("Hamas"))
    answers.save_paths.append(str(tmp_path / "backup"))
    window.window_actions.save_copy.trigger()
    with CaseStore.open(tmp_path / "backup.nego", read_only=True) as copy:
        assert [p.name for p in copy.parties()] == ["Hamas"]


def test_json_export_then_import_opens_the_new_case(window, tmp_path, answers):
    window.store.add_party(Party("Hamas"))
    answers.save_paths += [str(tmp_path / "out.json"), str(tmp_path / "imported.nego")]
    window.window_actions.export_json.trigger()
    assert (tmp_path / "out.json").exists()
    answers.open_paths.append(str(tmp_path / "out.json"))
    window.window_actions.import_json.trigger()
    assert window.store.path == tmp_path / "imported.nego"
    assert [p.name for p in window.store.parties()] == ["Hamas"]


def test_bad_json_import_is_explained(make_window, tmp_path, answers):
    bad = tmp_path / "bad.json"
    bad.write_text("{ nope")
    window = make_window()
    answers.open_paths.append(str(bad))
    answers.save_paths.append(str(tmp_path / "x.nego"))
    window.files.import_json()
    assert answers.warnings and window.store is None
    assert not (tmp_path / "x.nego").exists()


def test_start_with_missing_file_asks_then_creates(make_window, tmp_path, settings, answers):
    window = make_window()
    answers.yes = False
    _open_start_case(window, tmp_path / "new.nego", False, settings)
    assert window.store is None and not (tmp_path / "new.nego").exists()
    answers.yes = True
    _open_start_case(window, tmp_path / "new.nego", False, settings)
    assert window.store.case_info().title == "new"


def test_start_with_nothing_reopens_the_last_case(make_window, tmp_path, settings):
    path = make_case(tmp_path / "a.nego")
    settings.add_recent_file(path)
    window = make_window()
    _open_start_case(window, None, False, settings)
    assert window.store.path == path
    other = make_window()
    settings.set(OPEN_LAST_CASE, False)
    _open_start_case(other, None, False, settings)
    assert other.store is None


def test_start_with_demo(make_window, settings):
    window = make_window()
    _open_start_case(window, None, True, settings)
    assert window.store is not None and window.store.counts()["positions"] > 0
    assert settings.recent_files() == []  # a temporary copy: nothing to reopen later


def test_recent_menu_lists_files_and_opens_them(make_window, tmp_path, settings):
    a, b = make_case(tmp_path / "a.nego"), make_case(tmp_path / "b.nego")
    settings.add_recent_file(a)
    settings.add_recent_file(b)
    window = make_window()
    window.window_actions.recent_menu.aboutToShow.emit()  # as when the user opens it
    texts = [action.text() for action in window.window_actions.recent_menu.actions()]
    assert texts[:2] == [str(b.resolve()), str(a.resolve())]
    window.window_actions.recent_menu.actions()[1].trigger()
    assert window.store.path == a
