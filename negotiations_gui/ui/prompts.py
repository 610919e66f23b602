"""Questions and messages to the user, in one place (tests replace them).

Every message here is plain text: file names and error messages may contain
characters that look like HTML.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(parent: QWidget | None, icon, title: str, text: str, buttons, default) -> int:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str = "", no: str = "") -> bool:
    """A yes/no question; True for yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes_button = box.addButton(yes or "Yes", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or "Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
         QMessageBox.StandardButton.Ok)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
         QMessageBox.StandardButton.Ok)


def open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """A file to open, "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getOpenFileName(parent, title, folder, filters)[0]


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    """A file to write (the dialog asks before replacing one), "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, title, suggested, filters)[0]
