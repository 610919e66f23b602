"""The case's Undo/Redo keys from every widget of the window that has no text undo.

A line edit claims Ctrl+Z / Ctrl+Shift+Z for its own text even when it has
nothing to undo (a date field just after its date was applied), so the keys
did nothing there. This filter lets a text widget keep them only while it has
its own edit to undo or redo; otherwise they reach Edit > Undo / Redo.

The keys' ShortcutOverride goes to the focused widget only, so the filter sits on
the window's focused text widget, following focus, rather than on the whole
application: there it would run Python for every event of every widget (some
5,000 before a case's first paint, and every paint and mouse move after).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _own_history(widget: QObject, undo: bool) -> bool | None:
    """Whether `widget` can undo (redo) text of its own; None if it is not a text widget."""
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isUndoAvailable() if undo else document.isRedoAvailable()
    return None


class CaseUndoKeys(QObject):
    """Watches the text widget that has the focus in one window (`window`)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a window exists, so the application does
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if (new is not None and _own_history(new, True) is not None
                and new.window() is self.window):
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent)
                or not isinstance(watched, QWidget)):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        if not (undo or event.matches(QKeySequence.StandardKey.Redo)):
            return False
        if watched.window() is not self.window:
            return False  # a dialog's fields keep their own keys
        if _own_history(watched, undo) is False:
            event.ignore()  # not claimed: the window's Undo/Redo shortcut fires
            return True
        return False
