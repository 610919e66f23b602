"""A large case's cells read into memory off the GUI thread, once the as-of date moves.

On a case of many positions a new as-of date costs one index seek per party ×
issue; with each cell's positions held in memory (`CellOrder`,
store/as_of_cells.py) it costs a bisect per cell instead, and with what the
grid shows of each position held too (store/held_positions.py) no row read.
Reading them takes about four seconds at a million positions, so it runs on a
worker thread with a connection of its own, and only once the user moves the
date (opening the case does not wait for it, nor share the machine with it). The store takes the
result only if the file is still as it was when the read began; until then, and
after any change to the file, the seeks answer as before.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...store import CaseStore
from ...store.as_of_cells import CellOrder, many_positions, read_cell_order_apart
from ..timeline.background_read import BackgroundRead

_TRIES = 3  # reads failed in a row before the cells are given up


def _read(path, state):
    return state, read_cell_order_apart(path)


class CellOrderReader(QObject):
    """Reads the cells of `store` when asked (`want`), unless held or not worth it."""

    def __init__(self, store: CaseStore, parent: QObject):
        super().__init__(parent)
        self._store = store
        self._read = BackgroundRead(_read, "grid cells", parent)
        self._read.loaded.connect(self._take)
        self._read.failed.connect(self._give_up)
        self._reading: tuple[int, int] | None = None  # the state being read
        self._failures = 0  # reads failed in a row
        # a past of the case in memory (only its store reads it), or the read found
        # what it cannot do: the seeks answer
        self._never = store.known_on is not None or not store.path.exists()

    def want(self) -> None:
        """Read the cells for the file as it is now, unless held, already being read or
        not worth it (a small case: its seeks take well under a millisecond)."""
        if self._never or self._reading is not None or not many_positions(self._store.db.conn):
            return
        state = self._store.queries.cell_order_state()
        if state is not None:
            self._reading = state
            self._read.start(self._store.path, state)

    def _take(self, result: tuple[tuple[int, int], CellOrder | None]) -> None:
        state, cells = result
        self._reading = None
        self._failures = 0
        if cells is None:
            self._never = True  # a date the keys cannot order as SQLite does
        elif not self._store.queries.take_cell_order(state, cells):
            self.want()  # the file changed meanwhile: read it again as it is now

    def _give_up(self, _reason: str) -> None:
        # the file locked meanwhile: read again at the next move of the date; gone, or
        # failing again and again: not tried any more (the seeks answer)
        self._reading = None
        self._failures += 1
        self._never = self._failures >= _TRIES or not self._store.path.exists()
