"""`TimelinePane`: the filter bar above the timeline, as the main window places it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from ...store import CaseStore
from ..case_state import CaseState
from .filter_bar import TimelineFilterBar
from .view import TimelineView


class TimelinePane(QWidget):
    # kind ("event" or "proposal"), id: the user asked to edit this record
    editRequested = Signal(str, str)

    def __init__(self, store: CaseStore, state: CaseState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_pane")
        self.filter_bar = TimelineFilterBar(store, state, self)
        self.view = TimelineView(store, state, self)
        self.view.editRequested.connect(self.editRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)

    def add_export_actions(self, menu: QMenu) -> None:
        """Put the timeline's PNG/PDF exports in `menu`; they leave it with this pane."""
        separator = QAction(self.view)
        separator.setSeparator(True)
        menu.addAction(separator)
        menu.addActions(self.view.export_actions)
