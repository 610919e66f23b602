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
  order they were entered.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from ..domain import PartyRole, ProposalStatus, Stance
from .list_dates import YEARS_LISTED, ascii_fold, date_text, dates_shown
from .list_keys import DESCRIPTION_KEY_CHARS, ISSUE_LABEL, PARTY_LABEL, SOURCE_LABEL
from .list_search import SearchPlan, time_limit
from .text_match import contains_sql, pattern_and_plain

# contains the needle, ignoring the case of ASCII letters (LIKE's rule; it is
# several times faster than instr(lower(...)) over a million rows)
_FOLD = contains_sql("{text}")  # LIKE, or instr for a needle LIKE cannot take (text_match.py)


def _labels(column: str, values: dict[str, str]) -> str:
    cases = " ".join(f"WHEN '{value}' THEN '{label}'" for value, label in values.items())
    return f"(CASE {column} {cases} ELSE {column} END)"


_PARTY_LABEL = PARTY_LABEL.format(p="p")
_NAMES = {  # how a record is named in another's cell: (table, SQL name)
    "parties": ("parties", _PARTY_LABEL),
    "issues": ("issues", ISSUE_LABEL.format(p="p")),
    "sources": ("sources", SOURCE_LABEL.format(p="p")),
}


def _joined_names(links: str, key: str, value: str, names: str, where: str = "") -> str:
    """One record's linked names joined by ', ' in id order, as the cell shows them."""
    table, name = _NAMES[names]
    return (f"coalesce((SELECT group_concat(name, ', ') FROM (SELECT {name} AS name "
            f"FROM {links} l JOIN {table} p ON p.id = l.{value} "
            f"WHERE l.{key} = t.id{where} ORDER BY l.{value})), '')")


def _names_match(links: str, key: str, value: str, names: str, where: str = "") -> str:
    """True when one of the record's linked names contains the needle: the row's
    links looked up by its id (`t.id IN (every link of a matching name)` built
    that set again for each query: 270,000 events of a party at 1M, 0.3 s a page)."""
    table, name = _NAMES[names]
    return (f"EXISTS (SELECT 1 FROM {links} l WHERE l.{key} = t.id AND l.{value} IN "
            f"(SELECT p.id FROM {table} p WHERE {_FOLD.format(text=name)}){where})")


@dataclass(frozen=True)
class ListColumn:
    """How one list column sorts and is searched: `key` is a NOT NULL SQL value
    that orders as the cell reads; `text` the cell's text for the filter, or
    `match` a condition on the row (names of other records, found by name), or
    `dates` (date column, approximate column) for a date found as displayed."""

    key: str
    text: str | None = None
    match: str | None = None
    dates: tuple[str, str] | None = None
    probe: str | None = None  # finds a row when `match` can match anything at all


def _text(column: str) -> ListColumn:
    return ListColumn(f"({column} COLLATE NOCASE)", column)


def _date(column: str, approx: str, nullable: bool = False) -> ListColumn:
    # a NOT NULL date sorts by the column itself, so that its index serves the order
    return ListColumn(f"coalesce({column}, '')" if nullable else column,
                      dates=(column, approx))


def _probe(names: str) -> str:
    table, name = _NAMES[names]
    return f"SELECT 1 FROM {table} p WHERE {_FOLD.format(text=name)} LIMIT 1"


def _named(links: str, key: str, value: str, names: str, where: str = "") -> ListColumn:
    joined = _joined_names(links, key, value, names, where)
    return ListColumn(f"({joined} COLLATE NOCASE)",
                      match=_names_match(links, key, value, names, where), probe=_probe(names))


def _keyed(column: str, match: str, probe: str) -> ListColumn:
    return ListColumn(f"(t.{column} COLLATE NOCASE)", match=match, probe=probe)


def _one_name(column: str, table: str, name: str) -> ListColumn:
    named = f"coalesce((SELECT {name} FROM {table} p WHERE p.id = {column}), '?')"
    return ListColumn(f"({named} COLLATE NOCASE)",
                      match=f"{column} IN (SELECT p.id FROM {table} p WHERE "
                            f"{_FOLD.format(text=name)})",
                      probe=f"SELECT 1 FROM {table} p WHERE {_FOLD.format(text=name)} LIMIT 1")


# the tags that contain the needle, found among the distinct tags by one seek each
# in the by-tag index: scanning 2M tag rows took 0.18 s at 1M events (two tags each)
_TAGS_MATCHING = (
    "WITH RECURSIVE d(tag) AS (SELECT min(tag) FROM event_tags UNION ALL SELECT "
    "(SELECT min(tag) FROM event_tags WHERE tag > d.tag) FROM d WHERE d.tag IS NOT NULL) "
    f"SELECT tag FROM d WHERE tag IS NOT NULL AND {_FOLD.format(text='tag')}")
