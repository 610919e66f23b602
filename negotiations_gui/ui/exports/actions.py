"""File > Export > Grid snapshot (PDF) / Brief (PDF) / Brief (Markdown), and File > Print.

The snapshot and the print use the window's as-of and compare-with dates; a
brief asks for its period, starting from those dates. Every export is shown
in a preview before it is saved.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ...domain import DateError, PartialDate, palette
from ...export.fonts import MissingFontsError, require_bundled_fonts
from ...export.page import Paper
from ...store import CaseStore
from .. import prompts
from ..case_state import CaseState
from ..plain_text import isolate
from ..settings import EXPORT_PAPER
from ..user_folders import export_folder, remember_export_folder

if TYPE_CHECKING:
    from ...export.document import PagedDocument
    from ..main_window import MainWindow
    from .preview_dialog import MarkdownPreviewDialog, PdfPreviewDialog

# The documents, their previews and Qt's print support are imported when an export
# is asked for, not with the window: they are a tenth of its start (benchmarks/app_open.py).


class ExportActions(QObject):
    """The export and print actions of one main window."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.snapshot_pdf = QAction("Grid &snapshot (PDF)…", window)
        self.brief_pdf = QAction("&Brief (PDF)…", window)
        self.brief_markdown = QAction("Brief (&Markdown)…", window)
        self.print_grid = QAction("&Print…", window)
        self.print_grid.setShortcut(QKeySequence.StandardKey.Print)
        # the take-aways of a briefing, one chord each (Help > Keyboard Shortcuts lists them)
        self.snapshot_pdf.setShortcut(QKeySequence("Ctrl+E"))
        self.brief_pdf.setShortcut(QKeySequence("Ctrl+B"))
        self.brief_markdown.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.print_grid.setStatusTip("Print the position grid as of the current date")
        self.snapshot_pdf.triggered.connect(self.export_snapshot)
        self.brief_pdf.triggered.connect(lambda: self.export_brief(markdown=False))
        self.brief_markdown.triggered.connect(lambda: self.export_brief(markdown=True))
        self.print_grid.triggered.connect(self.print_snapshot)
        self.actions = (self.snapshot_pdf, self.brief_pdf, self.brief_markdown, self.print_grid)

    def install(self) -> None:
        """Add the exports to File > Export and Print to the File menu after it."""
        menu = self.window.export_menu
        menu.addSeparator()
        menu.addActions([self.snapshot_pdf, self.brief_pdf, self.brief_markdown])
        parent = menu.parentWidget()
        file_menu = parent if isinstance(parent, QMenu) else None
        file_actions = file_menu.actions() if file_menu is not None else []
        if file_menu is not None and menu.menuAction() in file_actions:
            after = file_actions.index(menu.menuAction()) + 1
            if after < len(file_actions):
                file_menu.insertAction(file_actions[after], self.print_grid)
            else:
                file_menu.addAction(self.print_grid)
        else:
            menu.addAction(self.print_grid)
        for m in (menu, file_menu):
            if m is not None:
                m.aboutToShow.connect(self.update_enabled)
        # a case opened or closed: enable or disable the actions (and their shortcut)
        self.window.caseChanged.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        has_case = self.window.shown_store is not None and self.window.state is not None
        for action in self.actions:
            action.setEnabled(has_case)

    # -- the exports ------------------------------------------------------------------

    @property
    def paper(self) -> Paper:
        value = self.window.settings.get(EXPORT_PAPER)
        return Paper(value) if value in {p.value for p in Paper} else Paper.A4

    def _remember(self, paper: Paper) -> None:
        self.window.settings.set(EXPORT_PAPER, paper.value)

    def _case(self) -> tuple[CaseStore, CaseState] | None:
        """The case the window shows (as known on K, or now) and its dates; None if none."""
        store, state = self.window.shown_store, self.window.state
        return (store, state) if store is not None and state is not None else None

    def _suggested(self, store: CaseStore, name: str, suffix: str) -> Path:
        folder = export_folder(self.window.settings)  # the last export's, else Documents
        return folder / (_safe(f"{store.path.stem} {name}") + suffix)

    def _snapshot(self, paper: Paper) -> PagedDocument:
        """The grid as of the window's dates, in the case shown (there is one: the actions
        are enabled only then, and every caller has asked `_case` first)."""
        from ...export.snapshot import snapshot_document

        case = self._case()
        assert case is not None, "a grid snapshot needs an open case"
        store, state = case
        snapshot = store.grid_snapshot(state.as_of, state.compare_with)
        return snapshot_document(snapshot, store.case_info(), paper,
                                 known_on=store.known_on_stamp())

    def _fonts_ready(self) -> bool:
        """False, after saying why, when a PDF would be made without the bundled fonts."""
        try:
            require_bundled_fonts()
        except MissingFontsError as exc:
            prompts.warn(self.window, "Cannot export", f"Nothing was exported: {exc}")
            return False
        return True

    def export_snapshot(self) -> PdfPreviewDialog | None:
        from .preview_dialog import PdfPreviewDialog

        case = self._case()
        if case is None or not self._fonts_ready():
            return None
        store, state = case
        dialog = PdfPreviewDialog("Grid snapshot: preview", self._snapshot, self.paper,
                                  self._suggested(store, f"grid as of {state.as_of.iso}", ".pdf"),
                                  self.window)
        self._run(dialog)
        return dialog

    def export_brief(self, markdown: bool) -> QDialog | None:
        from ...export.brief_content import build_brief
        from ...export.brief_markdown import brief_markdown
        from ...export.brief_pdf import brief_document
        from .preview_dialog import MarkdownPreviewDialog, PdfPreviewDialog

        case = self._case()
        if case is None or (not markdown and not self._fonts_ready()):
            return None
        store, state = case
        period = BriefPeriodDialog(self._default_since(store, state), state.as_of, self.window)
        if period.exec() != QDialog.DialogCode.Accepted or period.period is None:
            return None
        since, until = period.period
        name = f"brief {since.iso} to {until.iso}"
        dialog: MarkdownPreviewDialog | PdfPreviewDialog
        if markdown:
            brief = build_brief(store, since, until)
            dialog = MarkdownPreviewDialog("Brief (Markdown): preview", brief_markdown(brief),
                                           self._suggested(store, name, ".md"), self.window)
        else:
            def build(paper: Paper) -> PagedDocument:
                return brief_document(build_brief(store, since, until), paper)

            dialog = PdfPreviewDialog("Brief (PDF): preview", build, self.paper,
                                      self._suggested(store, name, ".pdf"), self.window)
        self._run(dialog)
        return dialog

    def print_snapshot(self) -> bool:
        if self._case() is None or not self._fonts_ready():
            return False
        from . import printing

        return printing.print_with_dialog(self.window, self._snapshot(self.paper))

    def _run(self, dialog: MarkdownPreviewDialog | PdfPreviewDialog) -> None:
        from .preview_dialog import PdfPreviewDialog

        dialog.exec()
        if isinstance(dialog, PdfPreviewDialog):
            self._remember(dialog.paper)
        if dialog.saved_path is not None:
            remember_export_folder(self.window.settings, dialog.saved_path)
            self.window.statusBar().showMessage(
                f"Exported to {isolate(str(dialog.saved_path))}", 8000)

    @staticmethod
    def _default_since(store: CaseStore, state: CaseState) -> PartialDate:
        """The compare-with date, else the change before the as-of date, else the as-of date."""
        if state.compare_with is not None and state.compare_with < state.as_of:
            return state.compare_with
        earlier = [d for d in store.dated_changes() if d.end() < state.as_of.start()]
        return earlier[-1] if earlier else state.as_of


