"""The record lists' questions, answered in SQL a window at a time.

A list shows one kind of record sorted by one of its columns and filtered by
a text typed by the user. `RecordListing` answers "the next rows after this
one", "where does this record sort" and "is it shown at all" without reading
every record: sorting is an ORDER BY over an index where the column has one
(date, title, kind, summary ...), paging is by key (the next rows after the
last one read, so a page costs the same at row 10 and at row 900,000), and a
filter stops scanning once it has a page of matches.

The order and the filter mirror what the list shows in each column:

- text sorts and matches ignoring the case of ASCII letters (SQLite's
  NOCASE and lower()); other letters compare as written;
- dates sort by their ISO text and match as displayed ("12 Aug 2025",
  "c. Aug 2025");
- rows with equal values sort in the order they were entered (by rowid, which
  every index of the table already holds, so ties cost no extra sorting);
- names of other records (an event's parties, a position's issue) sort as the
  cell shows them, joined by ", " in id order, and match by each name; an
  event's names sort by the copy of its cell's text kept in its row, which has
  an index (schema m010, `list_keys.py`);
- an event's description sorts by its first 32 characters (an index of whole
  descriptions would store each twice), descriptions alike that far in the
  order they were entered;
- keys most events leave empty (end date, tags, sources, issues, description)
  have partial indexes (schema m014): the empty rows are read by rowid, the
  others by the index, one part after the other (`list_order.py`); a file
  where most events have the key indexes it in full (`list_layout.py`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from sqlite_utils import Database

from . import list_layout
from .event_keys import id_column, id_matches, id_value, ids_in
from .list_columns import FOLD, LISTS, ListColumn
from .list_dates import YEARS_LISTED, ascii_fold, date_text, dates_shown
from .list_order import ListOrder
from .list_search import SearchPlan, time_limit
from .text_match import pattern_and_plain

__all__ = ["LISTS", "ListColumn", "RecordListing", "record_titles"]


class RecordListing:
    """One kind of record in one order under one filter; read a window at a time.

    A row's key (its sort value and rowid) is opaque to callers: they hand back
    what `key_of` gave them, and nothing is compared in Python.
    """

    def __init__(self, db: Database, kind: str, column: str, descending: bool = False,
                 needle: str = ""):
        self._db = db
        self.table, columns = LISTS[kind]
        self.kind = kind
        chosen = columns[column]
        self._key = chosen.key
        self._descending = descending
        # a partial index's column in a file that has made the index full (list_layout.py)
        full = chosen.index is not None and list_layout.is_full(db, chosen.index)
        self._sort = ListOrder(self._key, chosen.present, descending, full)
        self.needle = needle.strip()
        pattern, plain = pattern_and_plain(self.needle)
        self._params: dict[str, object] = {"pattern": pattern, "plain": plain}
        self._filter = self._filter_sql(columns) if self.needle else "1"
        self._order = self._sort.order
        self._source = f"{self.table} t"
        # a filter walks the sort's index until it has a page of matches: quick when
        # matches are common, but rare ones make it read every row in index order,
        # a random page each (4 s at a million events); then one pass through the
        # table in its own order and a sort of the few matches is several times
        # faster. Which it is shows only by trying: the walk gets a time budget.
        self._walk_budget = _WALK_BUDGET_S if self.needle else None

    def _filter_sql(self, columns: dict[str, ListColumn]) -> str:
        # cheap comparisons of the row's own text first; names of others last
        terms = [FOLD.format(text=c.text) for c in columns.values() if c.text]
        for n, column in enumerate(c for c in columns.values() if c.dates):
            terms += self._dates_match(n, column)
        # names of other records, only those of which some name matches at all
        terms += [c.match for c in columns.values() if c.match and (
            c.probe is None or self._probe(c.probe))]
        return "(" + (" OR ".join(terms) or "0") + ")"

    def _probe(self, sql: str) -> bool:
        """Whether some name matches; True too when finding out takes over
        `_PROBE_S` (the term then stays in: it costs time, not rows)."""
        with time_limit(self._db.conn, _PROBE_S) as out_of_time:
            try:
                return bool(self._run(sql))
            except sqlite3.OperationalError:
                if not out_of_time():
                    raise
                return True

    def _dates_match(self, n: int, column: ListColumn) -> list[str]:
        """A date column found as displayed ("12 Aug 2025", "c. Aug 2025").

        Formatting every row's date in SQL took 2.7 s at a million events; the
        dates a case can hold are few (a year spans 380 forms), so the ones whose
        display contains the needle are worked out here and looked up by value."""
        assert column.dates is not None
        date, approx = column.dates
        # by the sort key, so the column's index (if it has one) answers at once
        # (one aggregate a query: SQLite seeks for a lone min() or max() only)
        low, high = (self._db.conn.execute(
            f"SELECT {which}({column.key}) FROM {self.table} t WHERE {column.key} > ''"
            f"{'' if column.present is None else ' AND ' + column.present}"
        ).fetchone()[0] for which in ("min", "max"))
        if low is None or high is None:
            return []
        first, last = int(low[:4]), int(high[:4])
        if last - first > YEARS_LISTED:
            return [FOLD.format(text=date_text(date, approx))]
        needle = ascii_fold(self.needle)
        found: tuple[list[str], list[str]] = ([], [])
        for iso, shown in dates_shown(first, last):
            if needle in shown:
                found[0].append(iso)
            if needle in "c. " + shown:
                found[1].append(iso)
        terms = []
        for which, isos in enumerate(found):
            if isos:
                self._params[f"dates{n}_{which}"] = json.dumps(isos)
                terms.append(f"({approx} {'<>' if which else '='} 0 AND {date} IN "
                             f"(SELECT value FROM json_each(:dates{n}_{which})))")
        return terms

    def _rows(self, sql: str, **params) -> list[tuple]:
        """Run a query over the listing's rows, walking the index within its budget
        and scanning the table when the budget runs out (see __init__)."""
        budget = self._walk_budget
        if budget is None:
            return self._run(sql.replace("{rows}", self._source), **params)
        with time_limit(self._db.conn, budget) as out_of_time:
            try:
                return self._run(sql.replace("{rows}", self._source), **params)
            except sqlite3.OperationalError:
                if not out_of_time():
                    raise
        self._walk_budget = None
        self._source = f"{self.table} t NOT INDEXED"
        return self._run(sql.replace("{rows}", self._source), **params)

    def _run(self, sql: str, **params) -> list[tuple]:
        return self._db.conn.execute(sql, {**self._params, **params}).fetchall()

    def _ordered(self, what: str, bounds: list[tuple[str, tuple | None, str]],
                 limit: int | None = None) -> list[tuple]:
        """`what` of the rows that pass the filter and stand in each `bounds`
        (relation, key, name: see `ListOrder.bound`), in the list's order, at most
        `limit` of them: each part of the order read in turn (list_order.py)."""
        found: list[tuple] = []
        params = {f"{name}{x}": value for _, key, name in bounds if key is not None
                  for x, value in zip("kr", key, strict=True)}
        for part in self._sort.parts:
            rows = self._sort.where(part, bounds)
            if rows is None or (limit is not None and len(found) >= limit):
                continue
            where = f"{self._filter} AND {rows}"
            tail = "" if limit is None else f" LIMIT {limit - len(found)}"
            found += self._rows(f"SELECT {what} FROM {{rows}} WHERE {where} {part.order}{tail}",
                                **params)
        return found

    def after(self, start: tuple | None, limit: int) -> list[str]:
        """Ids of the `limit` rows after the row keyed `start` (None: the first)."""
        return [r[0] for r in self._ordered("t.id", [("after", start, "")], limit)]

    def through(self, start: tuple | None, last: tuple) -> list[str]:
        """Ids of the rows after the row keyed `start`, up to and with the row `last`."""
        return [r[0] for r in self._ordered("t.id", [("after", start, ""),
                                                     ("upto", last, "l")])]

    def key_of(self, record_id: str) -> tuple | None:
        """The row's key when the record exists and passes the filter; else None."""
        rows = self._run(f"SELECT {self._key}, t.rowid FROM {self.table} t "
                         f"WHERE t.{id_column(self.table)} = :id AND {self._filter}",
                         id=id_value(self.table, record_id))
        return tuple(rows[0]) if rows else None

    def first_page(self, limit: int, budget_s: float) -> tuple[list[str], bool]:
        """Ids of the first `limit` rows, walking the sort's index for at most
        `budget_s` (0: not at all); (the rows found, True) when that was all the
        page, else (the first rows found in time, False): the matches are rare and
        the rest is for `search_apart` (list_search.py), off the GUI thread."""
        if budget_s <= 0:
            return [], False
        ids: list[str] = []
        with time_limit(self._db.conn, budget_s) as out_of_time:
            try:
                for part in self._sort.parts:
                    sql = (f"SELECT t.id FROM {self._source} WHERE {self._filter} AND "
                           f"{part.where} {part.order} LIMIT :limit")
                    for row in self._db.conn.execute(
                            sql, {**self._params, "limit": limit - len(ids)}):
                        ids.append(row[0])
                    if len(ids) >= limit:
                        break
            except sqlite3.OperationalError:
                if not out_of_time():
                    raise
                return ids, False
        return ids, True

    def size_at_most(self) -> int:
        """At most how many records the table holds (one seek: its last rowid)."""
        return self._run(f"SELECT coalesce(max(rowid), 0) FROM {self.table}")[0][0]

    def search_plan(self) -> SearchPlan:
        """The filter and the order, for a search on a connection of its own."""
        return SearchPlan(self.table, self._filter, dict(self._params), self._order)

    def rows_before_among(self, key: tuple, ids: list[str]) -> int:
        """How many of the rows with these ids sort before the row keyed `key`: where a
        row goes among the rows shown when they are every match (a rare one: counting
        the matches before it would read the table)."""
        return self._run(f"SELECT count(*) FROM json_each(:ids) j CROSS JOIN {self.table} t "
                         f"ON {id_matches(self.table, 't.id', 'j.value')} "
                         f"WHERE {self._sort.before()}",
                         ids=json.dumps(ids), k=key[0], r=key[1])[0][0]

    def rows_before(self, key: tuple, at_most: int) -> int:
        """How many rows sort before the row keyed `key` (counting up to `at_most`)."""
        counted = 0
        for part in self._sort.parts:
            where = self._sort.where(part, [("before", key, "")])
            if where is None or counted >= at_most:
                continue
            counted += self._rows(f"SELECT count(*) FROM (SELECT 1 FROM {{rows}} "
                                  f"WHERE {self._filter} AND {where} "
                                  "LIMIT :most)", k=key[0], r=key[1],
                                  most=at_most - counted)[0][0]
        return counted


_WALK_BUDGET_S = 0.1  # time a filtered page may take walking the sort's index
_PROBE_S = 0.01  # time finding whether a name matches at all may take, per column


def record_titles(db: Database, table: str, ids: Sequence[str]) -> dict[str, str]:
    """Titles of the events or proposals with these ids (those that exist)."""
    found: dict[str, str] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        inside, values = ids_in(table, chunk)
        found.update(db.conn.execute(f"SELECT id, title FROM {table} WHERE {inside}",
                                     values).fetchall())
    return found