_STANCE_LABELS = {s.value: s.label for s in Stance}
_STANCE_TEXT = {s.value: f"{s.symbol} {s.label}" for s in Stance}
_ANSWERS = ("coalesce(nullif((SELECT title FROM proposals WHERE id = t.proposal_id), ''), "
            "(SELECT title FROM events WHERE id = t.event_id), '')")
_PROPOSER, _ADDRESSEE = " AND l.part = 'proposer'", " AND l.part = 'addressee'"

# per kind: the table, then each column by the title the list shows
LISTS: dict[str, tuple[str, dict[str, ListColumn]]] = {
    "event": ("events", {
        "Date": _date("t.date", "t.date_approx"),
        "End": _date("t.end_date", "t.end_approx", nullable=True),
        "Kind": _text("t.kind"),
        "Title": _text("t.title"),
        # the names columns and the description sort by keys kept in the row (m010)
        "Parties": _keyed("list_parties", _names_match(
            "event_parties", "event_id", "party_id", "parties"), _probe("parties")),
        "Issues": _keyed("list_issues", _names_match(
            "event_issues", "event_id", "issue_id", "issues"), _probe("issues")),
        "Tags": _keyed(
            "list_tags",
            "EXISTS (SELECT 1 FROM event_tags g WHERE g.event_id = t.id AND g.tag IN "
            f"({_TAGS_MATCHING}))",
            f"{_TAGS_MATCHING} LIMIT 1"),
        "Sources": _keyed("list_sources", _names_match(
            "event_sources", "event_id", "source_id", "sources"), _probe("sources")),
        "Description": ListColumn(
            f"(substr(t.description, 1, {DESCRIPTION_KEY_CHARS}) COLLATE NOCASE)",
            "t.description"),
    }),
    "proposal": ("proposals", {
        "Date": _date("t.date", "t.date_approx"),
        "Title": _text("t.title"),
        "Status": ListColumn("t.status", _labels("t.status", {
            s.value: s.label for s in ProposalStatus})),
        "Proposed by": _named("proposal_parties", "proposal_id", "party_id", "parties",
                              _PROPOSER),
        "Addressed to": _named("proposal_parties", "proposal_id", "party_id", "parties",
                               _ADDRESSEE),
        "Terms": _named("proposal_terms", "proposal_id", "issue_id", "issues"),
        "Summary": _text("t.summary"),
    }),
    "position": ("positions", {
        "Date": _date("t.date", "t.date_approx"),
        "Party": _one_name("t.party_id", "parties", _PARTY_LABEL),
        "Issue": _one_name("t.issue_id", "issues", "p.name"),
        "Stance": ListColumn(_labels("t.stance", _STANCE_LABELS),
                             _labels("t.stance", _STANCE_TEXT)),
        "Summary": _text("t.summary"),
        "Answers": ListColumn(f"({_ANSWERS} COLLATE NOCASE)", _ANSWERS),
        "Sources": ListColumn(
            f"({_joined_names('position_sources', 'position_id', 'source_id', 'sources')}"
            " COLLATE NOCASE)",
            match=_names_match("position_sources", "position_id", "source_id", "sources"),
            probe=_probe("sources")),
    }),
    "source": ("sources", {
        "Title": _text("t.title"),
        "Outlet": _text("t.outlet"),
        "Date": _date("t.date", "t.date_approx", nullable=True),
        "Grade": ListColumn("(t.reliability || t.credibility)",
                            "(t.reliability || t.credibility)"),
        "Location": _text("t.location"),
        "Notes": _text("t.notes"),
    }),
    "party": ("parties", {
        "Name": _text("t.name"),
        "Short name": _text("t.short_name"),
        "Role": ListColumn("t.role", _labels("t.role", {r.value: r.label for r in PartyRole})),
        "Colour": _text("t.colour"),
        "Order": ListColumn("t.sort_order", "(t.sort_order + 1)"),
    }),
}


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
        self._key = columns[column].key
        self._descending = descending
        self.needle = needle.strip()
        pattern, plain = pattern_and_plain(self.needle)
        self._params: dict[str, object] = {"pattern": pattern, "plain": plain}
        self._filter = self._filter_sql(columns) if self.needle else "1"
        direction = "DESC" if descending else "ASC"
        self._order = f"ORDER BY {self._key} {direction}, t.rowid {direction}"
        self._source = f"{self.table} t"
        # a filter walks the sort's index until it has a page of matches: quick when
        # matches are common, but rare ones make it read every row in index order,
        # a random page each (4 s at a million events); then one pass through the
        # table in its own order and a sort of the few matches is several times
        # faster. Which it is shows only by trying: the walk gets a time budget.
        self._walk_budget = _WALK_BUDGET_S if self.needle else None

    def _filter_sql(self, columns: dict[str, ListColumn]) -> str:
        # cheap comparisons of the row's own text first; names of others last
        terms = [_FOLD.format(text=c.text) for c in columns.values() if c.text]
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
        ).fetchone()[0] for which in ("min", "max"))
        if low is None or high is None:
            return []
        first, last = int(low[:4]), int(high[:4])
        if last - first > YEARS_LISTED:
            return [_FOLD.format(text=date_text(date, approx))]
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

    def _after(self) -> str:
        """Rows after the one keyed :k, :id in this order (written so that an index
        on the sort key finds the first of them by one seek)."""
        more, same = (("<", "<=") if self._descending else (">", ">="))
        return f"{self._key} {same} :k AND ({self._key} {more} :k OR t.rowid {more} :r)"

    def _before(self) -> str:
        less, same = ((">", ">=") if self._descending else ("<", "<="))
        return f"{self._key} {same} :k AND ({self._key} {less} :k OR t.rowid {less} :r)"

    def after(self, start: tuple | None, limit: int) -> list[str]:
        """Ids of the `limit` rows after the row keyed `start` (None: the first)."""
        where, params = self._from(start)
        return [r[0] for r in self._rows(f"SELECT t.id FROM {{rows}} WHERE {where} "
                                        f"{self._order} LIMIT :limit", limit=limit, **params)]

    def through(self, start: tuple | None, last: tuple) -> list[str]:
        """Ids of the rows after the row keyed `start`, up to and with the row `last`."""
        where, params = self._from(start)
        less_eq, less = (">=", ">") if self._descending else ("<=", "<")
        within = (f"{self._key} {less_eq} :lk AND "
                  f"({self._key} {less} :lk OR t.rowid {less_eq} :lr)")
        return [r[0] for r in self._rows(
            f"SELECT t.id FROM {{rows}} WHERE {where} AND {within} {self._order}",
            lk=last[0], lr=last[1], **params)]

    def _from(self, start: tuple | None) -> tuple[str, dict]:
        if start is None:
            return self._filter, {}
        return f"{self._filter} AND {self._after()}", {"k": start[0], "r": start[1]}

    def key_of(self, record_id: str) -> tuple | None:
        """The row's key when the record exists and passes the filter; else None."""
        rows = self._run(f"SELECT {self._key}, t.rowid FROM {self.table} t "
                         f"WHERE t.id = :id AND {self._filter}", id=record_id)
        return tuple(rows[0]) if rows else None

    def first_page(self, limit: int, budget_s: float) -> tuple[list[str], bool]:
        """Ids of the first `limit` rows, walking the sort's index for at most
        `budget_s` (0: not at all); (the rows found, True) when that was all the
        page, else (the first rows found in time, False): the matches are rare and
        the rest is for `search_apart` (list_search.py), off the GUI thread."""
        if budget_s <= 0:
            return [], False
        ids: list[str] = []
        sql = f"SELECT t.id FROM {self._source} WHERE {self._filter} {self._order} LIMIT :limit"
        with time_limit(self._db.conn, budget_s) as out_of_time:
            try:
                for row in self._db.conn.execute(sql, {**self._params, "limit": limit}):
                    ids.append(row[0])
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
                         f"ON t.id = j.value WHERE {self._before()}",
                         ids=json.dumps(ids), k=key[0], r=key[1])[0][0]

    def rows_before(self, key: tuple, at_most: int) -> int:
        """How many rows sort before the row keyed `key` (counting up to `at_most`)."""
        return self._rows(f"SELECT count(*) FROM (SELECT 1 FROM {{rows}} "
                         f"WHERE {self._filter} AND {self._before()} LIMIT :most)",
                         k=key[0], r=key[1], most=at_most)[0][0]


_WALK_BUDGET_S = 0.1  # time a filtered page may take walking the sort's index
_PROBE_S = 0.01  # time finding whether a name matches at all may take, per column


def record_titles(db: Database, table: str, ids: Sequence[str]) -> dict[str, str]:
    """Titles of the events or proposals with these ids (those that exist)."""
    found: dict[str, str] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(db.conn.execute(
            f"SELECT id, title FROM {table} WHERE id IN ({', '.join('?' for _ in chunk)})",
            chunk).fetchall())
    return found
