"""`RecordTableModel`: one kind of record as a table of plain strings."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

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

    def set_records(self, records, names: Names) -> None:
        """Replace everything (a reload after a change anywhere in the case)."""
        self.beginResetModel()
        self._records = list(records)
        self._names = names
        self.endResetModel()

    def record(self, row: int):
        return self._records[row]

    def row_of(self, record_id: str) -> int:
        for row, record in enumerate(self._records):
            if record.id == record_id:
                return row
        return -1

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
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable
