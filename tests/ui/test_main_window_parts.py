"""The inspector, the toolbar dates, settings, layout memory and the small dialogs."""

import sys
import threading

import pytest
from PySide6.QtCore import Qt, QUrl

from negotiations_gui.domain import CellKey, PartialDate, Party, Position, Proposal, Source, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.dialogs import CrashDialog, PreferencesDialog, ShortcutsDialog
from negotiations_gui.ui.settings import (
    DEFAULT_MARKING,
    OPEN_LAST_CASE,
    RECENT_LIMIT,
    SPLIT_STACKED,
    UI_ZOOM_PERCENT,
    WINDOW_STATE,
)

from ..dates import d


def test_inspector_shows_sources_with_grades_and_follows_links(window):
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    source = store.add_source(Source("Statement", "Reuters", reliability="B", credibility=2))
    proposal = store.add_proposal(Proposal(d("2025-08-18"), "Framework"))
    position = store.add_position(Position(hamas.id, store.issues()[4].id, d("2025-08-18"),
                                           Stance.ACCEPTS, "Accepts", source_ids=(source.id,),
                                           proposal_id=proposal.id))
    window.state.select("position", position.id)
    text = visible(window.inspector.text())
    assert "Hamas on Ceasefire" in text
    assert "B2 — Usually reliable, probably true" in text
    assert "Framework" in text and "History" in text
    assert window.inspector.edit_button.isEnabled()
    window.inspector.browser.anchorClicked.emit(QUrl(f"record:proposal/{proposal.id}"))
    assert window.state.selection == ("proposal", proposal.id)
    assert "Positions answering it" in window.inspector.text()
    window.state.select_cell(CellKey(hamas.id, store.issues()[4].id))
    assert "Hamas on Ceasefire" in visible(window.inspector.text())
    window.state.clear_selection()
    assert "Select an event" in window.inspector.text()
    assert not window.inspector.edit_button.isEnabled()


def test_date_bar_sets_and_steps_the_as_of_date(window):
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    for day in ("2025-08-10", "2025-08-18"):
        store.add_position(Position(hamas.id, store.issues()[0].id, d(day), Stance.DEMANDS))
    bar = window.date_bar
    window.state.set_as_of(d("2025-08-31"))
    assert bar.as_of_input.edit.text() == "31 Aug 2025"
    bar.step(-1)
    assert window.state.as_of == d("2025-08-18")
    bar.step(-1)
    assert window.state.as_of == d("2025-08-10")
    bar.step(1)
    assert window.state.as_of == d("2025-08-18")
    bar.as_of_input.edit.setText("2025-08-20")
    bar.as_of_input.edit.editingFinished.emit()
    assert window.state.as_of == d("2025-08-20")
    bar.compare_input.edit.setText("10 Aug 2025")
    bar.compare_input.edit.editingFinished.emit()
    assert window.state.compare_with == d("2025-08-10")
    bar.compare_input.edit.clear()
    bar.compare_input.edit.editingFinished.emit()
    assert window.state.compare_with is None


def test_date_bar_steps_like_the_grid_over_month_precision_changes(window):
    # a change dated "Aug 2025" first shows on 1 Aug; stepping must not skip
    # the later change dated 10 Aug by landing on the month's end
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    for day in ("2025-08", "2025-08-10"):
        store.add_position(Position(hamas.id, store.issues()[0].id, d(day), Stance.DEMANDS))
    window.state.set_as_of(d("2025-07-15"))
    window.date_bar.step(1)
    assert window.state.as_of == d("2025-08-01")
    window.date_bar.step(1)
    assert window.state.as_of == d("2025-08-10")
    window.date_bar.step(1)
    assert window.state.as_of == d("2025-08-10")  # nothing later
    window.date_bar.step(-1)
    assert window.state.as_of == d("2025-08-01")


def test_layout_is_remembered(make_window, case_path, settings, tmp_path):
    window = make_window()
    from negotiations_gui.domain import CaseInfo

    window.create_case(case_path, CaseInfo("x"))
    window.window_actions.stacked.trigger()
    assert window.splitter.orientation() == Qt.Vertical
    window.list_docks["source"].hide()
    window.close()
    again = make_window()
    again.open_case(case_path)
    assert settings.get(SPLIT_STACKED) is True
    assert again.splitter.orientation() == Qt.Vertical
    assert again.window_actions.stacked.isChecked()
    assert not settings.get(WINDOW_STATE).isEmpty()


def test_settings_types_and_recent_limit(settings, tmp_path):
    settings.set(RECENT_LIMIT, 2)
    for name in "abc":
        settings.add_recent_file(tmp_path / name)
    assert [p.name for p in settings.recent_files()] == ["c", "b"]
    settings.add_recent_file(tmp_path / "b")
    assert [p.name for p in settings.recent_files()] == ["b", "c"]
    settings.set(OPEN_LAST_CASE, False)
    settings.sync()
    assert settings.get(OPEN_LAST_CASE) is False
    settings.reset_preferences()
    assert settings.get(OPEN_LAST_CASE) is True and settings.get(RECENT_LIMIT) == 10
    assert [p.name for p in settings.recent_files()] == ["b", "c"]  # UI state kept


def test_preferences_dialog_saves(qtbot, settings):
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open_last.setChecked(False)
    dialog.marking.setText("SECRET")
    dialog.save()
    assert settings.get(OPEN_LAST_CASE) is False
    assert settings.get(DEFAULT_MARKING) == "SECRET"


def test_zoom_scales_the_font_and_resets(window, settings):
    from PySide6.QtWidgets import QApplication

    base = QApplication.font().pointSizeF()
    window.window_actions.zoom_in.trigger()
    assert settings.get(UI_ZOOM_PERCENT) == 110
    assert QApplication.font().pointSizeF() > base
    window.window_actions.zoom_reset.trigger()
    assert QApplication.font().pointSizeF() == base


def test_preferences_offer_the_text_sizes_the_zoom_steps_within(qtbot, window, settings):
    for _ in range(40):  # far past the largest size
        window.window_actions.zoom_in.trigger()
    largest = settings.get(UI_ZOOM_PERCENT)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.zoom.maximum() == largest and dialog.zoom.value() == largest
    window.window_actions.zoom_reset.trigger()


