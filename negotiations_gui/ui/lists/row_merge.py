"""How the rows shown become the rows a search reports, in steps a model can announce.

While a filter's rare matches are searched for (`store/list_search.py`), each
report holds the first matches found so far, in the list's order. The rows shown
are the last report's: a new one adds rows (found since, wherever they sort),
drops rows from the end (pushed past the rows a report holds) and, for records
changed meanwhile, drops or moves them. `merge_steps` turns one list into the
other by removals, moves and insertions (so that the selection and the view's
place stay on their records), or says that only a reset will do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Remove:
    first: int
    last: int


@dataclass(frozen=True)
class Move:
    row: int
    to: int  # the row it is at after the move


@dataclass(frozen=True)
class Insert:
    row: int
    ids: tuple[str, ...]


Step = Remove | Move | Insert


def merge_steps(old: list[str], new: list[str], changed: Iterable[str]) -> list[Step] | None:
    """Steps that turn `old` into `new`; only the `changed` records may have moved
    relative to the others. None when the rest are not in the same order in both."""
    place = {record_id: n for n, record_id in enumerate(new)}
    rows = list(old)
    steps: list[Step] = []
    # bottom up, so that the rows above keep their numbers
    gone = [row for row, record_id in enumerate(rows) if record_id not in place]
    for first, last in _runs(reversed(gone)):
        steps.append(Remove(first, last))
        del rows[first:last + 1]
    for record_id in set(changed) & set(rows):
        row = rows.index(record_id)
        rows.pop(row)
        to = sum(1 for other in rows if place[other] < place[record_id])
        rows.insert(to, record_id)
        if to != row:
            steps.append(Move(row, to))
    if any(place[a] > place[b] for a, b in pairwise(rows)):
        return None
    shown = set(rows)
    row = 0
    while row < len(new):
        if new[row] in shown:
            row += 1
            continue
        end = row
        while end < len(new) and new[end] not in shown:
            end += 1
        steps.append(Insert(row, tuple(new[row:end])))
        row = end
    return steps


def _runs(rows_bottom_up: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive rows, given bottom up, as (first, last) runs, bottom up."""
    runs: list[tuple[int, int]] = []
    for row in rows_bottom_up:
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs
