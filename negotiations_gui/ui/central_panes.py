"""The window's centre for an open case: the timeline and the grid in a `CentralSplitter`.

Made anew for each case opened, or shown as known on another day (the
welcome page takes the centre when none is), from the store the window shows
(`MainWindow.shown_store`: the case as known on a past day, or the live case).
The grid's cell history goes in a dock beside the lists and lives as
long as the grid. The views are imported when first needed, so the window
with no case open starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from .central_splitter import CentralSplitter
from .settings import GRID_CHANGES_ONLY, GRID_FIT, GRID_TRANSPOSED, SPLIT_STACKED, SPLITTER_STATE

if TYPE_CHECKING:
    from ..store import CaseStore
    from .case_state import CaseState
    from .grid import PositionGridView
    from .main_window import MainWindow
    from .timeline import TimelinePane


def make_timeline_pane(window: MainWindow, store: CaseStore, state: CaseState) -> TimelinePane:
    from .timeline import TimelinePane

    pane = TimelinePane(store, state, window)
    pane.view.settings = window.settings  # where its exports are saved
    pane.editRequested.connect(window.records.edit_record)
    pane.add_export_actions(window.export_menu)
    return pane


def make_grid_pane(window: MainWindow, store: CaseStore, state: CaseState) -> PositionGridView:
    from .grid import PositionGridView

    pane = PositionGridView(store, state, window)
    pane.newPositionRequested.connect(window.records.new_position)
    pane.editRequested.connect(window.records.edit_record)
    pane.keepPositionRequested.connect(window.records.keep_position)
    pane.show_compare_field(False)  # the toolbar's date bar has one
    settings = window.settings
    for action, key in ((pane.transpose_action, GRID_TRANSPOSED),
                        (pane.changes_only_action, GRID_CHANGES_ONLY),
                        (pane.fit_action, GRID_FIT)):
        action.setChecked(settings.get(key))
        action.toggled.connect(lambda on, key=key: settings.set(key, on))
    dock = QDockWidget("Position History", window)
    dock.setObjectName("position_history_dock")
    dock.setWidget(pane.take_history_panel())
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.splitDockWidget(window.list_docks["event"], dock, Qt.Orientation.Horizontal)
    pane.destroyed.connect(dock.deleteLater)
    return pane


def toggle_stacked(window: MainWindow) -> None:
    """View > Stack Timeline Above Grid: the two panes one above the other, or side by side."""
    stacked = window.window_actions.stacked.isChecked()
    window.settings.set(SPLIT_STACKED, stacked)
    if window.splitter is not None:
        window.splitter.setOrientation(Qt.Orientation.Vertical if stacked
                                       else Qt.Orientation.Horizontal)
        window.splitter.split_evenly()


def make_central(window: MainWindow, store: CaseStore, state: CaseState
                 ) -> tuple[CentralSplitter, TimelinePane, PositionGridView]:
    """The two panes side by side, or stacked, as the user last had them."""
    splitter = CentralSplitter(window)
    splitter.setObjectName("central_splitter")
    splitter.setChildrenCollapsible(False)
    timeline = make_timeline_pane(window, store, state)
    grid = make_grid_pane(window, store, state)
    splitter.addWidget(timeline)
    splitter.addWidget(grid)
    stacked = window.settings.get(SPLIT_STACKED)
    splitter.setOrientation(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
    window.window_actions.stacked.setChecked(stacked)
    saved = window.settings.get(SPLITTER_STATE)
    if not saved.isEmpty() and splitter.restoreState(saved):
        splitter.even_pending = False
    return splitter, timeline, grid
