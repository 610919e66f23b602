"""Positions as of a date: the per-cell seeks, the steps of a dragged cursor, the cache.

`CaseQueries.positions_as_of` answers through `answers` here. Four ways to
read, chosen by what was read before while the file stayed the same:

- a step forward from a date answered before (a dragged cursor, after a date
  that read few new positions): only the
  positions dated after that date up to the new one, one range of
  positions_by_date, change a cell; the cells without one keep their answer;
- a jump (the last date read mostly new positions): one seek of the covering
  index positions_as_of per party × issue, each found row read in the same
  statement;
- a step back from a date answered before (likewise): the cells whose position there is
  dated after the new date are sought again, with their rows;
- otherwise (two dates at once, after a step): the seeks first, then only the
  rows not read before.

When the cells' positions are held in memory (`CellOrder`, as_of_cells.py, taken
for this state of the file), they answer instead of the seeks: a bisect per
cell gives each answer's rowids, and the rows not read before are read in one
statement. A step still reads only the positions in between (a bisect of
every cell costs more than that). For the window's grid (`shown_only`) the
cells also hold what it shows of each position (held_positions.py): every
date, a step too, is then a bisect per cell and no row read.

Ties on a date go to the position recorded last (created_at, then id) in all
four, as `queries.py`'s module docstring says.
"""

from __future__ import annotations

import json
from sqlite3 import Connection

from ..domain import Issue, Party, Position, Source
from . import records
from .as_of_cells import CellOrder
from .held_positions import HeldPosition, complete_each, is_complete

# bound on positions kept between as-of queries (about 2 KB each)
POSITIONS_READ_LIMIT = 50_000

# Each cell's latest position on or before ?: one seek of the covering index
# positions_as_of per party × issue, giving the rowid (read from the index
# entry itself).
_LATEST = ("(SELECT p2.rowid FROM positions p2 "
           "WHERE p2.party_id = {party} AND p2.issue_id = {issue} AND p2.date <= ? "
           "ORDER BY p2.date DESC, p2.created_at DESC, p2.id DESC LIMIT 1)")
_LATEST_ROWID = _LATEST.format(party="pa.id", issue="i.id")
_CELLS = "FROM parties pa CROSS JOIN issues i"
# the same for some cells only, listed in a CTE moved(party_id, issue_id)
_READ_MOVED = (f"SELECT {records.POSITION_COLUMNS}, t.rowid FROM moved m JOIN positions t "
               f"ON t.rowid = {_LATEST.format(party='m.party_id', issue='m.issue_id')}")
# the same seek with each found row read in the same statement (rowid last)
_READ_AS_OF = (f"SELECT {records.POSITION_COLUMNS}, t.rowid {_CELLS} "
               f"JOIN positions t ON t.rowid = {_LATEST_ROWID}")
# how many positions are dated after ?1 up to ?2, counted to ?3 at most, from
# the index positions_by_date alone (no row read)
_COUNT_BETWEEN = ("SELECT count(*) FROM (SELECT 1 FROM positions t "
                  "WHERE t.date > ?1 AND t.date <= ?2 LIMIT ?3)")
# the positions dated after ?1 up to ?2, each cell's last one last (rowid last)
# the positions with the rowids in the JSON array ?
_READ_ROWIDS = (f"SELECT {records.POSITION_COLUMNS}, t.rowid FROM positions t "
                "WHERE t.rowid IN (SELECT value FROM json_each(?))")
_DATED_BETWEEN = (f"SELECT {records.POSITION_COLUMNS}, t.rowid FROM positions t "
                  "WHERE t.date > ?1 AND t.date <= ?2 "
                  "ORDER BY t.date, t.created_at, t.id LIMIT ?3")

Answer = dict[tuple[str, str], Position]
_MOVED_LIMIT = 5000  # cells a step back seeks again, at most


