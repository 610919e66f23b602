"""The main window: timeline and grid side by side, inspector, record lists.

The window is composed of parts, each given what it needs when it is made: `forms` (FormHost: the
one form showing), `records` (RecordEditor: new, edit, delete, reorder), `files` (FileMenu),
`window_actions` (menus and toolbar), `export_actions` (File > Export, Print), `status_labels` (the
status bar) and `text_zoom`. Each part with a view of the case is told of every case opened or
closed (`set_case`); anything else listens to `caseChanged`. The centre for an open case is built
by `central_panes`; the docks are placed by `window_layout`.

Contracts other parts rely on: `self.store`, `self.state` (CaseState), `self.undo_stack`,
`push(command)` for every change, `records.edit_record(kind, id)`, `records.new_position(cell)`
(a `CellKey`), the `import_menu` / `export_menu` submenus, and `timeline_pane` / `grid_pane` while a
case is open.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from .. import APP_NAME
from ..domain import CaseInfo
from ..store import CaseFileError, CaseStore
from . import analyst_name, case_files, prompts
from .after_first_paint import AfterFirstPaint
from .case_state import CaseState, initial_as_of
from .case_upgrade import CaseUpgrading
from .central_panes import make_central
from .central_splitter import CentralSplitter
from .commands import CaseCommand
from .date_bar import DateBar
from .file_menu import FileMenu
from .inspector import Inspector
from .known_on_view import KnownOnView
from .lists.list_dock import RecordListDock
from .merging import CaseMerging
from .plain_text import isolate
from .record_editing import FormHost, RecordEditor
from .salvage import CaseSalvage
from .settings import (
    CONFIRM_DELETE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from .text_zoom import TextZoom
from .toolbar_rows import ToolbarRows, dates_toolbar
from .undo_keys import CaseUndoKeys
from .welcome import WelcomePage
from .window_actions import WindowActions
from .window_layout import add_docks, apply_first_layout
from .window_status import StatusLabels

if TYPE_CHECKING:
    from .grid import PositionGridView
    from .timeline import TimelinePane

LIST_KINDS = ("event", "proposal", "position", "source", "party")


class MainWindow(QMainWindow):
    # a case was opened or closed (self.store and self.state are the new ones)
    caseChanged = Signal()

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        analyst_name.apply_saved_name(self.settings)
        self.name_question = analyst_name.NameQuestion(self, self.settings)
        self.store: CaseStore | None = None
        self.state: CaseState | None = None
        self.opened: case_files.OpenCase | None = None
        self.splitter: CentralSplitter | None = None
        self.timeline_pane: TimelinePane | None = None
        self.grid_pane: PositionGridView | None = None
        self.undo_stack = QUndoStack(self)
        self.setObjectName("main_window")
        self.setDockNestingEnabled(True)
        self.resize(1400, 900)
        self.after_first_paint = AfterFirstPaint(self)  # work the first paint need not wait for

        self.forms = FormHost()
        self.inspector = Inspector(self)
        self.records = RecordEditor(self, self.forms, self.push, self.inspector.show,
                                    lambda: self.settings.get(CONFIRM_DELETE))
        self.merging = CaseMerging(self, self.push)
        self.upgrading = CaseUpgrading(self)  # a large older case, before it opens
        self.files = FileMenu(self, self.settings, self.forms, open_case=self.open_case,
                              create_case=self.create_case, push=self.push,
                              show_status=self.statusBar().showMessage)
        self.inspector.editRequested.connect(self.records.edit_record)
        self.inspector.restoreRequested.connect(self.records.restore_revision)
        self.list_docks = {kind: RecordListDock(kind, self.settings, self) for kind in LIST_KINDS}
        for dock in self.list_docks.values():
            dock.editRequested.connect(self.records.edit_record)
        add_docks(self, self.inspector, list(self.list_docks.values()))
        self.known_on_view = KnownOnView(self)  # the views show the case as known on K

        self.date_bar = DateBar(self)
        self.salvaging = CaseSalvage(self)
        self.window_actions = WindowActions(self)
        self.window_actions.build_menus()
        self.import_menu = self.window_actions.import_menu
        self.export_menu = self.window_actions.export_menu
        self.import_menu.addAction("&CSV…", self.files.import_csv)
        from .exports import install_export_actions

        # File > Export > PDF/Markdown, File > Print
        self.export_actions = install_export_actions(self)
        main_toolbar = self.window_actions.build_toolbar()
        self.addToolBar(main_toolbar)
        self.addToolBar(dates := dates_toolbar(self, self.date_bar))
        self.toolbar_rows = ToolbarRows(self, main_toolbar, dates)
        status = self.status_labels = StatusLabels(self.statusBar(), self)
        self.file_label, self.counts_label = status.file_label, status.counts_label
        self.marking_label, self.saved_label = status.marking_label, status.saved_label
        self.date_bar.problemShown.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._follow_undo_stack()
        self.undo_keys = CaseUndoKeys(self)
        self.text_zoom = TextZoom(self.settings)
        self.first_run, self.first_layout_pending = self._restore_window()
        self._show_case(None)

    def _follow_undo_stack(self) -> None:
        """Undo/Redo enabled, and named after the change they would make."""
        actions = self.window_actions
        self.undo_stack.canUndoChanged.connect(lambda _on: self._update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _on: self._update_actions())
        self.undo_stack.undoTextChanged.connect(
            lambda text: actions.undo.setText(f"&Undo {text}" if text else "&Undo"))
        self.undo_stack.redoTextChanged.connect(
            lambda text: actions.redo.setText(f"&Redo {text}" if text else "&Redo"))

    # -- the open case -------------------------------------------------------------------

    @property
    def active_form(self) -> QWidget | None:
        """The form or dialog showing (window-modal), if any."""
        return self.forms.active

    def docks(self) -> list[Inspector | RecordListDock]:
        return [self.inspector, *self.list_docks.values()]

    @property
    def shown_store(self) -> CaseStore | None:
        """What the views and exports show: the case as known on K, or `store`."""
        return self.known_on_view.shown

    @property
    def read_only(self) -> bool:
        return self.store is None or self.store.read_only or self.known_on_view.in_past

    def open_case(self, path: Path, read_only: bool = False, remember: bool = True) -> bool:
        """Open the case at `path` in this window (closing the current one); False if not.

        `remember=False` keeps it off the recent files (the demo, which has its own button).
        """
        path = Path(path)
        if self.store is not None and path.resolve() == self.store.path.resolve():
            return True
        if self.upgrading.takes(path, read_only, remember):
            return True  # opens once upgraded (ui/case_upgrade.py)
        opened = case_files.open_case_file(self, path, read_only, start_check=False)
        if opened is None:
            if not path.exists():
                self.settings.remove_recent_file(path)
            return False
        self._replace_case(opened, remember)
        self.after_first_paint.add(opened.store.start_open_check)  # (a large case's)
        return True

    def open_demo(self) -> bool:
        """Open the user's own copy of the demo case (kept off the recent list)."""
        from .demo_case import open_demo

        return open_demo(self)

    def fresh_demo(self) -> bool:
        """Start the demo again from the original; a changed copy is kept, renamed."""
        from .demo_case import fresh_demo

        return fresh_demo(self)

    def create_case(self, path: Path, info: CaseInfo) -> bool:
        opened = case_files.create_case_file(self, Path(path), info)
        if opened is None:
            return False
        self._replace_case(opened)
        return True

    def close_case(self) -> None:
        self.upgrading.stop()
        self._save_layout()
        self._show_case(None)

    def _replace_case(self, opened: case_files.OpenCase, remember: bool = True) -> None:
        self._save_layout()
        self._show_case(opened)
        if remember:
            self.settings.add_recent_file(opened.path)
        self.salvaging.offer()
        if opened.store.read_only:
            self.statusBar().showMessage(
                "Opened read-only: nothing can be changed in this window "
                "(Save a Copy makes an editable copy).", 15000)

    def _show_case(self, opened: case_files.OpenCase | None) -> None:
        self.forms.close()
        self.undo_stack.clear()
        previous, self.opened = self.opened, opened
        previous_state = self.state
        self.store = opened.store if opened else None
        self.salvaging.watch(self.store)
        self.state = (CaseState(initial_as_of(opened.store.date_bounds()),
                                read_only=self.read_only, parent=self) if opened else None)
        for part in (self.known_on_view, *self.docks(), self.date_bar, self.records, self.files):
            part.set_case(self.store, self.state)
        self.saved_label.clear_saved()
        if opened is None:
            welcome = WelcomePage(self.settings.recent_files(), self)
            welcome.newRequested.connect(self.files.new_case)
            welcome.openRequested.connect(self.files.choose_and_open)
            welcome.demoRequested.connect(self.open_demo)
            welcome.recentRequested.connect(self.open_case)
            self.splitter = self.timeline_pane = self.grid_pane = None
            self.set_central(welcome)
        else:
            shown = self.shown_store
            assert shown is not None and self.state is not None
            self.state.dataChanged.connect(self._data_changed)
            self.state.dataChanged.connect(self.saved_label.mark_saved)
            self.splitter, self.timeline_pane, self.grid_pane = make_central(
                self, shown, self.state)
            self.set_central(self.splitter)
        if previous is not None:
            previous.close()
        if previous_state is not None:
            previous_state.deleteLater()
        self._update_title()
        self._data_changed(frozenset())
        self._update_actions()
        self.caseChanged.emit()

    def set_central(self, widget: QWidget) -> None:
        old = self.takeCentralWidget()
        self.setCentralWidget(widget)
        if isinstance(old, CentralSplitter):
            # the old panes go before their store closes: no timer of theirs reaches a closed file
            shiboken6.delete(old)
        elif old is not None:
            old.deleteLater()  # the welcome page may be inside its own signal

    def _update_title(self) -> None:
        self.salvaging.update_banner()
        if self.store is None:
            self.setWindowTitle(APP_NAME)
        else:
            flag = " (read-only)" if self.store.read_only else ""
            self.setWindowTitle(f"{isolate(self.store.case_info().title)} — "
                                f"{isolate(self.store.path.name)}{flag} — {APP_NAME}")
        self.status_labels.show_case(self.store)

    def _data_changed(self, tables: Collection[str]) -> None:
        if self.store is not None and "case_info" in tables:
            self._update_title()
        self.status_labels.show_counts(self.store)

    def _update_actions(self) -> None:
        self.window_actions.update_enabled(self.store is not None, not self.read_only)

    # -- changes -------------------------------------------------------------------------

    def push(self, command: CaseCommand) -> bool:
        """Make an undoable change: apply it now (one transaction), then stack it.

        The protocol (see `CaseCommand`): `apply()` does the first redo and may raise
        `CaseFileError`, which is shown, and nothing is stacked; the stack's first `redo()` is
        then a no-op; later failures of `undo()` or `redo()` are left in `command.error`.
        """
        if not isinstance(command, CaseCommand):
            raise TypeError(f"push() takes a CaseCommand, not {type(command).__name__}")
        if self.read_only:
            prompts.warn(self, "Read-only case", self.known_on_view.refusal()
                         or "This case is open read-only; nothing was changed.")
            return False
        self.name_question.ask_before_first_change()  # the name goes with the change
        try:
            command.apply()
        except CaseFileError as exc:
            if self.store is None or self.store.damage is None:  # (else damage_found says it)
                prompts.warn(self, "The change was not saved", str(exc))
            return False
        self.undo_stack.push(command)
        return True

    def damage_found(self) -> None:  # SQLite found the file damaged: read-only, salvage offered
        self._update_title()
        self._update_actions()
        self.salvaging.offer()

    def undo(self) -> None:
        self._step(self.undo_stack.index() - 1, self.undo_stack.undo, "Undo")

    def redo(self) -> None:
        self._step(self.undo_stack.index(), self.undo_stack.redo, "Redo")

    def _step(self, index: int, step: Callable[[], None], what: str) -> None:
        command = self.undo_stack.command(index)
        if command is None:
            return
        step()
        if isinstance(command, CaseCommand) and command.error is not None:
            # the file did not change but the stack moved: it can no longer be trusted
            self.undo_stack.clear()
            prompts.warn(self, f"{what} failed",
                         f"{command.error}\n\nThe undo history has been cleared.")

    # -- layout, zoom, window state --------------------------------------------------------

    # -- the window's own dialogs ----------------------------------------------------------

    def find_event(self) -> None:
        dock = self.list_docks["event"]
        dock.show()
        dock.raise_()
        dock.filter_edit.setFocus()
        dock.filter_edit.selectAll()

    def show_preferences(self) -> None:
        from .dialogs import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)

        def save() -> None:
            dialog.save()
            self.text_zoom.apply()

        self.forms.show(dialog, save)

    def show_shortcuts(self) -> None:
        from .dialogs import ShortcutsDialog

        self.forms.show(ShortcutsDialog(self, self), lambda: None)

    def show_about(self) -> None:
        from .dialogs import about_text

        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}", about_text(),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.forms.show(box, lambda: None)

    def _restore_window(self) -> tuple[bool, bool]:
        """Size, place and docks as the user left them: (first run, first layout pending)."""
        geometry = self.settings.get(WINDOW_GEOMETRY)
        first_run = geometry.isEmpty()
        screen = QApplication.primaryScreen()
        if first_run and screen is not None:
            self.setGeometry(screen.availableGeometry())
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get(WINDOW_STATE)
        # first run: laid out when shown, once the window has its size
        return first_run, state.isEmpty() or not self.restoreState(state)

    def reset_layout(self) -> None:
        """View > Reset Layout: docks, their sizes and the two panes as on the first run."""
        apply_first_layout(self, self.inspector, list(self.list_docks.values()),
                           self.toolbar_rows.bars)
        if self.splitter is not None:
            self.splitter.split_evenly()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.first_layout_pending:
            self.first_layout_pending = False
            self.reset_layout()

    def _save_layout(self) -> None:
        if self.splitter is not None:
            self.settings.set(SPLITTER_STATE, self.splitter.saveState())
        for dock in self.list_docks.values():
            dock.save_header()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.sync()
        self.upgrading.stop()  # rolled back: the file as it was
        self._show_case(None)
        super().closeEvent(event)
