"""The window's actions, menus and toolbar.

Standard keys come from `QKeySequence.StandardKey`; our own shortcuts are for
the three things an analyst records all day: events, proposals, positions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QToolBar, QToolButton

from .central_panes import toggle_stacked

if TYPE_CHECKING:
    from .file_menu import FileMenu
    from .main_window import MainWindow
    from .record_editing import RecordEditor

NEW_EVENT_KEYS = QKeySequence("Ctrl+Shift+E")
NEW_PROPOSAL_KEYS = QKeySequence("Ctrl+Shift+P")
NEW_POSITION_KEYS = QKeySequence("Ctrl+Shift+T")

S = QKeySequence.StandardKey
Keys = QKeySequence | QKeySequence.StandardKey | str | None


class WindowActions:
    """Every QAction of the main window, created once; `editing` ones need a writable case.

    The slots are the window's own and those of its parts: `files` (FileMenu)
    and `records` (RecordEditor). The actions are made a menu at a time.
    """

    def __init__(self, window: MainWindow):
        self.window = window
        self._file_actions(window.files)
        self._edit_actions(window.records)
        self._case_actions(window.records)
        self._view_actions()
        self._help_actions()
        self.editing = [self.undo, self.redo, self.delete, self.new_event, self.new_proposal,
                        self.new_position, self.new_party, self.new_issue, self.new_source,
                        self.new_assessment,
                        self.case_properties, self.edit_selected, self.merge_case]
        self.needs_case = [self.save_copy, self.export_json, self.close_case, self.find,
                           self.manage_parties, self.manage_issues, self.manage_sources,
                           self.stacked]
        self.toolbar_buttons: dict[str, QToolButton] = {}

    def _act(self, text: str, slot: Callable[[], object], keys: Keys = None,
             tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if isinstance(keys, QKeySequence.StandardKey):
            # every binding of the platform (Redo is Ctrl+Y and Ctrl+Shift+Z), not the first
            action.setShortcuts(keys)
        elif keys is not None:
            action.setShortcut(keys if isinstance(keys, QKeySequence) else QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _file_actions(self, files: FileMenu) -> None:
        act, w = self._act, self.window
        self.new_case = act("&New Case…", files.new_case, S.New, "Create a new case file")
        self.open_case = act("&Open…", files.choose_and_open, S.Open, "Open a case file")
        self.save_copy = act("Save a &Copy / Backup…", files.save_a_copy, S.SaveAs,
                             "Write a consistent copy of the case to another file")
        self.salvage = act("Sal&vage a Damaged Case…", w.salvaging.salvage,
                           tip="Copy every readable record of a damaged case into a new file")
        self.import_json = act("Case from &JSON…", files.import_json,
                               tip="Create a new case file from a JSON export")
        self.export_json = act("Case to &JSON…", files.export_json,
                               tip="Write the whole case to a JSON file")
        self.close_case = act("&Close Case", w.close_case, S.Close)
        self.quit = act("&Quit", w.close, S.Quit)

    def _edit_actions(self, records: RecordEditor) -> None:
        act, w = self._act, self.window
        self.undo = act("&Undo", w.undo, S.Undo)
        self.redo = act("&Redo", w.redo, S.Redo)
        self.delete = act("&Delete", records.delete_selected, S.Delete,
                          "Delete the selected record (undoable)")
        self.edit_selected = act("&Edit Selected…", records.edit_selected, "Ctrl+Return")
        self.find = act("&Find…", w.find_event, S.Find, "Filter the event list")
        self.preferences = act("&Preferences…", w.show_preferences, S.Preferences)

    def _case_actions(self, records: RecordEditor) -> None:
        act = self._act
        self.new_event = act("New &Event…", lambda: records.new_record("event"), NEW_EVENT_KEYS)
        self.new_proposal = act("New Pro&posal…", lambda: records.new_record("proposal"),
                                NEW_PROPOSAL_KEYS)
        self.new_position = act("New Posi&tion…", records.new_position,
                                NEW_POSITION_KEYS)
        self.new_party = act("New P&arty…", lambda: records.new_record("party"))
        self.new_issue = act("New &Issue…", lambda: records.new_record("issue"))
        self.new_source = act("New &Source…", lambda: records.new_record("source"))
        self.new_assessment = act("New &Gap Assessment…", lambda: records.new_record("assessment"),
                                  tip="Your own judgement of the gap on an issue, from a date on")
        self.manage_parties = act("&Parties…", lambda: records.manage("party"))
        self.manage_issues = act("&Issues…", lambda: records.manage("issue"))
        self.manage_sources = act("&Sources…", lambda: records.manage("source"))
        self.case_properties = act("Case P&roperties…", records.edit_case_properties,
                                   tip="Title, description and handling marking")
        self.merge_case = act("&Merge Another Case File…", self.window.merging.merge_case,
                              tip="Bring in a colleague's copy of this case (or an exchange "
                                  "file); conflicts are shown side by side")

    def _view_actions(self) -> None:
        act, w = self._act, self.window
        self.stacked = act("&Stack Timeline Above Grid", lambda: toggle_stacked(w),
                           "Ctrl+Shift+L")
        self.stacked.setCheckable(True)
        self.reset_layout = act("&Reset Layout", w.reset_layout,
                                tip="Put the panels back where they start, sized to the window")
        self.zoom_in = act("Zoom &In", lambda: w.text_zoom.step(10), S.ZoomIn)
        self.zoom_out = act("Zoom &Out", lambda: w.text_zoom.step(-10), S.ZoomOut)
        self.zoom_reset = act("&Actual Size", lambda: w.text_zoom.step(0), "Ctrl+0")

    def _help_actions(self) -> None:
        act, w = self._act, self.window
        self.open_demo = act("Open the &Demo Case", w.open_demo,
                             tip="Your copy of the bundled demo: Egyptian–Qatari mediation, "
                                 "August 2025")
        self.fresh_demo = act("&Fresh Copy of the Demo Case", w.fresh_demo,
                              tip="Start the demo again from the original "
                                  "(a changed copy is kept)")
        self.shortcuts = act("&Keyboard Shortcuts", w.show_shortcuts, S.HelpContents)
        self.about = act("&About", w.show_about)

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]

    def build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_case, self.open_case])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(
            lambda: w.files.fill_recent_menu(self.recent_menu))
        file_menu.addActions([self.save_copy, self.salvage])
        file_menu.addSeparator()
        self.import_menu = file_menu.addMenu("&Import")
        self.import_menu.addAction(self.import_json)
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.addAction(self.export_json)
        file_menu.addSeparator()
        file_menu.addActions([self.close_case, self.quit])

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_selected, self.delete, self.find])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        view_menu = bar.addMenu("&View")
        self.panels_menu = view_menu.addMenu("&Panels")
        # filled when opened: views add docks of their own (the grid's cell history)
        self.panels_menu.aboutToShow.connect(self.fill_panels_menu)
        self.fill_panels_menu()
        view_menu.addActions([self.stacked, self.reset_layout])
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])

        case_menu = bar.addMenu("&Case")
        case_menu.addActions([self.new_event, self.new_proposal, self.new_position])
        case_menu.addSeparator()
        case_menu.addActions([self.new_party, self.new_issue, self.new_source,
                              self.new_assessment])
        case_menu.addSeparator()
        case_menu.addActions([self.manage_parties, self.manage_issues, self.manage_sources])
        case_menu.addSeparator()
        case_menu.addAction(self.merge_case)
        case_menu.addAction(self.case_properties)

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts])
        help_menu.addSeparator()
        help_menu.addActions([self.open_demo, self.fresh_demo])
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def fill_panels_menu(self) -> None:
        menu = self.panels_menu
        menu.clear()
        docks = self.window.findChildren(QDockWidget)
        for dock in sorted(docks, key=lambda d: d.windowTitle()):
            menu.addAction(dock.toggleViewAction())

    def build_toolbar(self) -> QToolBar:
        """The toolbar: short fixed labels (the full text is in the tooltip and the
        menus), so it never shifts after an edit; the dates have a toolbar of their own
        beside it (ui/toolbar_rows.py)."""
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("main_toolbar")
        groups = ((("New Case", self.new_case), ("Open", self.open_case)),
                  (("Undo", self.undo), ("Redo", self.redo)),
                  (("New Event", self.new_event), ("New Proposal", self.new_proposal),
                   ("New Position", self.new_position)))
        for n, group in enumerate(groups):
            if n:
                bar.addSeparator()
            for label, action in group:
                self.toolbar_buttons[label] = _fixed_button(bar, label, action)
                bar.addWidget(self.toolbar_buttons[label])
        return bar

    def update_enabled(self, has_case: bool, writable: bool) -> None:
        for action in self.needs_case:
            action.setEnabled(has_case)
        for action in self.editing:
            action.setEnabled(has_case and writable)
        if has_case and writable:
            stack = self.window.undo_stack
            self.undo.setEnabled(stack.canUndo())
            self.redo.setEnabled(stack.canRedo())


def _fixed_button(bar: QToolBar, label: str, action: QAction) -> QToolButton:
    """A toolbar button that triggers `action` under a label of its own; its tooltip
    carries the action's full, changing text ("Undo Edit position 'Conditional ...'")."""
    button = QToolButton(bar)
    button.setText(label)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(action.trigger)

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "").removesuffix("…")
        button.setToolTip(f"{text} ({keys})" if keys else text)

    action.changed.connect(follow)
    follow()
    return button