class AsOfCache:
    """What as-of queries and grid snapshots read while the file stayed the same."""

    ANSWERS_KEPT = 16

    def __init__(self, key: tuple[int, int]):
        self.key = key
        # by rowid: stable while the file is unchanged, which is as long as this lives
        self.positions: dict[int, Position] = {}
        self.answers: dict[str, Answer] = {}  # by as-of upper key
        # for grid_snapshot: every party and issue, and the sources read so far by id
        self.parties_and_issues: tuple[list[Party], list[Issue]] | None = None
        self.sources: dict[str, Source] = {}
        # store/disputes.py: whether any cell can be disputed; the disputed cells by as-of
        self.may_dispute: bool | None = None
        self.disputes: dict[str, dict] = {}
        # whether the last as-of date read mostly positions not read before (a jump)
        self.cold = True

    def remember(self, upper_key: str, answer: Answer) -> None:
        self.answers.pop(upper_key, None)
        self.answers[upper_key] = answer
        while len(self.answers) > self.ANSWERS_KEPT:
            del self.answers[next(iter(self.answers))]


def answers(conn: Connection, reuse: AsOfCache, keys: list[str],
            cells: CellOrder | None = None, shown_only: bool = False) -> list[Answer]:
    """The latest position per (party id, issue id) as of each upper key, a fresh dict each
    (by `cells` when given: they must stand for the state of the file `reuse` does).

    `shown_only`: positions may be `HeldPosition`s, what the grid shows of them
    read from memory (held_positions.py); else every one is whole.
    """
    got = {key: reuse.answers[key] for key in keys if key in reuse.answers}
    asked = [key for key in dict.fromkeys(keys) if key not in got]
    if shown_only and cells is not None and cells.shown is not None:
        for key in asked:  # no row read: a bisect per cell, always (a step too)
            held = _answer_held(conn, reuse, cells, key)
            if held is not None:
                got[key] = held
                reuse.remember(key, held)
        asked = [key for key in asked if key not in got]
    if len(asked) == 1 and not reuse.cold:  # the last date was a step: this one likely too
        stepped = _step_forward(conn, reuse, asked[0])
        if stepped is None:
            stepped = _step_back(conn, reuse, asked[0])
        if stepped is not None:
            got[asked.pop()] = stepped
    if cells is not None:  # a jump (or a step too long): a bisect per cell
        for key in asked:
            found = cells.latest(key)
            if found is not None:
                got[key] = _read_rowids(conn, reuse, found)
                reuse.remember(key, got[key])
        asked = [key for key in asked if key not in got]
    if len(asked) == 1 and reuse.cold:  # the last date was a jump: this one likely too
        got[asked[0]] = _read_with_seeks(conn, reuse, asked[0])
    left = [key for key in asked if key not in got]
    if left:  # two dates' seeks in one statement cost less than two statements
        read = reuse.positions
        for key, column in zip(left, _seek(conn, reuse, left)):
            got[key] = {(p.party_id, p.issue_id): p
                        for p in (read[rowid] for rowid in column if rowid is not None)}
            reuse.remember(key, got[key])
    result = [dict(got[key]) for key in keys]
    if not shown_only:  # what a shown-only answer remembered is made whole
        unread = {id(p): p for answer in result for p in answer.values()
                  if isinstance(p, HeldPosition) and not is_complete(p)}
        if unread:
            complete_each(conn, list(unread.values()))
    return result


def _answer_held(conn: Connection, reuse: AsOfCache, cells: CellOrder,
                 key: str) -> Answer | None:
    """The answer as of `key` from the cells and what they hold of each position (None
    when the key is not a date the cells order)."""
    found = cells.latest_keyed(key)
    if found is None or cells.shown is None:
        return None
    answer, new = cells.shown.answer(conn, reuse.key, found, reuse.positions)
    reuse.cold = 2 * new > len(found)
    return answer


def _read_rowids(conn: Connection, reuse: AsOfCache, rowids: list[int]) -> Answer:
    """The answer made of these positions (in cell order), the ones not read before read
    in one statement."""
    read = reuse.positions
    missing = [rowid for rowid in rowids if rowid not in read]
    if missing:
        for row in conn.execute(_READ_ROWIDS, [json.dumps(missing)]).fetchall():
            read[row[-1]] = records.position_from_row(row)
    # most cells new: a jump, the next date likely one too; else a step (_step_forward)
    reuse.cold = 2 * len(missing) > len(rowids)
    answer: Answer = {}
    for rowid in rowids:
        position = read[rowid]
        answer[(position.party_id, position.issue_id)] = position
    return answer


