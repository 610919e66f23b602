"""The questions analysts ask of a case: as of a date, over time, since when.

Partial dates compare as ISO text, which places a month or a year at the start
of its span: a position dated "2025-08" counts as on or before every day of
August 2025. An "as of" date is taken to the end of its own span, so as of
"2025-08" includes positions dated "2025-08-31". Same-date ties go to the
position recorded last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlite_utils import Database

from ..domain import (
    Assessment,
    ChangeSet,
    Event,
    GridSnapshot,
    PartialDate,
    Position,
    Proposal,
    ordered_issues,
    ordered_parties,
)
from . import records
from .as_of import POSITIONS_READ_LIMIT, AsOfCache, answers
from .as_of_cells import CellOrder, read_cell_order
from .disputes import disputes, may_dispute
from .event_keys import ids_in
from .held_positions import file_state
from .integer_keys import LINK_BY_VIEW
from .record_lists import RecordListing, record_titles
from .text_match import contains

# how the record lists read the records behind the rows they show
_LIST_LOADERS: dict[str, Callable[..., list]] = {
    "event": records.load_events, "proposal": records.load_proposals,
    "position": records.load_positions, "source": records.load_sources,
    "party": records.load_parties}

class CaseQueries:
    """Read-only questions of one open case; `CaseStore` answers them through this.

    Holds the as-of cache, dropped whenever the file may have changed.
    """

    def __init__(self, db: Database):
        self.db = db
        self._cache: AsOfCache | None = None
        # each cell's positions in memory (as_of_cells.py), for the state of the file
        # whose as-of cache key it holds
        self._cells: tuple[tuple[int, int], CellOrder] | None = None

    def forget(self) -> None:
        """Drop what was read so far (the next question reads the file afresh)."""
        self._cache = self._cells = None

    # -- each cell's positions in memory (as_of_cells.py) ---------------------------

    def cell_order_state(self) -> tuple[int, int] | None:
        """The state of the file a `CellOrder` read now would stand for; None when one
        is held for it already."""
        key = self._as_of_cache().key
        return None if self._cells is not None and self._cells[0] == key else key

    def take_cell_order(self, state: tuple[int, int], cells: CellOrder | None) -> bool:
        """Answer as-of questions by `cells`, read (apart) while the file was in `state`
        (`cell_order_state`), unless the file has changed since: whether taken."""
        if cells is None or self._as_of_cache().key != state:
            return False
        self._cells = (state, cells)
        return True

    def read_cell_order(self) -> CellOrder | None:
        """Read every cell's positions on this connection now and answer by them."""
        state = self._as_of_cache().key
        cells = read_cell_order(self.db.conn)
        self.take_cell_order(state, cells)
        return cells

    def positions_as_of(self, as_of: PartialDate) -> dict[tuple[str, str], Position]:
        """Latest position per (party id, issue id) dated on or before `as_of`.

        One covering-index seek per party × issue (index positions_as_of)
        finds the ids, so the cost does not grow with the length of the
        history. Positions already read are reused while the file is
        unchanged, so a dragged as-of cursor only reads the cells that moved;
        after a jump (most cells new) the rows are read in the seeks' statement.
        """
        return self._positions_as_of_each([as_of])[0]

    def _positions_as_of_each(self, dates: list[PartialDate], shown_only: bool = False
                              ) -> list[dict[tuple[str, str], Position]]:
        """`positions_as_of` for several dates, those not answered before in one statement
        (`shown_only`: see `grid_snapshot`)."""
        reuse = self._as_of_cache()
        held = self._cells
        cells = held[1] if held is not None and held[0] == reuse.key else None
        return answers(self.db.conn, reuse, [d.upper_key for d in dates], cells, shown_only)

    def _as_of_cache(self) -> AsOfCache:
        """Positions and as-of answers read so far; dropped whenever the file may have changed.

        The key is this connection's count of changed rows (every write,
        including cascades and rolled-back ones) with SQLite's data_version
        (a commit by any other connection), so a stale position is never
        served.
        """
        key = file_state(self.db.conn)
        held = self._cache
        if held is None or held.key != key or len(held.positions) > POSITIONS_READ_LIMIT:
            held = self._cache = AsOfCache(key)
            if self._cells is not None and self._cells[0] != key:
                self._cells = None  # (16 bytes a position: not kept past its state)
        return held

    def position_history(self, party_id: str, issue_id: str) -> list[Position]:
        """Every position of a party on an issue, newest first."""
        return records.load_positions(self.db, "WHERE t.party_id = ? AND t.issue_id = ?",
                                  [party_id, issue_id], order=records.POSITION_RECENCY)

    def assessments_as_of(self, as_of: PartialDate) -> dict[str, Assessment]:
        """The analyst's latest gap assessment per issue id, dated on or before `as_of`."""
        found = records.load_assessments(
            self.db,
            "WHERE t.id IN (SELECT (SELECT a2.id FROM assessments a2 WHERE "
            "a2.issue_id = i.id AND a2.date <= ? "
            "ORDER BY a2.date DESC, a2.created_at DESC, a2.id DESC LIMIT 1) FROM issues i)",
            [as_of.upper_key],
        )
        return {a.issue_id: a for a in found}

    def events(
        self,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        *,
        party_ids: Iterable[str] = (),
        issue_ids: Iterable[str] = (),
        kinds: Iterable[str] = (),
        tags: Iterable[str] = (),
        text: str = "",
        limit: int | None = None,
    ) -> list[Event]:
        """Events whose span overlaps [start, end], in date order, filtered.

        Each filter narrows the list: an event must involve one of
        `party_ids`, bear on one of `issue_ids`, be of one of `kinds`, carry
        one of `tags`, and contain `text` (in title or description).
        """
        where, params = event_where(start, end, party_ids, issue_ids, kinds, tags, text)
        tail = "ORDER BY t.date, t.created_at, t.id"
        if limit is not None:
            tail += f" LIMIT {int(limit)}"
        return records.load_events(self.db, where, params, tail)

    def count_events(self, start: PartialDate | None = None, end: PartialDate | None = None,
                     **filters) -> int:
        where, params = event_where(
            start, end, filters.get("party_ids", ()), filters.get("issue_ids", ()),
            filters.get("kinds", ()), filters.get("tags", ()), filters.get("text", ""))
        return self.db.execute(f"SELECT count(*) FROM events t {where}", params).fetchone()[0]

    def proposals_between(self, since: PartialDate, until: PartialDate) -> list[Proposal]:
        """Proposals dated after `since` up to and including `until`."""
        return records.load_proposals(self.db, "WHERE t.date > ? AND t.date <= ?",
                                  [since.upper_key, until.upper_key])

    def changes_between(self, since: PartialDate, until: PartialDate) -> ChangeSet:
        """What moved after `since` up to and including `until`.

        Positions: each party × issue whose position as of `until` differs from
        the one as of `since` (before, after). Proposals: those dated in the
        window, and those the changed positions answer. Events: those starting
        in the window.
        """
        before = self.positions_as_of(since)
        after = self.positions_as_of(until)
        party_rank = {p.id: n for n, p in enumerate(ordered_parties(records.load_parties(self.db)))}
        issue_rank = {i.id: n for n, i in enumerate(ordered_issues(records.load_issues(self.db)))}
        changed = [
            (before.get(key), now) for key, now in after.items()
            if before.get(key) is None or before[key].id != now.id
        ]
        changed.sort(key=lambda pair: (issue_rank[pair[1].issue_id],
                                       party_rank[pair[1].party_id]))
        proposals = {p.id: p for p in self.proposals_between(since, until)}
        answered = {now.proposal_id for _, now in changed if now.proposal_id} - set(proposals)
        if answered:
            inside, vals = records.in_clause("t.id", sorted(answered))
            proposals.update(
                (p.id, p) for p in records.load_proposals(self.db, f"WHERE {inside}", vals))
        events = records.load_events(self.db, "WHERE t.date > ? AND t.date <= ?",
                                 [since.upper_key, until.upper_key])
        return ChangeSet(
            since=since, until=until, positions=tuple(changed),
            proposals=tuple(sorted(proposals.values(), key=lambda p: (p.date.iso, p.id))),
            events=tuple(events),
        )

    def grid_snapshot(self, as_of: PartialDate, since: PartialDate | None = None, *,
                      shown_only: bool = False) -> GridSnapshot:
        """Everything the position grid shows as of `as_of`, marked against `since`.

        `shown_only` (the window's grid): on a large case whose cells are held,
        the positions' fields the grid does not show are read only when asked
        for (store/held_positions.py), so a new date reads no position row.
        """
        if since is None:
            current, previous = self._positions_as_of_each([as_of], shown_only)[0], None
        else:
            current, previous = self._positions_as_of_each([as_of, since], shown_only)
        reuse = self._as_of_cache()
        if reuse.parties_and_issues is None:
            reuse.parties_and_issues = (records.load_parties(self.db), records.load_issues(self.db))
        parties, issues = reuse.parties_and_issues
        cited = {s for p in current.values() for s in p.source_ids}
        unread = sorted(cited - reuse.sources.keys())
        if unread:
            inside, vals = records.in_clause("t.id", unread)
            reuse.sources.update(
                (s.id, s) for s in records.load_sources(self.db, f"WHERE {inside}", vals))
        sources = {s: reuse.sources[s] for s in cited if s in reuse.sources}
        if reuse.may_dispute is None:
            reuse.may_dispute = may_dispute(self.db)
        disputed = reuse.disputes.get(as_of.upper_key) if reuse.may_dispute else {}
        if disputed is None:
            disputed = reuse.disputes[as_of.upper_key] = disputes(self.db, current, True)
        return GridSnapshot.build(
            as_of=as_of, since=since, parties=parties, issues=issues,
            current=current, previous=previous,
            assessments=self.assessments_as_of(as_of), sources=sources,
            disputes=disputed,
        )

    def dated_changes(self) -> list[PartialDate]:
        """Every distinct date on which a position or assessment was recorded, in order.

        Lets the user step the as-of date from one change to the next.
        """
        rows = self.db.execute(
            "SELECT date FROM positions UNION SELECT date FROM assessments ORDER BY 1")
        return [PartialDate.parse(r[0]) for r in rows]

    def date_bounds(self) -> tuple[PartialDate, PartialDate] | None:
        """Earliest and latest dates recorded anywhere in the case."""
        row = self.db.execute(
            "SELECT min(d), max(d) FROM ("
            # each a lone min() or max() of an indexed key, so each is one index seek
            # (max(coalesce(end_date, date)) read every event: 0.16 s at a million)
            "SELECT min(date) d FROM events UNION ALL SELECT max(date) FROM events "
            # (events_list_end holds only the events with an end date: schema m014)
            "UNION ALL SELECT max(coalesce(end_date, '')) FROM events WHERE end_date IS NOT NULL "
            "UNION ALL SELECT min(date) FROM positions UNION ALL "
            "SELECT max(date) FROM positions UNION ALL SELECT min(date) FROM proposals "
            "UNION ALL SELECT max(date) FROM proposals)").fetchone()
        if row[0] is None:
            return None
        return PartialDate.parse(row[0]), PartialDate.parse(row[1])

    def tags(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT tag FROM event_tags ORDER BY tag")]

    def kinds(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT kind FROM events ORDER BY kind")]

    def counts(self) -> dict[str, int]:
        """Number of records of each kind, for the status bar."""
        tables = ("parties", "issues", "sources", "events", "proposals", "positions",
                  "assessments")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    # -- the record lists: windows of rows, never every record --------------------

    def record_listing(self, kind: str, column: str, descending: bool = False,
                       needle: str = "") -> RecordListing:
        """Records of `kind` ordered by the list column titled `column`, those whose
        text contains `needle`, to be read a window at a time."""
        return RecordListing(self.db, kind, column, descending, needle)

    def records_with_ids(self, kind: str, ids: list[str]) -> dict[str, object]:
        """The records of `kind` with these ids (those that exist), by id."""
        load = _LIST_LOADERS[kind]
        found: dict[str, object] = {}
        table = "events" if kind == "event" else ""
        for start in range(0, len(ids), 500):
            inside, vals = ids_in(table, ids[start:start + 500], "t.")
            found.update((r.id, r) for r in load(self.db, f"WHERE {inside}", vals))
        return found

    def record_titles(self, table: str, ids: list[str]) -> dict[str, str]:
        """Titles of the events or proposals with these ids (those that exist)."""
        return record_titles(self.db, table, ids)


def event_where(start: PartialDate | None, end: PartialDate | None, party_ids: Iterable[str],
                issue_ids: Iterable[str], kinds: Iterable[str], tags: Iterable[str],
                text: str) -> tuple[str, list[Any]]:
    """The WHERE clause (on events aliased `t`) and parameters of an event filter."""
    clauses: list[str] = []
    params: list = []
    if end is not None:
        clauses.append("t.date <= ?")
        params.append(end.upper_key)
    if start is not None:
        # the event's last date, compared at its own precision with start's first day
        clauses.append("coalesce(t.end_date, t.date) >= "
                       "substr(?, 1, length(coalesce(t.end_date, t.date)))")
        params.append(start.start().isoformat())
    # on the integer link tables (schema m012), by the events' n
    for view, values in (("event_parties", party_ids), ("event_issues", issue_ids),
                         ("event_tags", tags)):
        values = list(values)
        if values:
            link = LINK_BY_VIEW[view]
            if link.other is None:
                inside, vals = records.in_clause(f"l.{link.other_n}", values)
                links = f"{link.table} l"
            else:
                inside, vals = records.in_clause("x.id", values)
                links = f"{link.table} l JOIN {link.other} x ON x.n = l.{link.other_n}"
            clauses.append(f"t.n IN (SELECT l.event_n FROM {links} WHERE {inside})")
            params += vals
    kinds = list(kinds)
    if kinds:
        inside, vals = records.in_clause("t.kind", kinds)
        clauses.append(inside)
        params += vals
    if text.strip():
        title, title_params = contains("t.title", text.strip())
        description, description_params = contains("t.description", text.strip())
        clauses.append(f"({title} OR {description})")
        params += title_params + description_params
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return where, params
