"""The Party names tab's table: how each party cell is split, and the names kept whole."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from .models import Index, ListTable, tooltip


class SplitModel(ListTable):
    """One row per party cell that is split (or kept whole by the user)."""

    headers = ("Keep as one party", "Cell as written", "Read as")
    KEEP = 0
    # (cell text, keep it whole)
    keepToggled = Signal(str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cells: list[tuple[str, list[str], bool]] = []

    def set_splits(self, splits: dict[str, list[str]], keep_whole: list[str]) -> None:
        self.beginResetModel()
        kept = {" ".join(k.split()).casefold() for k in keep_whole}
        rows = [(text, names, False) for text, names in splits.items()
                if " ".join(text.split()).casefold() not in kept]
        rows += [(text, [" ".join(text.split())], True) for text in keep_whole]
        self._cells = sorted(rows, key=lambda r: (not r[2], r[0].casefold()))
        self.endResetModel()

    def cell(self, row: int) -> tuple[str, list[str], bool]:
        return self._cells[row]

    def _rows(self) -> list:
        return self._cells

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == self.KEEP else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        text, names, kept = self._cells[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.KEEP:
            return Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked
        shown = {0: "", 1: text, 2: "  |  ".join(names)}[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(shown or text)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.KEEP
                or role != Qt.ItemDataRole.CheckStateRole):
            return False
        self.keepToggled.emit(self._cells[index.row()][0],
                              Qt.CheckState(value) == Qt.CheckState.Checked)
        return True
