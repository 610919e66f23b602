"""A list filter's rare matches, searched for on a worker thread.

A filter whose matches are common fills a page by walking the sort's index in a
few milliseconds (`RecordListing.first_page`). When they are rare that walk reads
most of the table, and even one pass through the table in its own order takes
0.5-0.9 s at a million events: far too long for the GUI thread between two
keystrokes. `search_apart` makes that pass on a read-only connection of its own
(the case is in WAL mode: the window's connection goes on reading and writing
meanwhile; Python's sqlite3 lets go of the GIL while SQLite runs), a slice of
rowids at a time, and hands back the matches found so far, in the list's order,
as it goes:

- the first report as soon as a match is found, then one every `REPORT_S` while
  more are found, and a last one when the pass is done;
- each report holds at most `SEARCH_ROWS` ids, the first in the list's order of
  the matches found so far (SQL sorts them: nothing is compared in Python), and
  how many were found in all;
- `SearchControl.cancel` stops it within a few thousand SQLite steps (a progress
  handler), as a new keystroke does;
- records changed meanwhile are handed in by id (`SearchControl.recheck`) and
  looked at again before the next report: the pass may already have gone by
  them. Each report says how many of the rechecks it saw, so that the window can
  apply itself any it did not.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .event_keys import id_matches

SEARCH_ROWS = 5000  # ids a report holds at most (the rows shown; more are read by paging)
SLICE_ROWS = 20_000  # rowids looked at per query
REPORT_S = 0.1  # at most one report per this long, besides the first and the last
_CHECK_STEPS = 5_000  # SQLite steps between two looks at the cancel flag


@dataclass(frozen=True)
class SearchPlan:
    """A listing's filter and order as SQL over `table t` (see `RecordListing.search_plan`)."""

    table: str
    where: str
    params: dict[str, object]
    order: str


@dataclass(frozen=True)
class SearchReport:
    ids: list[str]  # the first matches found so far, in the list's order
    found: int  # matches found so far in all
    done: bool  # the whole table has been searched
    rechecked: int  # how many of the ids handed to `recheck` this report has seen