def test_shortcuts_dialog_lists_every_key_the_window_has(qtbot, window):
    from PySide6.QtGui import QAction

    window.show()
    qtbot.waitExposed(window)
    window.window_actions.shortcuts.trigger()  # Help > Keyboard Shortcuts
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    rows = {(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text()):
            dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert rows[("Window", "New Event")] == "Ctrl+Shift+E"
    assert rows[("Window", "Print")] == "Ctrl+P"
    assert rows[("Window", "Grid snapshot (PDF)")] == "Ctrl+E"
    assert rows[("Window", "Brief (PDF)")] == "Ctrl+B"
    assert rows[("Grid", "Step the as-of date back to the previous change")] == "Ctrl+Left"
    assert rows[("Timeline", "Zoom in")] == "+"
    assert rows[("Timeline", "Fit all")] == "Home"
    # built from the actions themselves: none with a key is missing
    listed = {what for _where, what in rows}
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.text():
            assert action.text().replace("&", "").rstrip("…") in listed, action.text()
    dialog.close()


def test_crash_dialog_shows_the_traceback(qtbot, tmp_path):
    try:
        raise RuntimeError("boom <b>")
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
    dialog = CrashDialog(exc_type, exc, tb, tmp_path / "crash.log")
    qtbot.addWidget(dialog)
    assert "RuntimeError: boom <b>" in dialog.details.toPlainText()


def test_crash_handler_logs_and_shows(qtbot, window, monkeypatch, tmp_path):
    from negotiations_gui import app
    from negotiations_gui.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs.CrashDialog, "exec", lambda self: shown.append(self.report))
    monkeypatch.setattr(app, "crash_log_path", lambda: tmp_path / "logs" / "crash.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app.install_crash_handler(window)
    try:
        raise ValueError("unexpected")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "ValueError: unexpected" in shown[0]
    assert "ValueError: unexpected" in (tmp_path / "logs" / "crash.log").read_text()


def test_the_crash_dialog_says_no_case_was_touched_when_none_was_open(
        qtbot, make_window, settings, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QLabel

    from negotiations_gui import app
    from negotiations_gui.ui import dialogs

    settings.set(OPEN_LAST_CASE, False)
    window = make_window()  # the welcome page: no case open
    said = []
    monkeypatch.setattr(dialogs.CrashDialog, "exec", lambda self: said.extend(
        label.text() for label in self.findChildren(QLabel)))
    monkeypatch.setattr(app, "crash_log_path", lambda: tmp_path / "crash.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_crash_handler(window)
    try:
        raise ValueError("unexpected")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = " ".join(said)
    assert "No case was open, so no case file was touched." in text
    assert "Your case file is as it was" not in text


def test_errors_while_the_crash_dialog_is_up_are_only_logged(qtbot, window, monkeypatch,
                                                             tmp_path):
    from negotiations_gui import app
    from negotiations_gui.ui import dialogs

    shown = []

    def exec_raising_again(self):
        shown.append(self.report)
        try:
            raise KeyError("again, from a paint")
        except KeyError:
            sys.excepthook(*sys.exc_info())

    monkeypatch.setattr(dialogs.CrashDialog, "exec", exec_raising_again)
    monkeypatch.setattr(app, "crash_log_path", lambda: tmp_path / "crash.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app.install_crash_handler(window)
    try:
        raise ValueError("first")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert "again, from a paint" in (tmp_path / "crash.log").read_text()


def test_manage_dialog_reorders_and_deletes(qtbot, window, answers):
    window.records.manage("issue")
    dialog = window.records.manage_dialog
    qtbot.addWidget(dialog)
    names = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    dialog.list.setCurrentRow(1)
    dialog.up_button.click()
    assert [i.name for i in window.store.issues()][:2] == [names[1], names[0]]
    assert dialog.list.item(0).text() == names[1] and dialog.selected_id()
    dialog.delete_button.click()
    assert len(window.store.issues()) == 5
    window.undo()
    window.undo()
    assert [i.name for i in window.store.issues()] == names


def test_find_focuses_the_event_filter(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.window_actions.find.trigger()
    assert window.list_docks["event"].isVisible()


def test_as_of_starts_at_the_end_of_the_recorded_history(make_window, tmp_path):
    from negotiations_gui.demo import demo_copy

    window = make_window()
    window.open_case(demo_copy(tmp_path))
    assert window.state.as_of == d("2025-08-08")  # the one day-precise date, the latest
    # every position recorded (month- and year-precision ones too) counts as of then
    shown = window.store.positions_as_of(window.state.as_of)
    everything = {(p.party_id, p.issue_id) for p in window.store.positions()}
    assert set(shown) == everything


def test_as_of_is_today_for_an_empty_case(window):
    assert window.state.as_of == PartialDate.today()


def test_closing_the_case_closes_the_manage_dialog(qtbot, window):
    window.records.manage("party")
    dialog = window.records.manage_dialog
    with qtbot.waitSignal(dialog.destroyed):
        window.close_case()
    assert window.records.manage_dialog is None


def test_push_takes_only_case_commands(window):
    """Every change follows one protocol (apply, then stack; errors kept in `error`):
    a bare QUndoCommand is a programming error, refused before anything runs."""
    from PySide6.QtGui import QUndoCommand

    done = []

    class Plain(QUndoCommand):
        def redo(self):
            done.append("redo")

    with pytest.raises(TypeError, match="CaseCommand"):
        window.push(Plain("plain"))
    assert done == []
    assert window.undo_stack.count() == 0


def test_our_shortcuts_open_the_forms(qtbot, window):
    from negotiations_gui.ui.forms.event_form import EventForm
    from negotiations_gui.ui.forms.position_form import PositionForm
    from negotiations_gui.ui.forms.proposal_form import ProposalForm

    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table = window.list_docks["event"].table
    for key, form_type in ((Qt.Key_E, EventForm), (Qt.Key_P, ProposalForm),
                           (Qt.Key_T, PositionForm)):
        table.setFocus()
        qtbot.keyClick(table, key, Qt.ControlModifier | Qt.ShiftModifier)
        assert isinstance(window.active_form, form_type)
        window.active_form.reject()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def test_timeline_and_grid_share_the_width_evenly_at_first(qtbot, window):
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: abs(window.splitter.sizes()[0] - window.splitter.sizes()[1]) <= 1)


def test_switching_cases_removes_the_old_panes_at_once(make_window, tmp_path):
    from negotiations_gui.domain import CaseInfo

    window = make_window()
    window.create_case(tmp_path / "a.nego", CaseInfo("a"))
    old_splitter = window.splitter
    window.create_case(tmp_path / "b.nego", CaseInfo("b"))
    import shiboken6

    assert not shiboken6.isValid(old_splitter)
    assert window.splitter is not old_splitter and window.store.path.name == "b.nego"


def test_panels_menu_lists_every_dock_including_views_own(window):
    from PySide6.QtWidgets import QDockWidget

    window.window_actions.panels_menu.aboutToShow.emit()
    titles = {a.text() for a in window.window_actions.panels_menu.actions()}
    assert {"Inspector", "Events", "Proposals", "Positions", "Sources", "Parties"} <= titles
    assert titles == {d.windowTitle() for d in window.findChildren(QDockWidget)}


def test_date_bar_reads_dash_with_no_case(window):
    window.close_case()
    bar = window.date_bar
    assert bar.as_of_input.edit.text() == "" and bar.as_of_input.edit.placeholderText() == "—"
    assert not window.date_bar.isEnabled()


def test_grid_view_options_are_remembered(make_window, case_path, settings):
    from negotiations_gui.domain import CaseInfo

    first = make_window()
    assert first.create_case(case_path, CaseInfo("T"))
    first.grid_pane.transpose_action.setChecked(True)
    first.grid_pane.changes_only_action.setChecked(True)
    first.close()
    second = make_window()
    assert second.open_case(case_path)
    assert second.grid_pane.transpose_action.isChecked()
    assert second.grid_pane.model.transposed  # the model follows, not just the button
    assert second.grid_pane.changes_only_action.isChecked()


def test_event_list_gives_spare_width_to_the_title(make_window, tmp_path, qtbot):
    from negotiations_gui.demo import demo_copy

    window = make_window()
    assert window.open_case(demo_copy(tmp_path), remember=False)
    window.resize(1600, 1000)
    window.show()
    dock = window.list_docks["event"]
    header = dock.table.horizontalHeader()
    title = next(n for n, c in enumerate(dock.model.columns) if c.title == "Title")
    # the demo's titles are longer than the 320 px every column is capped at by
    # default; with a wide window the title column, not the last one, gets the room
    qtbot.waitUntil(lambda: header.sectionSize(title) > 320)
    assert header.sectionSize(title) <= dock.table.viewport().width()


def test_the_party_and_issue_pages_list_their_positions_as_of_the_date(window):
    store = window.store
    hamas = store.add_party(Party("Hamas"))
    ceasefire = store.issues()[4]
    store.add_position(Position(hamas.id, ceasefire.id, d("2025-08-18"), Stance.ACCEPTS,
                                "Accepts the truce"))
    window.state.notify_changed({"parties", "positions"})
    window.state.set_as_of(d("2025-08-20"))
    for kind, record_id, label in (("party", hamas.id, ceasefire.name),
                                   ("issue", ceasefire.id, hamas.label)):
        window.state.select(kind, record_id)
        text = visible(window.inspector.text())
        assert f"Positions as of 20 Aug 2025:\n{label} \nAccepts: Accepts the truce\n" in text
    window.state.set_as_of(d("2025-08-01"))
    assert "No positions as of this date." in window.inspector.text()
