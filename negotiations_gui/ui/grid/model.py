"""`PositionGridModel`: a `GridSnapshot` as a Qt table.

Rows are issues and columns parties (principals first), with a last "Gap"
column; transposed, parties run down and issues across, with a last "Gap" row.
Parties and issues can be hidden. A new snapshot for the same parties and
issues (the usual case while the as-of cursor moves) updates the cells in
place, so selection and scroll position survive; only a change of parties or
issues resets the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain import CellKey, GapReading, GridCell, GridSnapshot, Issue, Party, grid_text
from ..plain_text import isolate, plain_tooltip
from ..theme import window_scheme
from .header_data import GAP_HEADER, gap_header_data, issue_header_data, party_header_data
from .roles import GridRole

__all__ = ["GAP_HEADER", "GridRole", "PositionGridModel", "plain_tooltip"]



class PositionGridModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._snapshot: GridSnapshot | None = None
        self._hidden_parties: set[str] = set()
        self._hidden_issues: set[str] = set()
        self._parties: list[Party] = []  # visible, in grid order
        self._issues: list[Issue] = []
        self._transposed = False
        self._changes_only = False
        # the gap per issue as of the compare-with date, when there is one
        self._previous_gaps: Mapping[str, GapReading] | None = None

    # -- state --------------------------------------------------------------------

    @property
    def snapshot(self) -> GridSnapshot | None:
        return self._snapshot

    @property
    def transposed(self) -> bool:
        return self._transposed

    @property
    def changes_only(self) -> bool:
        return self._changes_only

    @property
    def visible_parties(self) -> list[Party]:
        return list(self._parties)

    @property
    def visible_issues(self) -> list[Issue]:
        return list(self._issues)

    @property
    def hidden_party_ids(self) -> frozenset[str]:
        return frozenset(self._hidden_parties)

    @property
    def hidden_issue_ids(self) -> frozenset[str]:
        return frozenset(self._hidden_issues)

    def set_snapshot(self, snapshot: GridSnapshot,
                     previous_gaps: Mapping[str, GapReading] | None = None) -> None:
        """Show `snapshot`; `previous_gaps` (as of its compare-with date) marks moved gaps."""
        old = self._snapshot
        self._snapshot = snapshot
        self._previous_gaps = previous_gaps if snapshot.since is not None else None
        if old is not None and old.parties == snapshot.parties and old.issues == snapshot.issues:
            self._emit_all_changed()
            return
        self.beginResetModel()
        self._refresh_visible()
        self.endResetModel()

    def set_transposed(self, transposed: bool) -> None:
        if transposed != self._transposed:
            self.beginResetModel()
            self._transposed = transposed
            self.endResetModel()

    def set_changes_only(self, on: bool) -> None:
        if on != self._changes_only:
            self._changes_only = on
            self._emit_all_changed([GridRole.DIMMED])

    def set_party_hidden(self, party_id: str, hidden: bool) -> None:
        self._set_hidden(self._hidden_parties, party_id, hidden, parties=True)

    def set_issue_hidden(self, issue_id: str, hidden: bool) -> None:
        self._set_hidden(self._hidden_issues, issue_id, hidden, parties=False)

    def show_all(self) -> None:
        if self._hidden_parties or self._hidden_issues:
            self.beginResetModel()
            self._hidden_parties.clear()
            self._hidden_issues.clear()
            self._refresh_visible()
            self.endResetModel()

    def _set_hidden(self, hidden_ids: set[str], record_id: str, hidden: bool,
                    parties: bool) -> None:
        if (record_id in hidden_ids) == hidden:
            return
        before = [r.id for r in (self._parties if parties else self._issues)]
        (hidden_ids.add if hidden else hidden_ids.discard)(record_id)
        if self._snapshot is None:
            return
        after = [r.id for r in self._visible()[0 if parties else 1]]
        on_rows = parties == self._transposed
        if hidden:
            if record_id not in before:
                return
            at = before.index(record_id)
            (self.beginRemoveRows if on_rows else self.beginRemoveColumns)(QModelIndex(), at, at)
            self._refresh_visible()
            (self.endRemoveRows if on_rows else self.endRemoveColumns)()
        else:
            if record_id not in after:
                return
            at = after.index(record_id)
            (self.beginInsertRows if on_rows else self.beginInsertColumns)(QModelIndex(), at, at)
            self._refresh_visible()
            (self.endInsertRows if on_rows else self.endInsertColumns)()

    def _visible(self) -> tuple[list[Party], list[Issue]]:
        snapshot = self._snapshot
        if snapshot is None:
            return [], []
        return ([p for p in snapshot.parties if p.id not in self._hidden_parties],
                [i for i in snapshot.issues if i.id not in self._hidden_issues])

    def _refresh_visible(self) -> None:
        self._parties, self._issues = self._visible()

    def _emit_all_changed(self, roles: Iterable[int] = ()) -> None:
        rows, columns = self.rowCount(), self.columnCount()
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1),
                                  list(roles))
        if not roles:
            for orientation, count in ((Qt.Orientation.Horizontal, columns),
                                       (Qt.Orientation.Vertical, rows)):
                if count:
                    self.headerDataChanged.emit(orientation, 0, count - 1)

    # -- geometry -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self._snapshot is None:
            return 0
        return len(self._parties) + 1 if self._transposed else len(self._issues)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self._snapshot is None:
            return 0
        return len(self._issues) if self._transposed else len(self._parties) + 1

    def party_orientation(self) -> Qt.Orientation:
        """The header that lists parties (and the Gap line)."""
        return Qt.Orientation.Vertical if self._transposed else Qt.Orientation.Horizontal

    def _party_and_issue(self, row: int, column: int) -> tuple[Party | None, Issue | None]:
        """The party (None on the Gap line) and issue at a place in the table."""
        party_at, issue_at = (row, column) if self._transposed else (column, row)
        if not 0 <= issue_at < len(self._issues):
            return None, None
        party = self._parties[party_at] if party_at < len(self._parties) else None
        return party, self._issues[issue_at]

    def cell_at(self, index: QModelIndex) -> GridCell | None:
        """The grid cell at `index`, None on the Gap line or outside."""
        if not index.isValid() or self._snapshot is None:
            return None
        party, issue = self._party_and_issue(index.row(), index.column())
        if party is None or issue is None:
            return None
        return self._snapshot.cell(party.id, issue.id)

    def key_at(self, index: QModelIndex) -> CellKey | None:
        """Which party's cell on which issue `index` is; None on the Gap line or outside."""
        cell = self.cell_at(index)
        return cell.key if cell is not None else None

    def issue_at(self, index: QModelIndex) -> Issue | None:
        return self._party_and_issue(index.row(), index.column())[1] if index.isValid() else None

    def index_of(self, party_id: str | None, issue_id: str) -> QModelIndex:
        """The index of a party's cell on an issue (party None: the issue's gap)."""
        issue_ids = [i.id for i in self._issues]
        party_ids = [p.id for p in self._parties]
        if issue_id not in issue_ids or (party_id is not None and party_id not in party_ids):
            return QModelIndex()
        issue_at = issue_ids.index(issue_id)
        party_at = len(party_ids) if party_id is None else party_ids.index(party_id)
        if self._transposed:
            return self.index(party_at, issue_at)
        return self.index(issue_at, party_at)

    def party_for_section(self, section: int) -> Party | None:
        return self._parties[section] if 0 <= section < len(self._parties) else None

    def issue_for_section(self, section: int) -> Issue | None:
        return self._issues[section] if 0 <= section < len(self._issues) else None

    # -- data -----------------------------------------------------------------------

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        snapshot = self._snapshot
        if not index.isValid() or snapshot is None:
            return None
        party, issue = self._party_and_issue(index.row(), index.column())
        if issue is None:
            return None
        if party is None:
            return self._gap_data(snapshot, issue, role)
        return self._cell_data(snapshot, snapshot.cell(party.id, issue.id), role)

    def _cell_data(self, snapshot: GridSnapshot, cell: GridCell, role: int) -> object:
        position = cell.position
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            text = grid_text.cell_text(cell)
            if cell.changed:
                text += f" [changed: {grid_text.change_text(cell.previous, position)}]"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(grid_text.cell_tooltip(cell, snapshot.since))
        if role == Qt.ItemDataRole.BackgroundRole:
            scheme = window_scheme()
            return QColor(scheme.stance_fill[position.stance] if position else scheme.empty_fill)
        if role == GridRole.KIND:
            return "position" if position else "empty"
        if role == GridRole.PARTY_ID:
            return cell.party.id
        if role == GridRole.ISSUE_ID:
            return cell.issue.id
        if role == GridRole.POSITION_ID:
            return position.id if position else None
        if role == GridRole.STANCE:
            return position.stance.value if position else None
        if role == GridRole.STANCE_TEXT:
            return grid_text.stance_text(position.stance) if position else grid_text.NO_POSITION
        if role == GridRole.SUMMARY:
            return position.summary if position else ""
        if role == GridRole.DATE_TEXT:
            return grid_text.date_text(position.date) if position else ""
        if role == GridRole.CHANGED:
            return cell.changed
        if role == GridRole.CHANGE_TEXT:
            return grid_text.change_text(cell.previous, position) if cell.changed else ""
        if role == GridRole.CHANGE_TAG:
            return grid_text.change_tag(cell.previous, position) if cell.changed else ""
        if role == GridRole.PREVIOUS_TEXT:
            return grid_text.previous_text(cell.previous) if cell.changed else ""
        if role == GridRole.SOURCE_BADGE:
            return grid_text.source_badge(cell)
        if role == GridRole.DIMMED:
            return self._changes_only and not cell.changed
        if role == GridRole.DISPUTED:
            return cell.disputed
        if role == GridRole.GROUP_START:
            return self._starts_group(cell.party)
        return None

    def _starts_group(self, party: Party) -> bool:
        at = self._parties.index(party)
        return at > 0 and self._parties[at - 1].role is not party.role

    def _previous_gap(self, snapshot: GridSnapshot, issue: Issue) -> GapReading | None:
        """The gap as of the compare-with date when it differs from now, else None."""
        before = (self._previous_gaps or {}).get(issue.id)
        now = snapshot.gaps[issue.id]
        return before if before is not None and before.gap is not now.gap else None

    def _gap_data(self, snapshot: GridSnapshot, issue: Issue, role: int) -> object:
        reading = snapshot.gaps[issue.id]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            before = self._previous_gap(snapshot, issue)
            changed = f" [changed: {grid_text.gap_change_text(before, reading)}]" if before else ""
            return grid_text.gap_text(reading) + changed
        if role == Qt.ItemDataRole.ToolTipRole:
            before = self._previous_gap(snapshot, issue)
            since = (f"\nChanged since {snapshot.since.display}: "
                     f"{grid_text.gap_change_text(before, reading)}"
                     if before and snapshot.since else "")
            return plain_tooltip(f"Gap on {isolate(issue.name)}: {reading.gap.label.lower()}\n"
                                 f"{grid_text.gap_detail(reading)}{since}")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(window_scheme().gap_fill)
        if role == GridRole.KIND:
            return "gap"
        if role == GridRole.ISSUE_ID:
            return issue.id
        if role == GridRole.GAP:
            return reading.gap.value
        if role == GridRole.GAP_LABEL:
            return f"{grid_text.gap_symbol(reading.gap)} {reading.gap.label}"
        if role == GridRole.GAP_BY_ANALYST:
            return reading.by_analyst
        if role == GridRole.GAP_NOTE:
            return reading.assessment.note if reading.assessment else ""
        if role in (GridRole.CHANGED, GridRole.DIMMED, GridRole.CHANGE_TAG,
                    GridRole.PREVIOUS_TEXT, GridRole.CHANGE_TEXT):
            before = self._previous_gap(snapshot, issue)
            changes: dict[int, bool | str] = {
                GridRole.CHANGED: before is not None,
                GridRole.DIMMED: self._changes_only and before is None,
                GridRole.CHANGE_TAG: "CHANGED" if before else "",
                GridRole.PREVIOUS_TEXT: f"was {grid_text.gap_text(before)}" if before else "",
                GridRole.CHANGE_TEXT: grid_text.gap_change_text(before, reading) if before else "",
            }
            return changes[role]
        if role == GridRole.GROUP_START:
            return True
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._snapshot is None or section < 0:
            return None
        if orientation == self.party_orientation():
            if section == len(self._parties):
                return gap_header_data(role)
            party = self.party_for_section(section)
            return party_header_data(party, role) if party else None
        issue = self.issue_for_section(section)
        return issue_header_data(issue, role) if issue else None

    # -- copying --------------------------------------------------------------------

    def text_for(self, indexes: Iterable[QModelIndex]) -> str:
        """Plain text for the given cells: one sentence for one cell, else a table."""
        indexes = [i for i in indexes if i.isValid()]
        if not indexes or self._snapshot is None:
            return ""
        if len(indexes) == 1:
            return self._single_text(self._snapshot, indexes[0])
        places = [self._party_and_issue(i.row(), i.column()) for i in indexes]
        party_ids = {p.id for p, _ in places if p is not None}
        issue_ids = {i.id for _, i in places if i is not None}
        with_gap = any(p is None for p, _ in places)
        parties = [p for p in self._parties if p.id in party_ids]
        issues = [i for i in self._issues if i.id in issue_ids]
        return grid_text.grid_table_text(self._snapshot, issues, parties, with_gap=with_gap)

    def _single_text(self, snapshot: GridSnapshot, index: QModelIndex) -> str:
        cell = self.cell_at(index)
        if cell is None:
            issue = self.issue_at(index)
            if issue is None:
                return ""
            reading = snapshot.gaps[issue.id]
            return (f"Gap on {isolate(issue.name)}: {grid_text.gap_text(reading)}. "
                    f"{grid_text.gap_detail(reading)}")
        text = (f"{isolate(cell.party.name)} on {isolate(cell.issue.name)}: "
                f"{grid_text.cell_text(cell)}")
        if cell.changed:
            text += f" [{grid_text.change_sentence(cell, snapshot.since)}]"
        return text