def _safe(name: str) -> str:
    """A file name without characters that file systems refuse."""
    return re.sub(r'[\\/:*?"<>|]+', "-", name).strip() or "export"


class BriefPeriodDialog(QDialog):
    """Asks for the brief's period: what changed after C up to and including D."""

    def __init__(self, since: PartialDate, until: PartialDate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Brief: period")
        self.setObjectName("brief_period")
        self.since_edit = QLineEdit(since.iso, self)
        self.until_edit = QLineEdit(until.iso, self)
        for edit in (self.since_edit, self.until_edit):
            edit.setPlaceholderText("2025, 2025-08 or 2025-08-20")
            edit.textChanged.connect(self._check)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {palette.PROBLEM}")
        form = QFormLayout()
        form.addRow("Changes after:", self.since_edit)
        form.addRow("Up to and including:", self.until_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.period: tuple[PartialDate, PartialDate] | None = None
        self._check()

    def _check(self) -> None:
        try:
            since = PartialDate.parse(self.since_edit.text())
            until = PartialDate.parse(self.until_edit.text())
            if since > until:
                raise DateError("The start of the period is after its end.")
        except DateError as exc:
            self.period = None
            self.problem.setText(str(exc))
        else:
            self.period = (since, until)
            self.problem.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.period is not None)


def install_export_actions(window: MainWindow) -> ExportActions:
    """Give `window` (a MainWindow with `export_menu`) its export and print actions."""
    actions = ExportActions(window)
    actions.install()
    window.export_actions = actions
    return actions
