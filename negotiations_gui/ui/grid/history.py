"""The history of one grid cell: every position of a party on an issue, newest first.

Each row says whether that position is the one in force as of the shared
as-of date, one recorded after it, or an earlier one it superseded, and which
proposal or event it answers. The panel follows the shared selection: a grid
cell, or a position chosen anywhere else in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import CellKey, Event, PartialDate, Position, Proposal, Source, grid_text, palette
from ...store import CaseStore, RecordNotFound
from ..case_state import CaseState, SelectedId
from ..plain_text import isolate, plain_tooltip

IN_FORCE = "In force"
LATER = "After the as-of date"
EARLIER = "Earlier"
_RELOAD_ON = {"positions", "parties", "issues", "proposals", "events", "sources"}
Record = TypeVar("Record")


@dataclass(frozen=True)
class HistoryEntry:
    position: Position
    status: str  # IN_FORCE, LATER or EARLIER
    proposal: Proposal | None = None
    event: Event | None = None
    sources: tuple[Source, ...] = ()


def history_entries(history: list[Position], as_of: PartialDate,
                    proposals: dict[str, Proposal], events: dict[str, Event],
                    sources: dict[str, Source]) -> list[HistoryEntry]:
    """Label each position (newest first) against the as-of date, with what it answers."""
    entries, found_current = [], False
    for position in history:
        if position.date.iso > as_of.upper_key:
            status = LATER
        elif not found_current:
            status, found_current = IN_FORCE, True
        else:
            status = EARLIER
        entries.append(HistoryEntry(
            position, status, proposals.get(position.proposal_id or ""),
            events.get(position.event_id or ""),
            tuple(sources[s] for s in position.source_ids if s in sources)))
    return entries


class CellHistoryModel(QAbstractTableModel):
    COLUMNS = ("Date", "Stance", "Summary", "Answers", "Best source", "Status")
    POSITION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        position, column = entry.position, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                grid_text.date_with_precision(position.date),
                grid_text.stance_text(position.stance),
                " ".join(position.summary.split()),
                grid_text.answers_text(entry.proposal, entry.event).replace("\n", "; "),
                min(entry.sources, key=lambda s: s.grade_key).grade if entry.sources else "",
                entry.status,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3 and (entry.proposal or entry.event):
                return plain_tooltip(self._answers_tooltip(entry))
            if column == 4:
                return plain_tooltip(grid_text.sources_text(entry.sources))
            text = position.detail or position.summary
            return plain_tooltip(text) or None
        if role == Qt.ItemDataRole.FontRole and entry.status == IN_FORCE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.status == LATER:
            return QColor(palette.MUTED_INK)
        if role == self.POSITION_ID_ROLE:
            return position.id
        return None

    @staticmethod
    def _answers_tooltip(entry: HistoryEntry) -> str:
        lines = []
        if entry.proposal:
            lines.append(grid_text.proposal_line(entry.proposal))
            term = entry.proposal.terms.get(entry.position.issue_id, "")
            if term.strip():
                lines.append(f"Its term on this issue: {term.strip()}")
        if entry.event:
            lines.append(grid_text.event_line(entry.event))
        return "\n".join(lines)


class CellHistoryPanel(QWidget):
    """Lists every position of the selected party × issue, newest first."""

    # a history row was double-clicked: edit that position
    editRequested = Signal(str, str)

    def __init__(self, store: CaseStore, state: CaseState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cellHistoryPanel")
        self._store = store
        self._state = state
        self._cell: CellKey | None = None
        self.title = QLabel("Select a cell of the grid to see its history.")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.model = CellHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._edit_row)
        self.table.clicked.connect(self._select_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        state.selectionChanged.connect(self._follow_selection)
        state.asOfChanged.connect(self._on_as_of_changed)  # a bound method: dropped on delete
        state.dataChanged.connect(self._on_data_changed)

    @property
    def cell(self) -> CellKey | None:
        """The cell shown, or None."""
        return self._cell

    def show_cell(self, cell: CellKey) -> None:
        self._cell = cell
        self.reload()

    def clear(self) -> None:
        self._cell = None
        self.reload()

    def reload(self) -> None:
        if self._cell is None:
            self.title.setText("Select a cell of the grid to see its history.")
            self.model.set_entries([])
            return
        cell = self._cell
        try:
            party, issue = self._store.party(cell.party_id), self._store.issue(cell.issue_id)
        except RecordNotFound:
            self.clear()
            return
        history = self._store.position_history(cell.party_id, cell.issue_id)
        entries = history_entries(history, self._state.as_of, *self._linked(history))
        self.model.set_entries(entries)
        count = len(history)
        noun = "position" if count == 1 else "positions"
        self.title.setText(f"History: {isolate(party.name)} on {isolate(issue.name)} — {count} "
                           f"{noun}, newest "
                           f"first (as of {self._state.as_of.display})")
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _linked(self, history: list[Position]
                ) -> tuple[dict[str, Proposal], dict[str, Event], dict[str, Source]]:
        """The proposals, events and sources the positions name (those that still exist)."""
        return (_load_each((p.proposal_id for p in history), self._store.proposal),
                _load_each((p.event_id for p in history), self._store.event),
                _load_each((s for p in history for s in p.source_ids), self._store.source))

    def _follow_selection(self, kind: str, record_id: SelectedId) -> None:
        if isinstance(record_id, CellKey):
            self.show_cell(record_id)
        elif kind == "position":
            try:
                position = self._store.position(record_id)
            except RecordNotFound:
                return
            if CellKey.of(position) != self._cell:
                self.show_cell(CellKey.of(position))
            self._highlight(position.id)

    def _highlight(self, position_id: str) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(CellHistoryModel.POSITION_ID_ROLE) == position_id:
                self.table.selectRow(row)
                return

    def _on_as_of_changed(self, _date: PartialDate) -> None:
        self.reload()

    def _on_data_changed(self, tables: Iterable[str]) -> None:
        if set(tables) & _RELOAD_ON:
            self.reload()

    def _select_row(self, index: QModelIndex) -> None:
        position_id = index.data(CellHistoryModel.POSITION_ID_ROLE)
        if position_id:
            self._state.select("position", position_id)

    def _edit_row(self, index: QModelIndex) -> None:
        position_id = index.data(CellHistoryModel.POSITION_ID_ROLE)
        if position_id:
            self.editRequested.emit("position", position_id)


def _load_each(ids: Iterable[str | None], load: Callable[[str], Record]) -> dict[str, Record]:
    """Each record named once, by id; ids that are empty or no longer found are left out."""
    found: dict[str, Record] = {}
    for record_id in ids:
        if record_id and record_id not in found:
            try:
                found[record_id] = load(record_id)
            except RecordNotFound:
                pass
    return found
