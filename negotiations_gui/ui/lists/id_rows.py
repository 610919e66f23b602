"""`IdRows`: a table model's rows as a list of record ids, and the ways they change.

`RecordTableModel` (record_model.py) decides which records the rows are; this
part keeps the list and announces each change to the views: a reset, rows
inserted, removed or moved, or a search's new report merged in (`row_merge.py`),
so that selections and the view's place stay on their records.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex

from .row_merge import Move, Remove, Step, merge_steps

Index = QModelIndex | QPersistentModelIndex


class IdRows(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids: list[str] = []
        self._row_index: dict[str, int] | None = None
        self._busy = False  # announcing a reset or new rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def _begin_reset(self) -> None:
        self.beginResetModel()
        self._busy = True

    def _end_reset(self) -> None:
        try:
            self.endResetModel()
        finally:
            self._busy = False

    def _merge(self, ids: list[str], changed: list[str]) -> None:
        """Show these rows (a search's report) instead; only the `changed` records
        may have moved relative to the rest."""
        steps = merge_steps(self._ids, ids, changed)
        if steps is None:  # only if records changed meanwhile went where the rest did not
            self._begin_reset()
            self._ids, self._row_index = list(ids), None
            self._end_reset()
        else:
            self._apply(steps)

    def _apply(self, steps: list[Step]) -> None:
        for step in steps:
            if isinstance(step, Remove):
                self.beginRemoveRows(QModelIndex(), step.first, step.last)
                del self._ids[step.first:step.last + 1]
                self._row_index = None
                self.endRemoveRows()
            elif isinstance(step, Move):
                self._move(step.row, step.to)
            else:
                self.beginInsertRows(QModelIndex(), step.row, step.row + len(step.ids) - 1)
                self._ids[step.row:step.row] = step.ids
                self._row_index = None
                self.endInsertRows()

    def _move(self, old: int, row: int) -> None:
        if row != old:
            # Qt counts the destination before the move: one past it when moving down
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(),
                               row if row < old else row + 1)
            self._ids.insert(row, self._ids.pop(old))
            self._row_index = None
            self.endMoveRows()

    def _insert(self, row: int, record_id: str) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, record_id)
        self._row_index = None
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._row_index = None
        self.endRemoveRows()
