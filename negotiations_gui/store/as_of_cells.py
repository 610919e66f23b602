"""Each grid cell's positions in memory, in as-of order: a cold as-of date without seeks.

On a large case the as-of seek of the covering index positions_as_of (one per
party × issue, over 36-character text keys) is most of a new date's cost. A
`CellOrder` holds, per cell, two sequences in the order the seek ranks positions
(date, then created_at, then id): each position's date as an integer that sorts
as SQLite sorts the date's text (a list of int objects shared by every position of
a date: bisect reads a list twice as fast as an array, which makes an int each
probe), and its rowid (an array). The latest position on or before
a date is then one bisect of the cell's dates: the last of the positions whose
date is on or before it (ties: the one recorded last, as the seek has it).

16 bytes a position (a list entry and an 8-byte rowid): 16 MB at a million; with
what the grid shows of each (`ShownFields`, held_positions.py) about 40 more.
It stands for one state of the file: `CaseQueries` drops it on any change
(the as-of cache's key) and answers by the seeks until a new one is taken. A
large case's is read on a worker thread with a connection of its own
(`read_cell_order_apart`), the window's grid asks for it (ui/grid/cell_order.py).
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from bisect import bisect_right
from pathlib import Path

from .held_positions import ShownFields, read_shown

# past this many positions (by the largest rowid, which costs nothing to read) a case's
# cells are worth holding: below it a new date's seeks take well under a millisecond
MANY_POSITIONS = 20_000

# The date key of a stored date: "YYYY" -> Y0000, "YYYY-MM" -> Y(M+1)00 and
# "YYYY-MM-DD" -> Y(M+1)(D+1), so that a missing part sorts before any digits, as a
# shorter text sorts before its extensions. Valid only for dates of those three
# shapes (checked over the distinct dates first: `_all_dates_keyed`).
_DATE_KEY_SQL = ("substr(t.date, 1, 4) * 10000"
                 " + (substr(t.date, 6, 2) + (length(t.date) > 4)) * 100"
                 " + substr(t.date, 9, 2) + (length(t.date) > 7)")
# a cell's positions in as-of order, read from the covering index positions_as_of
_CELL_ROWS = (f"SELECT {_DATE_KEY_SQL}, t.rowid FROM positions t "
              "WHERE t.party_id = ? AND t.issue_id = ? ORDER BY t.date, t.created_at, t.id")
# every cell, in the order the seeks' statement (as_of.py) gives its answer
_CELLS = "SELECT pa.id, i.id FROM parties pa CROSS JOIN issues i"

Cell = tuple[str, str]


def date_key(text: object) -> int | None:
    """The key of a date's ISO text (see _DATE_KEY_SQL); None when it is not one of the
    three shapes, or not text."""
    if not isinstance(text, str) or not text.isascii():
        return None
    size = len(text)
    if size not in (4, 7, 10) or not text[:4].isdigit():
        return None
    key = int(text[:4]) * 10000
    if size >= 7:
        month = text[5:7]
        if text[4] != "-" or not month.isdigit() or month[0] not in "01":
            return None
        key += (int(month) + 1) * 100
    if size == 10:
        day = text[8:10]
        if text[7] != "-" or not day.isdigit() or day[0] not in "0123":
            return None
        key += int(day) + 1
    return key


class CellOrder:
    """Per cell (party id, issue id), its positions' date keys and rowids in as-of order."""

    def __init__(self, cells: dict[Cell, tuple[list[int], array]],
                 shown: ShownFields | None = None):
        self.cells = cells
        self._order = list(cells.items())
        self.shown = shown  # what the grid shows of each position (held_positions.py)

    def __len__(self) -> int:
        """How many positions it holds."""
        return sum(len(rowids) for _, rowids in self.cells.values())

    @property
    def nbytes(self) -> int:
        """The bytes its lists and arrays hold (less the shared date keys and small
        overheads)."""
        return sum(sys.getsizeof(dates) + sys.getsizeof(rowids)
                   for dates, rowids in self.cells.values()) + (
            self.shown.nbytes if self.shown is not None else 0)

    def latest(self, upper_key: str) -> list[int] | None:
        """The rowid of each cell's latest position dated on or before `upper_key`, in
        cell order (cells with none left out); None when the key is not a date."""
        key = date_key(upper_key)
        if key is None:
            return None
        found = []
        for _, (dates, rowids) in self._order:
            at = bisect_right(dates, key)
            if at:
                found.append(rowids[at - 1])
        return found

    def latest_keyed(self, upper_key: str) -> list[tuple[Cell, int, int]] | None:
        """`latest`, each with its cell and its date's key: (cell, rowid, key)."""
        key = date_key(upper_key)
        if key is None:
            return None
        found = []
        for cell, (dates, rowids) in self._order:
            at = bisect_right(dates, key)
            if at:
                found.append((cell, rowids[at - 1], dates[at - 1]))
        return found


def many_positions(conn: sqlite3.Connection) -> bool:
    """Whether a case has enough positions for its cells to be worth holding."""
    return (conn.execute("SELECT max(rowid) FROM positions").fetchone()[0] or 0) > MANY_POSITIONS


def read_cell_order(conn: sqlite3.Connection) -> CellOrder | None:
    """Every cell's positions in as-of order, in one read transaction; None when some
    date is not of a shape the keys order as its text (then the seeks answer)."""
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")  # every cell from one state of the file
    try:
        if not _all_dates_keyed(conn):
            return None
        cells: dict[Cell, tuple[list[int], array]] = {}
        shared: dict[int, int] = {}  # one int object per date key
        for party_id, issue_id in conn.execute(_CELLS).fetchall():
            rows = conn.execute(_CELL_ROWS, (party_id, issue_id)).fetchall()
            cells[(party_id, issue_id)] = ([shared.setdefault(row[0], row[0]) for row in rows],
                                           array("q", [row[1] for row in rows]))
        return CellOrder(cells, read_shown(conn))
    finally:
        if began:
            conn.execute("ROLLBACK")  # it only read


def read_cell_order_apart(path: Path) -> CellOrder | None:
    """`read_cell_order` on a read-only connection of its own, for a worker thread (the
    case is in WAL mode: the window's connection goes on writing meanwhile)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return read_cell_order(conn)
    finally:
        conn.close()


def _all_dates_keyed(conn: sqlite3.Connection) -> bool:
    """Whether every stored date is text of one of the three shapes (the distinct dates,
    from the index positions_by_date: a few thousand even at a million positions)."""
    return all(date_key(row[0]) is not None
               for row in conn.execute("SELECT DISTINCT date FROM positions"))