class SearchControl:
    """What the GUI thread and a search share: the latest report, the cancel flag,
    the records to look at again. Every method may be called from either thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._report: SearchReport | None = None
        self._rechecks: list[str] = []
        self._taken = 0  # rechecks the search has taken

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def recheck(self, ids: list[str]) -> int:
        """Look at these records again; returns how many have been handed in so far."""
        with self._lock:
            self._rechecks.extend(ids)
            return len(self._rechecks)

    def take_report(self) -> SearchReport | None:
        with self._lock:
            report, self._report = self._report, None
            return report

    def _put(self, report: SearchReport) -> None:
        with self._lock:
            self._report = report

    def _take_rechecks(self) -> tuple[list[str], int]:
        with self._lock:
            ids = self._rechecks[self._taken:]
            self._taken = len(self._rechecks)
            return ids, self._taken


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float) -> Iterator[Callable[[], bool]]:
    """SQL run inside stops (sqlite3.OperationalError, "interrupted") once `seconds`
    have passed; yields whether they have."""
    deadline = time.perf_counter() + seconds
    conn.set_progress_handler(lambda: time.perf_counter() > deadline, 1_000)
    try:
        yield lambda: time.perf_counter() > deadline
    finally:
        conn.set_progress_handler(None, 0)


def main_file(conn: sqlite3.Connection) -> Path | None:
    """The file a connection reads, if another connection can read it too (not a case
    upgraded in memory, say)."""
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


class _Search:
    """One pass's state: every match found (rowids), the first `SEARCH_ROWS` of them
    in the list's order as last reported, and those found since. The first of all
    are the first of the last report's and the new ones, so a report sorts only
    those (a filter matching a third of a million events is 330,000 rowids); after a
    recheck, all of them."""

    def __init__(self, conn: sqlite3.Connection, plan: SearchPlan, control: SearchControl):
        self.conn, self.plan, self.control = conn, plan, control
        self.found: set[int] = set()
        self.first: list[int] = []  # the last report's rows
        self.since: list[int] = []  # found since it
        self.sort_all = False  # a recheck may have taken one of the first away
        self.rechecked = 0

    def query(self, sql: str, **params: object) -> list[tuple]:
        return self.conn.execute(sql, {**self.plan.params, **params}).fetchall()

    def scan(self, low: int, high: int) -> bool:
        """Look at rowids low < rowid <= high; True when it found any."""
        rows = self.query(f"SELECT t.rowid FROM {self.plan.table} t WHERE t.rowid > :low "
                          f"AND t.rowid <= :high AND {self.plan.where}", low=low, high=high)
        self._add(r[0] for r in rows)
        return bool(rows)

    def _add(self, rowids: Iterable[int]) -> None:
        for rowid in rowids:
            if rowid not in self.found:
                self.found.add(rowid)
                self.since.append(rowid)

    def apply_rechecks(self) -> bool:
        ids, self.rechecked = self.control._take_rechecks()
        if ids:
            self.look_again(ids)
            self.sort_all = True
        return bool(ids)

    def look_again(self, ids: list[str]) -> None:
        # a record deleted meanwhile has no row to look at: its rowid is dropped when
        # the report is sorted (only rows that exist are listed)
        rows = self.query(f"SELECT t.rowid, {self.plan.where} FROM json_each(:ids) j "
                          f"CROSS JOIN {self.plan.table} t "
                          f"ON {id_matches(self.plan.table, 't.id', 'j.value')}",
                          ids=json.dumps(ids))
        self._add(rowid for rowid, matches in rows if matches)
        self.found.difference_update(rowid for rowid, matches in rows if not matches)

    def _existing(self, rowids: Iterable[int], order: str = "", most: int = -1) -> list[tuple]:
        return self.query(f"SELECT t.rowid, t.id FROM json_each(:rowids) j CROSS JOIN "
                          f"{self.plan.table} t ON t.rowid = j.value {order} LIMIT :most",
                          rowids=json.dumps(sorted(rowids)), most=most)

    def report(self, done: bool) -> None:
        rows = self._existing(self.found if self.sort_all else [*self.first, *self.since],
                              self.plan.order, SEARCH_ROWS)
        if done and self.rechecked:  # not counting the rows deleted meanwhile
            self.found = {rowid for rowid, _id in self._existing(self.found)}
        self.first, self.since, self.sort_all = [r[0] for r in rows], [], False
        self.control._put(SearchReport([r[1] for r in rows], len(self.found), done,
                                       self.rechecked))


def search_apart(path: Path, plan: SearchPlan, seeds: list[str],
                 control: SearchControl) -> None:
    """Search the whole table for the plan's matches, for a worker thread; `seeds`: ids
    already known to match (the window has shown them). Reports through `control`;
    returns without a last report when cancelled."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.set_progress_handler(lambda: control.cancelled, _CHECK_STEPS)
        _run(_Search(conn, plan, control), seeds)
    except sqlite3.OperationalError:
        if not control.cancelled:
            raise
    finally:
        conn.close()


def _run(search: _Search, seeds: list[str]) -> None:
    control = search.control
    if seeds:
        search.look_again(seeds)
        search.sort_all = True
    last = search.query(f"SELECT max(rowid) FROM {search.plan.table}")[0][0] or 0
    reported_at = None
    low = 0
    while low < last:
        if control.cancelled:
            return
        changed = search.apply_rechecks()
        changed = search.scan(low, low + SLICE_ROWS) or changed
        low += SLICE_ROWS
        now = time.perf_counter()
        if changed and search.found and (reported_at is None or now - reported_at >= REPORT_S):
            search.report(done=False)
            reported_at = now
    # records added meanwhile past the last rowid were handed in as rechecks
    search.apply_rechecks()
    if not control.cancelled:
        search.report(done=True)
