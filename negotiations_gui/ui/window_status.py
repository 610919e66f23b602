"""The window's status bar: the case's handling marking, its file, "Saved 14:02", the counts.

Messages of the moment (a refused date, "Exported to …") go through
`QStatusBar.showMessage` as usual; these labels say what is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ..store import CaseStore
from .plain_text import isolate
from .saved_indicator import SavedLabel

COUNTED_TABLES = ("parties", "issues", "events", "proposals", "positions", "sources")


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class StatusLabels:
    """The four labels, added to `bar`; `show_case` and `show_counts` keep them current."""

    def __init__(self, bar: QStatusBar, parent: QWidget):
        self.file_label = _plain_label(parent)
        self.counts_label = _plain_label(parent)
        self.marking_label = _plain_label(parent)
        self.marking_label.setStyleSheet("font-weight: bold; padding: 0 6px;")
        self.marking_label.setToolTip("Handling marking of this case (Case > Case Properties)")
        bar.addWidget(self.marking_label)
        bar.addWidget(self.file_label, 1)
        self.saved_label = SavedLabel(parent)
        bar.addPermanentWidget(self.saved_label)
        bar.addPermanentWidget(self.counts_label)

    def show_case(self, store: CaseStore | None) -> None:
        """The marking and the file of the open case (or that none is open)."""
        if store is None:
            self.marking_label.setText("")
            self.file_label.setText("No case open")
            return
        flag = " (read-only)" if store.read_only else ""
        self.marking_label.setText(store.case_info().marking)
        self.file_label.setText(f"{isolate(str(store.path))}{flag}")

    def show_counts(self, store: CaseStore | None) -> None:
        """The records the case holds, by kind."""
        if store is None:
            self.counts_label.setText("")
            return
        counts = store.counts()
        self.counts_label.setText(" · ".join(f"{counts[t]} {t}" for t in COUNTED_TABLES))
