"""The window's centre: timeline and grid side by side (or stacked)."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QWidget


class CentralSplitter(QSplitter):
    """Timeline and grid, half each until the user moves the handle (then remembered)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.even_pending = True
        self.splitterMoved.connect(self._moved_by_user)

    def _moved_by_user(self, _pos: int, _index: int) -> None:
        self.even_pending = False

    def split_evenly(self) -> None:
        self.even_pending = True
        self._apply_even()

    def _apply_even(self) -> None:
        total = sum(self.sizes())
        if total > 0:
            self.blockSignals(True)
            self.setSizes([total // 2, total - total // 2])
            self.blockSignals(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.even_pending:
            self._apply_even()
