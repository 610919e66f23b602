"""Small dialogs: crash report, About, keyboard shortcuts, preferences."""

from __future__ import annotations

import platform
import traceback
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..store import SCHEMA_VERSION
from ..store.revisions import default_author, set_session_author
from .plain_text import plain_label
from .settings import (
    ANALYST_NAME,
    CONFIRM_DELETE,
    DEFAULT_MARKING,
    OPEN_LAST_CASE,
    RECENT_LIMIT,
    UI_ZOOM_PERCENT,
    Settings,
)
from .text_zoom import ZOOM_MAX, ZOOM_MIN


class CrashDialog(QDialog):
    """Shown for an unexpected exception: what happened, the traceback, where it was logged."""

    def __init__(self, exc_type, exc, tb, log_path: Path | None, parent: QWidget | None = None,
                 case_open: bool = True):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: unexpected error")
        self.setMinimumSize(640, 420)
        self.report = "".join(traceback.format_exception(exc_type, exc, tb))
        where = f"It was also written to {log_path}." if log_path else ""
        data = ("Your case file is as it was after the last change that completed: every "
                "change is saved in one step, so nothing was half-written." if case_open else
                "No case was open, so no case file was touched.")
        intro = plain_label(
            f"Something went wrong inside the program. {data} {where}\n"
            "Please send the report below to the developers.", self)
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(self.report, self)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton("&Copy report", self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.report))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)


def about_text() -> str:
    return (f"{APP_NAME} {__version__}\n\n"
            "Track multi-party peace negotiations: events, proposals and positions, "
            "each tied to graded sources; a timeline, a position grid as of any date, "
            "and briefs for principals. Works offline; one case is one SQLite file.\n\n"
            f"Case file format {SCHEMA_VERSION} · Qt for Python {PYSIDE_VERSION} · "
            f"Python {platform.python_version()}")


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) of every shortcut the window has, read from the window
    itself: its actions (menus, exports, the panes' toolbars), its QShortcuts (the
    grid's Ctrl+Left/Right) and the timeline's key table, so the list cannot fall behind."""
    from .grid import PositionGridView
    from .timeline import canvas as timeline_canvas
    from .timeline.view import TimelineView

    def where(widget) -> str:
        while widget is not None:
            if isinstance(widget, TimelineView):
                return "Timeline"
            if isinstance(widget, PositionGridView):
                return "Grid"
            widget = widget.parent()
        return "Window"

    native = QKeySequence.SequenceFormat.NativeText
    rows = set()
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.text():
            text = action.text().replace("&", "").rstrip("…")
            for sequence in action.shortcuts():
                rows.add((where(action.parent()), text, sequence.toString(native)))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.add((where(shortcut.parent()), shortcut.whatsThis(),
                      shortcut.key().toString(native)))
    for keys_text, what, _keys, _act in timeline_canvas.KEYS:  # the timeline's own keys
        rows.add(("Timeline", what, keys_text))
    order = {"Window": 0, "Grid": 1, "Timeline": 2}
    return sorted(rows, key=lambda r: (order[r[0]], r[1].casefold()))


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, grouped by where it works (see `shortcut_rows`)."""

    def __init__(self, window: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setMinimumSize(520, 560)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Where", "Action", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.open_last = QCheckBox("Open the last case when the program starts", self)
        self.open_last.setChecked(settings.get(OPEN_LAST_CASE))
        self.recent_limit = QSpinBox(self)
        self.recent_limit.setRange(1, 30)
        self.recent_limit.setValue(settings.get(RECENT_LIMIT))
        self.marking = QLineEdit(settings.get(DEFAULT_MARKING), self)
        self.analyst = QLineEdit(settings.get(ANALYST_NAME), self)
        self.analyst.setPlaceholderText(default_author())
        self.analyst.setToolTip("Recorded with every change you make, so that colleagues "
                                "merging your case file see who wrote what.")
        self.zoom = QSpinBox(self)
        self.zoom.setRange(ZOOM_MIN, ZOOM_MAX)
        self.zoom.setSingleStep(10)
        self.zoom.setSuffix(" %")
        self.zoom.setValue(settings.get(UI_ZOOM_PERCENT))
        self.confirm_delete = QCheckBox("Ask before deleting a record", self)
        self.confirm_delete.setToolTip("Edit > Delete names the record and asks first; "
                                       "a deletion can always be undone.")
        self.confirm_delete.setChecked(settings.get(CONFIRM_DELETE))
        form = QFormLayout()
        form.addRow(self.open_last)
        form.addRow(self.confirm_delete)
        form.addRow("&Recent files to remember:", self.recent_limit)
        form.addRow("Default &marking for new cases:", self.marking)
        form.addRow("Your &name (kept with your changes):", self.analyst)
        form.addRow("Text &size:", self.zoom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _defaults(self) -> None:
        self.open_last.setChecked(OPEN_LAST_CASE.default)
        self.recent_limit.setValue(RECENT_LIMIT.default)
        self.marking.setText(DEFAULT_MARKING.default)
        self.zoom.setValue(UI_ZOOM_PERCENT.default)
        self.confirm_delete.setChecked(CONFIRM_DELETE.default)

    def save(self) -> None:
        self.settings.set(OPEN_LAST_CASE, self.open_last.isChecked())
        self.settings.set(RECENT_LIMIT, self.recent_limit.value())
        self.settings.set(DEFAULT_MARKING, self.marking.text().strip() or "UNCLASSIFIED")
        self.settings.set(UI_ZOOM_PERCENT, self.zoom.value())
        self.settings.set(CONFIRM_DELETE, self.confirm_delete.isChecked())
        self.settings.set(ANALYST_NAME, self.analyst.text().strip())
        set_session_author(self.analyst.text())

