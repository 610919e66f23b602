"""`SavedLabel`: the status bar's "Saved 14:02", so nobody wonders about a Save button.

Every change is committed to the case file in its own transaction as it is
made (design.md §3): the label says so after each one, with the time.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class SavedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip("Every change is written to the case file at once; "
                        "there is nothing to save.")
        self.setContentsMargins(6, 0, 6, 0)

    def mark_saved(self, *_args, when: _dt.datetime | None = None) -> None:
        """A change reached the file: say when (local time, to the minute)."""
        self.setText(f"Saved {(when or _dt.datetime.now()).strftime('%H:%M')}")

    def clear_saved(self) -> None:
        self.setText("")
