"""`RecordTableModel`: one kind of record as a table of plain strings.

Sorting and text search happen here, in one pass over the records, rather
than in `QSortFilterProxyModel`'s per-comparison calls back into Python: that
keeps a list of 50,000 events sortable and searchable as the user types.
`RecordFilterProxy` hands both to the model.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from .columns import COLUMNS, Column, Names

RECORD_ID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2


class RecordTableModel(QAbstractTableModel):
    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.columns: tuple[Column, ...] = COLUMNS[kind]
        self._records: list = []
        self._names: Names | None = None
        self._haystacks: list[str | None] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_records(self, records, names: Names | None) -> None:
        """Replace everything (a reload after a change anywhere in the case)."""
        self.beginResetModel()
        self._records = list(records)
        self._names = names
        self._haystacks = [None] * len(self._records)
        if self._sorted_by is not None:
            self._sort_records(*self._sorted_by)
        self.endResetModel()

    def set_names(self, names: Names) -> None:
        """New names for the records referred to (a party renamed, say): every row's
        text may change, so re-sort and repaint them all, but keep the rows (no reset:
        selections and scroll positions stay)."""
        self._names = names
        self._haystacks = [None] * len(self._records)
        if not self._records:
            return
        if self._sorted_by is not None:
            self.sort(*self._sorted_by)
        self.dataChanged.emit(self.index(0, 0),
                              self.index(len(self._records) - 1, len(self.columns) - 1),
                              [Qt.DisplayRole, Qt.ToolTipRole, SORT_ROLE])

    def put_record(self, record) -> None:
        """Insert `record`, or replace the row with its id; it goes where the current
        sort puts it (moved, not removed and re-inserted, so selections follow it)."""
        row = self.row_of(record.id)
        if row < 0:
            at = self._place_of(record, len(self._records))
            self.beginInsertRows(QModelIndex(), at, at)
            self._records.insert(at, record)
            self._haystacks.insert(at, None)
            self.endInsertRows()
            return
        self._records.pop(row)
        at = row if self._fits_at(record, row) else self._place_of(record, row)
        self._records.insert(row, record)
        self._haystacks[row] = None
        if at != row:
            # Qt counts the destination before the move: one past it when moving down
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), at if at < row else at + 1)
            self._records.insert(at, self._records.pop(row))
            self._haystacks.insert(at, self._haystacks.pop(row))
            self.endMoveRows()
        roles = [Qt.DisplayRole, Qt.ToolTipRole, RECORD_ID_ROLE, SORT_ROLE]
        self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.columns) - 1), roles)

    def remove_record(self, record_id: str) -> None:
        row = self.row_of(record_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        del self._haystacks[row]
        self.endRemoveRows()

    def _key(self, column: Column, record) -> tuple:
        """Sort key: the column's, then the record id, so that rows with equal
        values come in one order however the list got them (a load, an insert)."""
        return column.key(record, self._names), record.id

    def _fits_at(self, record, row: int) -> bool:
        """True when `record` may stay at `row` under the current sort (its value
        in the sorted column did not change, say)."""
        if self._sorted_by is None:
            return True
        column, order = self._sorted_by
        col = self.columns[column]
        key = self._key(col, record)
        before = self._key(col, self._records[row - 1]) if row > 0 else None
        after = self._key(col, self._records[row]) if row < len(self._records) else None
        if order == Qt.DescendingOrder:
            before, after = after, before
        return (before is None or before <= key) and (after is None or key <= after)

    def _place_of(self, record, fallback: int) -> int:
        """Row that `record` sorts into among the others (the row being replaced is
        out of `_records` while this runs); `fallback` when the list is unsorted."""
        if self._sorted_by is None:
            return fallback
        column, order = self._sorted_by
        col = self.columns[column]
        key = self._key(col, record)
        descending = order == Qt.DescendingOrder
        low, high = 0, len(self._records)
        while low < high:
            middle = (low + high) // 2
            other = self._key(col, self._records[middle])
            if (key > other) if descending else (key < other):
                high = middle
            else:
                low = middle + 1
        return low

    def record(self, row: int):
        return self._records[row]

    def row_of(self, record_id: str) -> int:
        for row, record in enumerate(self._records):
            if record.id == record_id:
                return row
        return -1

    # -- sorting and searching -----------------------------------------------------------

    def _sort_records(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Sort in place; returns the old row of each new row."""
        col = self.columns[column]
        keyed = [(self._key(col, r), n) for n, r in enumerate(self._records)]
        keyed.sort(key=lambda pair: pair[0], reverse=order == Qt.DescendingOrder)
        old_rows = [n for _key, n in keyed]
        self._records = [self._records[n] for n in old_rows]
        self._haystacks = [self._haystacks[n] for n in old_rows]
        return old_rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_rows = self._sort_records(column, order)
        new_row_of = {old: new for new, old in enumerate(old_rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row_of[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def matches(self, row: int, needle: str) -> bool:
        """True when any column's text contains `needle` (already case-folded)."""
        haystack = self._haystacks[row]
        if haystack is None:
            record = self._records[row]
            haystack = "\x1f".join(c.text(record, self._names) for c in self.columns).casefold()
            self._haystacks[row] = haystack
        return needle in haystack

    # -- the model interface -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            text = column.text(record, self._names)
            if role == Qt.DisplayRole:
                return text.replace("\n", " ")
            # Tooltips render anything that looks like HTML: escape it so user text
            # shows literally, and keep its line breaks.
            return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else None
        if role == RECORD_ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            key = column.key(record, self._names)
            return key if isinstance(key, (str, int)) else "\x1f".join(map(str, key))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if (role == Qt.DisplayRole and orientation == Qt.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable


class RecordFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text contains the filter; sorting is the source model's."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            self._needle = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = text.strip().casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return not self._needle or self.sourceModel().matches(source_row, self._needle)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
