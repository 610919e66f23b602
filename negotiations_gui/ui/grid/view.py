"""`PositionGridView`: each party's position on each issue as of the shared date.

It follows `CaseState`: a new as-of or compare-with date, or a change to the
records the grid shows, rebuilds the snapshot (one indexed query) and
updates the cells in place. Clicking a cell selects its position (or the empty
cell) for the inspector and the history panel; double-clicking asks for a new
position of that party on that issue. Ctrl+Left/Right step the as-of date from
one dated change to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import CellKey, GapReading, PartialDate, grid_text
from ...domain.as_of_steps import next_change, previous_change
from ...store import CaseStore
from ..case_state import CaseState, SelectedId
from . import menus
from .cell_order import CellOrderReader
from .delegate import PositionCellDelegate
from .header import GroupedHeaderView
from .headings import connect_headings
from .history import CellHistoryPanel
from .legend import StanceLegend
from .model import GridRole, PositionGridModel
from .toolbar import GridToolbar

MIN_CELL_WIDTH = 150
# fitted to the window: cells this small still show the stance, date and a line
FIT_MIN_WIDTH, FIT_MIN_HEIGHT, FIT_TEXT_SCALE = 72, 52, 0.85
# tables whose records the grid shows
_RELOAD_ON = {"positions", "parties", "issues", "assessments", "sources"}


class PositionGridView(QWidget):
    # double-click on a party's cell: record a new position there (the cell's CellKey)
    newPositionRequested = Signal(object)
    # edit a record: kind ("position", "party", "issue", "assessment"), id
    editRequested = Signal(str, str)
    # CellKey, position id: keep this analyst's position in a disputed cell
    keepPositionRequested = Signal(object, str)

    def __init__(self, store: CaseStore, state: CaseState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("positionGrid")
        self._store = store
        self._state = state
        self._dated_changes: list[PartialDate] | None = None
        # (compare-with date, gaps then)
        self._previous_gaps: tuple[PartialDate, Mapping[str, GapReading]] | None = None
        self.model = PositionGridModel(self)
        self.table = self._make_table()
        connect_headings(self)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("gridHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.toolbar = self._take_toolbar()
        self.legend = StanceLegend()
        self.history_panel = CellHistoryPanel(store, state)
        self.history_panel.editRequested.connect(self.editRequested)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        grid_area = QWidget()
        grid_layout = QVBoxLayout(grid_area)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(2)
        grid_layout.addWidget(self.heading)
        grid_layout.addWidget(self.table, 1)
        grid_layout.addWidget(self.legend)
        self.splitter.addWidget(grid_area)
        self.splitter.addWidget(self.history_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self._make_shortcuts()
        self._cell_order = CellOrderReader(store, self)
        # bound methods, not lambdas: Qt drops them when this view is deleted
        state.asOfChanged.connect(self._on_as_of_changed)
        state.compareWithChanged.connect(self._on_compare_with_changed)
        state.dataChanged.connect(self._on_data_changed)
        state.selectionChanged.connect(self._follow_selection)
        self.reload()

    # -- building ----------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("positionGridTable")
        table.setHorizontalHeader(GroupedHeaderView(Qt.Orientation.Horizontal, table))
        table.setVerticalHeader(GroupedHeaderView(Qt.Orientation.Vertical, table))
        table.setModel(self.model)
        self.delegate = PositionCellDelegate(table)
        table.setItemDelegate(self.delegate)
        table.setShowGrid(False)
        table.setWordWrap(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(self._on_double_clicked)
        table.selectionModel().currentChanged.connect(self._on_current_changed)
        # clicking the current cell again selects it again (after a selection elsewhere)
        table.clicked.connect(lambda index: self._on_current_changed(index, QModelIndex()))
        self.model.modelReset.connect(self._apply_sizes)
        return table

    def _take_toolbar(self) -> GridToolbar:
        bar = GridToolbar(self.model, self._state, self)
        self.transpose_action, self.changes_only_action = (bar.transpose_action,
                                                           bar.changes_only_action)
        self.fit_action, self.copy_action = bar.fit_action, bar.copy_action
        self.parties_menu, self.issues_menu = bar.parties_menu, bar.issues_menu
        self.compare_field = bar.compare_field
        self.fit_action.toggled.connect(lambda _on: self._apply_sizes())
        self.copy_action.triggered.connect(self.copy_selection)
        self.addAction(self.copy_action)
        return bar

    def show_compare_field(self, visible: bool) -> None:
        """Show or hide the grid's own compare-with field (a window may have its own)."""
        self.toolbar.show_compare_field(visible)

    def _make_shortcuts(self) -> None:
        # anywhere in the window (timeline, lists, dock); a text field that moves
        # its cursor by words with Ctrl+Left/Right keeps the keys for itself
        context = Qt.ShortcutContext.WindowShortcut
        self.step_back = QShortcut(QKeySequence("Ctrl+Left"), self, context=context)
        self.step_back.setWhatsThis("Step the as-of date back to the previous change")
        self.step_back.activated.connect(self.step_to_previous_change)
        self.step_forward = QShortcut(QKeySequence("Ctrl+Right"), self, context=context)
        self.step_forward.setWhatsThis("Step the as-of date on to the next change")
        self.step_forward.activated.connect(self.step_to_next_change)
        # Enter on a cell does what a double-click does
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self.table,
                              context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self._on_double_clicked(self.table.currentIndex()))

    def _apply_sizes(self) -> None:
        """Columns share the width (never narrower than a readable cell); rows keep height.

        Fitted to the window, columns and rows share the view whatever their
        number, in smaller text; the cells then show fewer summary lines."""
        size = self.delegate.cell_size
        horizontal, vertical = self.table.horizontalHeader(), self.table.verticalHeader()
        fit = self.fit_action.isChecked()
        font = QFont(self.font())
        if fit:
            font.setPointSizeF(font.pointSizeF() * FIT_TEXT_SCALE)
        self.table.setFont(font)
        horizontal.setMinimumSectionSize(FIT_MIN_WIDTH if fit else MIN_CELL_WIDTH)
        horizontal.setDefaultSectionSize(size.width())
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vertical.setMinimumSectionSize(FIT_MIN_HEIGHT if fit else 0)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if fit
                                      else QHeaderView.ResizeMode.Interactive)
        vertical.setDefaultSectionSize(size.height())
        vertical.setMinimumWidth(90)

    # -- refreshing ---------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the grid from the store as of the shared dates."""
        # a selected cell stays selected as the date moves: the inspector then
        # shows the position that cell holds as of the new date
        current = self.table.currentIndex()
        following = (current.isValid()
                     and self._selection_for(current) == self._state.selection)
        snapshot = self._store.grid_snapshot(self._state.as_of, self._since(), shown_only=True)
        self.model.set_snapshot(snapshot, self._gaps_then())
        changed_cells = snapshot.changed_cells
        changed = len(changed_cells)
        heading = grid_text.snapshot_heading(snapshot)
        if snapshot.since is not None:
            heading += f" — {changed} cell{'s' if changed != 1 else ''} changed"
            reworded = sum(1 for cell in changed_cells if grid_text.is_reworded(cell))
            if reworded:
                heading += f" ({reworded} only reworded)"
        elif self._state.compare_with is not None:  # after the as-of date: nothing to mark
            heading += (f" (compare date {self._state.compare_with.display} is after it:"
                        " no changes marked)")
        self.heading.setText(heading)
        current = self.table.currentIndex()
        if following and current.isValid():
            self._state.select(*self._selection_for(current))
        else:
            self._follow_selection(*self._state.selection)

    def _since(self) -> PartialDate | None:
        """The compare-with date, unless it is after the as-of date (then nothing is marked)."""
        since = self._state.compare_with
        return since if since is not None and since <= self._state.as_of else None

    def _gaps_then(self) -> Mapping[str, GapReading] | None:
        """The gaps as of the compare-with date; read again only when it or the records change."""
        since = self._since()
        if since is None:
            return None
        if self._previous_gaps is None or self._previous_gaps[0] != since:
            self._previous_gaps = (since, self._store.grid_snapshot(since, shown_only=True).gaps)
        return self._previous_gaps[1]

    def _on_as_of_changed(self, _date: PartialDate) -> None:
        self.reload()
        self._cell_order.want()  # the date moves: on a large case, the next ones cost less

    def _on_data_changed(self, tables: Iterable[str]) -> None:
        if set(tables) & _RELOAD_ON:
            self._previous_gaps = None
        if set(tables) & {"positions", "assessments"}:
            self._dated_changes = None
        if set(tables) & _RELOAD_ON:
            self.reload()

    def _on_compare_with_changed(self, date: PartialDate | None) -> None:
        self.toolbar.show_compare_with(date)
        self.reload()
        self._cell_order.want()

    # -- stepping -------------------------------------------------------------------

    def _change_dates(self) -> list[PartialDate]:
        # read once until positions or assessments change: on a million positions
        # the distinct dates take about 0.1 s, too slow for each key press
        if self._dated_changes is None:
            self._dated_changes = self._store.dated_changes()
        return self._dated_changes

    def step_to_next_change(self) -> None:
        target = next_change(self._change_dates(), self._state.as_of)
        if target is not None:
            self._state.set_as_of(target)

    def step_to_previous_change(self) -> None:
        target = previous_change(self._change_dates(), self._state.as_of)
        if target is not None:
            self._state.set_as_of(target)

    # -- selection ------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._state.select(*self._selection_for(current))

    @staticmethod
    def _selection_for(index: QModelIndex) -> tuple[str, SelectedId]:
        """What selecting a cell selects: its position, the empty cell, or the gap's issue."""
        kind = index.data(GridRole.KIND)
        if kind == "position":
            return ("position", index.data(GridRole.POSITION_ID))
        if kind == "empty":
            return ("cell", CellKey(index.data(GridRole.PARTY_ID), index.data(GridRole.ISSUE_ID)))
        return ("issue", index.data(GridRole.ISSUE_ID))

    def _follow_selection(self, kind: str, record_id: SelectedId) -> None:
        """Show a selection made elsewhere, when the grid shows that record."""
        index = self._index_for_selection(kind, record_id)
        if index.isValid() and index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _index_for_selection(self, kind: str, record_id: SelectedId) -> QModelIndex:
        snapshot = self.model.snapshot
        if snapshot is None:
            return QModelIndex()
        if isinstance(record_id, CellKey):
            return self.model.index_of(record_id.party_id, record_id.issue_id)
        if kind == "position":
            for cell in snapshot.cells.values():
                if cell.position is not None and cell.position.id == record_id:
                    return self.model.index_of(cell.party.id, cell.issue.id)
        return QModelIndex()

    def select_cell(self, key: CellKey) -> None:
        """Make a party's cell on an issue current (as a click would)."""
        index = self.model.index_of(key.party_id, key.issue_id)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # -- actions --------------------------------------------------------------------

    def _on_double_clicked(self, index: QModelIndex) -> None:
        kind = index.data(GridRole.KIND) if index.isValid() else None
        key = self.model.key_at(index)
        if key is not None:
            self.newPositionRequested.emit(key)
        elif kind == "gap":
            self.edit_gap(index)

    def edit_gap(self, index: QModelIndex) -> None:
        snapshot = self.model.snapshot
        if snapshot is None:
            return
        reading = snapshot.gaps.get(index.data(GridRole.ISSUE_ID))
        if reading is not None and reading.assessment is not None:
            self.editRequested.emit("assessment", reading.assessment.id)
        else:
            self.editRequested.emit("issue", index.data(GridRole.ISSUE_ID))

    def selected_text(self) -> str:
        """The selected cells as text (the current cell when nothing is selected)."""
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes and self.table.currentIndex().isValid():
            indexes = [self.table.currentIndex()]
        return self.model.text_for(indexes)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _context_menu(self, point: QPoint) -> None:
        menu = menus.cell_menu(self, self.table.indexAt(point))
        menu.exec(self.table.viewport().mapToGlobal(point))

    # -- hosting --------------------------------------------------------------------

    def take_history_panel(self) -> CellHistoryPanel:
        """Remove the history panel from under the grid, for a window to dock it."""
        self.history_panel.setParent(None)
        return self.history_panel
