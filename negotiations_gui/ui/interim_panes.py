"""Plain stand-ins for the timeline and the position grid.

`MainWindow._make_timeline_pane` / `_make_grid_pane` return these until the
real `TimelineView` and `PositionGridView` are plugged in. They are real
views: they follow the case state and open the same forms.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .lists.columns import Names
from .lists.record_model import RECORD_ID_ROLE, RecordTableModel


class EventsPane(QTableView):
    """Events in date order, read-only."""

    editRequested = Signal(str, str)

    def __init__(self, store, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.state = store, state
        self.events_model = RecordTableModel("event", self)
        self.setModel(self.events_model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(
            lambda index: self.editRequested.emit("event", index.data(RECORD_ID_ROLE)))
        state.dataChanged.connect(lambda _tables: self.reload())
        self.reload()

    def reload(self) -> None:
        self.events_model.set_records(self.store.events(), Names.of(self.store))


class GridModel(QAbstractTableModel):
    """Rows = issues, columns = parties, then the gap; as of the state's date."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.snapshot = None

    def set_snapshot(self, snapshot) -> None:
        self.beginResetModel()
        self.snapshot = snapshot
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.snapshot is None else len(self.snapshot.issues)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self.snapshot is None:
            return 0
        return len(self.snapshot.parties) + 1

    def cell_key(self, index: QModelIndex) -> tuple[str, str] | None:
        if not index.isValid() or index.column() >= len(self.snapshot.parties):
            return None
        return (self.snapshot.parties[index.column()].id, self.snapshot.issues[index.row()].id)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or self.snapshot is None:
            return None
        issue = self.snapshot.issues[index.row()]
        if index.column() == len(self.snapshot.parties):
            if role == Qt.DisplayRole:
                reading = self.snapshot.gaps[issue.id]
                return reading.gap.label + (" (analyst)" if reading.by_analyst else "")
            return None
        cell = self.snapshot.cell(self.snapshot.parties[index.column()].id, issue.id)
        position = cell.position
        if role == Qt.DisplayRole:
            if position is None:
                return "—"
            mark = " •" if cell.changed else ""
            return (f"{position.stance.symbol} {position.stance.label}{mark}\n"
                    f"{position.summary}\n{position.date.display}")
        if role == Qt.BackgroundRole and position is not None:
            return QColor(position.stance.colour)
        if role == Qt.ForegroundRole and position is not None:
            return QColor("#000000")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role != Qt.DisplayRole or self.snapshot is None:
            return None
        if orientation == Qt.Vertical and 0 <= section < len(self.snapshot.issues):
            return self.snapshot.issues[section].name
        if orientation == Qt.Horizontal:
            if section == len(self.snapshot.parties):
                return "Gap"
            if 0 <= section < len(self.snapshot.parties):
                return self.snapshot.parties[section].label
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags


class GridPane(QTableView):
    newPositionRequested = Signal(str, str)
    editRequested = Signal(str, str)

    def __init__(self, store, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.state = store, state
        self.grid_model = GridModel(self)
        self.setModel(self.grid_model)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.doubleClicked.connect(self._double_clicked)
        self.selectionModel().currentChanged.connect(self._current_changed)
        for signal in (state.dataChanged, state.asOfChanged, state.compareWithChanged):
            signal.connect(lambda *_args: self.reload())
        self.reload()

    def reload(self) -> None:
        self.grid_model.set_snapshot(
            self.store.grid_snapshot(self.state.as_of, self.state.compare_with))

    def _current_changed(self, current, _previous) -> None:
        key = self.grid_model.cell_key(current)
        if key:
            self.state.select("cell", f"{key[0]}/{key[1]}")

    def _double_clicked(self, index) -> None:
        key = self.grid_model.cell_key(index)
        if key:
            self.newPositionRequested.emit(*key)