def _step_forward(conn: Connection, reuse: AsOfCache, key: str) -> Answer | None:
    """The answer as of `key` from the latest earlier one remembered, when few positions
    are dated between the two (None when none is remembered or too many are).

    Every position dated after the earlier date outranks that date's answer in
    its cell, so each cell's last one of them (in date, created_at, id order)
    is its answer now; a cell with none keeps the earlier answer.
    """
    before = max((known for known in reuse.answers if known < key), default=None)
    if before is None:
        return None
    earlier = reuse.answers[before]
    limit = max(64, len(earlier))  # more: the seeks cost less than the range
    if conn.execute(_COUNT_BETWEEN, [before, key, limit + 1]).fetchone()[0] > limit:
        return None  # counted first: reading the rows of a long range costs a jump's seeks
    rows = conn.execute(_DATED_BETWEEN, [before, key, limit]).fetchall()
    answer = dict(earlier)
    _take(rows, reuse, answer)
    reuse.cold = False
    reuse.remember(key, answer)
    return answer


def _step_back(conn: Connection, reuse: AsOfCache, key: str) -> Answer | None:
    """The answer as of `key` from the earliest later one remembered, when few of its
    cells show a position dated after `key` (None when none is remembered or most do).

    Every other cell keeps its answer (its position is still the latest on or
    before `key`); those few cells are sought again, with their rows.
    """
    after = min((known for known in reuse.answers if known > key), default=None)
    if after is None:
        return None
    later = reuse.answers[after]
    # the stored date text is PartialDate.iso, compared as SQLite compares it
    moved = [cell for cell, position in later.items() if position.date.iso > key]
    if 2 * len(moved) > len(later) or len(moved) > _MOVED_LIMIT:
        return None  # most cells: a jump's one statement costs less
    answer = {cell: position for cell, position in later.items() if position.date.iso <= key}
    for start in range(0, len(moved), 500):
        chunk = moved[start:start + 500]
        sql = (f"WITH moved(party_id, issue_id) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))}) "
               + _READ_MOVED)
        _take(conn.execute(sql, [v for cell in chunk for v in cell] + [key]).fetchall(),
              reuse, answer)
    reuse.cold = False
    reuse.remember(key, answer)
    return answer


def _take(rows: list, reuse: AsOfCache, answer: Answer) -> None:
    """Put each row's position (the one read before, when it was) in its cell of `answer`."""
    read = reuse.positions
    for row in rows:
        position = read.get(row[-1])
        if position is None:
            position = read[row[-1]] = records.position_from_row(row)
        answer[(position.party_id, position.issue_id)] = position


def _seek(conn: Connection, reuse: AsOfCache, keys: list[str]) -> list[list[int | None]]:
    """Per as-of key, the rowid of each cell's latest position (None: none yet);
    the rows not read before are read and kept in `reuse`."""
    rows = conn.execute(
        f"SELECT {', '.join([_LATEST_ROWID] * len(keys))} {_CELLS}", keys).fetchall()
    found = [list(column) for column in zip(*rows)] if rows else [[] for _ in keys]
    read = reuse.positions
    missing = sorted({rowid for column in found for rowid in column
                      if rowid is not None and rowid not in read})
    for start in range(0, len(missing), 500):
        inside, vals = records.in_clause("t.rowid", missing[start:start + 500])
        # fetchall: the rows in one call, not one wrapped step per row
        for row in conn.execute(f"SELECT {records.POSITION_COLUMNS}, t.rowid FROM positions t "
                                f"WHERE {inside}", vals).fetchall():
            read[row[-1]] = records.position_from_row(row)
    # most cells were new: the next date is likely a jump too (see _read_with_seeks)
    reuse.cold = 2 * len(missing) > sum(len(column) for column in found)
    return found


def _read_with_seeks(conn: Connection, reuse: AsOfCache, key: str) -> Answer:
    """One as-of date after a jump: each cell's seek and its row in one statement.

    When most cells show positions not read before (a new date far from the
    last), reading the rows by the seek's rowid in the same statement costs
    less than a second statement over the rowids; when few are new, the seeks
    come first and only the rows lacking are read (`_seek`).
    """
    read = reuse.positions
    answer: Answer = {}
    new = 0
    for row in conn.execute(_READ_AS_OF, [key]).fetchall():
        position = read.get(row[-1])
        if position is None:
            position = read[row[-1]] = records.position_from_row(row)
            new += 1
        answer[(position.party_id, position.issue_id)] = position
    reuse.cold = 2 * new > len(answer)
    reuse.remember(key, answer)
    return answer
