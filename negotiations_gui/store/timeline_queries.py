"""Bulk reads for the timeline: compact per-lane arrays, and details on demand.

The timeline loads every (filtered) item as a few integers, never as
`Event` objects, so opening a million-event case stays within seconds; titles
and ids are fetched only for the handful of items actually drawn or hovered.
Event records are numbered by their rowid, proposals by minus theirs.
"""

from __future__ import annotations

import sqlite3
from array import array
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from ..domain import EventFilter, PartialDate, ordered_parties, palette
from ..domain.timeline_data import (
    POSITION_BASE,
    ItemType,
    Lane,
    LaneItems,
    TimelineData,
    Track,
    is_position,
)
from .case_store import CaseStore
from .connection import database
from .event_keys import id_column, id_value, ids_in
from .queries import event_where
from .records import in_clause
from .text_match import contains
from .timeline_positions import (
    POSITION_KIND,
    fill_stance_changes,
    position_days,
    position_labels,
    position_number,
)

_GROUPS = {"principal": "Principals", "mediator": "Mediators", "guarantor": "Guarantors",
           "observer": "Observers"}
NO_PARTY = "No party"

# precision of an ISO date text from its length: 4 → year (1), 7 → month (2), 10 → day (3)
_PRECISION = "((length({col}) - 1) / 3)"
_EVENT_CODE = (
    f"(CASE WHEN t.kind = 'agreement' THEN {int(ItemType.AGREEMENT)} "
    f"WHEN t.end_date IS NOT NULL THEN {int(ItemType.PERIOD)} ELSE {int(ItemType.EVENT)} END"
    f" | ({_PRECISION.format(col='t.date')} << 3)"
    f" | ({_PRECISION.format(col='coalesce(t.end_date, t.date)')} << 5))"
)
_PROPOSAL_PRECISION = (f"({_PRECISION.format(col='t.date')} << 3) "
                       f"| ({_PRECISION.format(col='t.date')} << 5)")
# a point sits on one exact day; anything else (a period, a month, a year) is a span
_IS_POINT = "(t.end_date IS NULL AND length(t.date) = 10)"


class _DayCache(dict):
    """ISO date text → its first day's ordinal (`which` 0) or its last day's + 1 (`which` 1).

    Computed once per distinct text: a million events share about a thousand dates.
    """

    def __init__(self, which: int):
        super().__init__()
        self.which = which

    def __missing__(self, text: str) -> int:
        date = PartialDate.parse(text)
        value = date.end().toordinal() + 1 if self.which else date.start().toordinal()
        self[text] = value
        return value


@dataclass(frozen=True)
class RecordLabel:
    """What the timeline shows of one record: in labels, tooltips and the status bar."""

    record: int
    kind: str  # "event" or "proposal"
    id: str
    title: str
    detail: str  # event kind or proposal status
    date: str  # the date as the user entered it, in display form


def load_timeline(store: CaseStore, event_filter: EventFilter | None = None,
                  stances: bool = True) -> TimelineData:
    """Every item the timeline can show under `event_filter`, lane by lane.

    One scan of the events (each joined to its parties) sorted by lane, track
    and date in SQL and handed back as one text column per lane and track:
    splitting those in Python runs at C speed, where a row per item would not.
    """
    event_filter = event_filter or EventFilter()
    parties = ordered_parties(store.parties())
    if event_filter.party_ids:
        parties = [p for p in parties if p.id in event_filter.party_ids]
    data = TimelineData()
    # lanes are keyed by the party's rowid (0 for no party): sorting by a small
    # integer, not a 36-character id, is a good part of the load time at scale
    row_numbers = dict(store.db.execute("SELECT id, rowid FROM parties").fetchall())
    lanes: dict[int, LaneItems] = {}
    for party in parties:
        lanes[row_numbers[party.id]] = LaneItems(
            Lane(party.id, party.label, party.colour, _GROUPS[party.role.value], party.name))
    if not event_filter.party_ids:
        lanes[0] = LaneItems(Lane("", NO_PARTY, palette.NO_PARTY, NO_PARTY,
                                  "Events that involve no party"))
    data.lanes.extend(lanes.values())
    if stances:  # else the caller reads them apart (`read_stance_changes_apart`)
        fill_stance_changes(store, {key: lane for key, lane in lanes.items() if key},
                            event_filter)
    first_days, end_days = _DayCache(0), _DayCache(1)
    for lane_key, point, records, firsts, lasts, codes in _item_rows(store, event_filter):
        if lane_key in lanes:
            track = lanes[lane_key].points if point else lanes[lane_key].spans
            _fill(lanes[lane_key], track, first_days, end_days, records, firsts, lasts, codes)
    return data


def _item_rows(store: CaseStore, event_filter: EventFilter,
               only: tuple[set[int], set[int]] | None = None) -> list[tuple]:
    """(lane, point, records, firsts, lasts, codes) per lane and track, each a text list.

    `only` restricts the read to (event rowids, proposal rowids)."""
    where, params = _event_where(event_filter)
    party_clause, party_values = "", list[str]()
    if event_filter.party_ids:
        inside, party_values = in_clause("pa.id", sorted(event_filter.party_ids))
        party_clause = f" AND {inside}"
        params = [*party_values, *params]
    event_rows = proposal_rows = ""
    if only is not None:  # rowids are integers of ours: written inline, in no danger
        event_rows = f" AND t.rowid IN ({','.join(str(int(r)) for r in only[0])})"
        proposal_rows = f" AND t.rowid IN ({','.join(str(int(r)) for r in only[1])})"
    proposal_where, proposal_params = _proposal_where(event_filter)
    proposals = ""
    if proposal_where is not None:
        proposals = (
            "UNION ALL SELECT coalesce(pa.rowid, 0), length(t.date) = 10, -t.rowid, t.date, "
            f"t.date, (CASE pp.part WHEN 'addressee' THEN {int(ItemType.ADDRESSED)} "
            f"ELSE {int(ItemType.PROPOSED)} END) | {_PROPOSAL_PRECISION} "
            # the integer link tables of schema m012 (integer_keys.py)
            "FROM proposals t NOT INDEXED "
            "LEFT JOIN proposal_party_links pp ON pp.proposal_n = t.n "
            "LEFT JOIN parties pa ON pa.n = pp.party_n "
            f"WHERE 1 {party_clause} {proposal_where}{proposal_rows}")
        params += [*party_values, *proposal_params]
    return store.db.execute(
        "SELECT lane, point, group_concat(record), group_concat(first), "
        "group_concat(last), group_concat(code) FROM ("
        f"  SELECT coalesce(pa.rowid, 0) lane, {_IS_POINT} point, t.rowid record, "
        f"  t.date first, coalesce(t.end_date, t.date) last, {_EVENT_CODE} code "
        # NOT INDEXED: read in table order (the planner took events_by_date and looked
        # up every row from it, 1.7 times the CPU at 1M); rowid lookups (`only`) stay
        "  FROM events t NOT INDEXED LEFT JOIN event_party_links ep ON ep.event_n = t.n "
        "  LEFT JOIN parties pa ON pa.n = ep.party_n "
        f"  WHERE 1 {party_clause} {where}{event_rows} {proposals} "
        "  ORDER BY 1, 2, 4) GROUP BY 1, 2", params).fetchall()


def update_timeline(store: CaseStore, data: TimelineData, event_filter: EventFilter | None,
                    event_ids: set[str], proposal_ids: set[str],
                    known: dict[str, int] | None = None) -> set[int]:
    """Bring `data` up to date after the given records were added, edited or deleted.

    Reads only those records: their old items leave every lane they were in,
    their new items go in at their sorted place. A record still in the store
    kept its rowid (an edit updates the row in place); the rowid of a deleted
    one is no longer in the store: it is taken from `known` (id → record
    number, which this keeps up to date: the selected record, records added
    before), else found as the record drawn whose row is gone (a scan of
    the rowids, some 50 ms at 100k events). Returns the record numbers
    touched, old and new (for the caller's title cache). The lanes must be
    current: a change to the parties needs `load_timeline`.
    """
    event_filter = event_filter or EventFilter()
    known = {} if known is None else known
    # per kind (events, proposals): the rowids of the records still in the store
    current: list[set[int]] = [set(), set()]
    gone_kinds: list[int] = []
    touched: set[int] = set()
    for which, (table, ids) in enumerate((("events", event_ids), ("proposals", proposal_ids))):
        ordered = sorted(ids)
        found: set[tuple[str, int]] = set()
        for start in range(0, len(ordered), 500):
            inside, values = ids_in(table, ordered[start:start + 500])
            found.update(store.db.execute(f"SELECT id, rowid FROM {table} WHERE {inside}",
                                          values).fetchall())
        sign = 1 if which == 0 else -1
        current[which] = {rowid for _, rowid in found}
        known.update((record_id, rowid * sign) for record_id, rowid in found)
        gone = set(ids) - {record_id for record_id, _ in found}
        if any(record_id not in known for record_id in gone):
            gone_kinds.append(which)
        touched |= {known.pop(record_id) for record_id in gone if record_id in known}
    touched |= current[0] | {-r for r in current[1]}
    touched |= _drawn_but_deleted(store, data, gone_kinds)
    for lane in data.lanes:
        for track in lane.tracks:
            track.remove_records(touched)
    if not current[0] and not current[1]:
        return touched
    row_numbers: dict[int, str] = dict(store.db.execute(
        "SELECT rowid, id FROM parties").fetchall())
    row_numbers[0] = ""
    lanes = {lane.lane.key: lane for lane in data.lanes}
    first_days, end_days = _DayCache(0), _DayCache(1)
    for lane_key, point, records, firsts, lasts, codes in _item_rows(
            store, event_filter, (current[0], current[1])):
        party_id = row_numbers.get(lane_key)
        target = lanes.get(party_id) if party_id is not None else None
        if target is None:
            continue
        track = target.points if point else target.spans
        for record, first, last, code in zip(records.split(","), firsts.split(","),
                                             lasts.split(","), codes.split(",")):
            track.insert(first_days[first], end_days[last], int(record), int(code))
            touched.add(int(record))
    return touched


def _drawn_but_deleted(store: CaseStore, data: TimelineData, kinds: list[int]) -> set[int]:
    """Record numbers drawn in `data` whose rows are gone, of these kinds (0: events,
    1: proposals)."""
    if not kinds:
        return set()
    # the sets are built at C speed
    drawn: set[int] = set().union(*(track.record for lane in data.lanes
                                    for track in lane.tracks))
    gone: set[int] = set()
    for which in kinds:
        table, sign = ("events", 1) if which == 0 else ("proposals", -1)
        existing = set(chain.from_iterable(
            store.db.execute(f"SELECT rowid * {sign} FROM {table}")))
        gone |= {r for r in drawn - existing if r * sign > 0 and not is_position(r)}
    return gone


def reload_stance_changes(store: CaseStore, data: TimelineData,
                          event_filter: EventFilter | None = None,
                          rows: list[tuple] | None = None) -> None:
    """Read every party lane's changes of stance again (after positions changed),
    or fill them from `rows` read apart."""
    row_numbers = dict(store.db.execute("SELECT id, rowid FROM parties").fetchall())
    lanes = {row_numbers[lane.lane.key]: lane for lane in data.lanes
             if lane.lane.key in row_numbers}
    fill_stance_changes(store, lanes, event_filter or EventFilter(), rows)


def _fill(lane: LaneItems, track: Track, first_days: _DayCache, end_days: _DayCache, records: str,
          firsts: str, lasts: str, codes: str) -> None:
    track.record.extend(map(int, records.split(",")))
    track.first.extend(map(first_days.__getitem__, firsts.split(",")))
    track.end.extend(map(end_days.__getitem__, lasts.split(",")))
    track.code.extend(map(int, codes.split(",")))
    if any(map(int.__gt__, track.first[:-1], track.first[1:])):
        # group_concat kept the subquery's order in every SQLite we know; if not, sort here
        order = sorted(range(len(track)), key=track.first.__getitem__)
        for name in ("first", "end", "record", "code"):
            column = getattr(track, name)
            setattr(track, name, array(column.typecode, map(column.__getitem__, order)))
    if track is not lane.points:  # a point lasts one day by definition
        track.longest = max(track.longest, *map(int.__sub__, track.end, track.first))


def _event_where(event_filter: EventFilter) -> tuple[str, list]:
    # The store's own filter, so the timeline and the event list agree on what matches.
    query = event_filter.as_query()
    where, params = event_where(None, None, (), query["issue_ids"],
                                query["kinds"], query["tags"], query["text"])
    return (" AND " + where[len("WHERE "):]) if where else "", params


def _proposal_where(event_filter: EventFilter) -> tuple[str | None, list]:
    """Proposals under the filter: None hides them all (a kind or tag filter)."""
    if event_filter.tags or (event_filter.kinds and "proposal" not in event_filter.kinds):
        return None, []
    clauses, params = [], []
    if event_filter.issue_ids:
        inside, values = in_clause("issue_id", sorted(event_filter.issue_ids))
        clauses.append(f"t.id IN (SELECT proposal_id FROM proposal_terms WHERE {inside})")
        params += values
    if event_filter.text.strip():
        title, title_params = contains("t.title", event_filter.text.strip())
        summary, summary_params = contains("t.summary", event_filter.text.strip())
        clauses.append(f"({title} OR {summary})")
        params += title_params + summary_params
    return "".join(" AND " + c for c in clauses), params


def record_labels(store: CaseStore, records: list[int]) -> dict[int, RecordLabel]:
    """Titles and ids of the given records (events positive, proposals negative)."""
    found: dict[int, RecordLabel] = {}
    events = sorted({r for r in records if 0 < r < POSITION_BASE})
    for record, record_id, title, detail, date in position_labels(
            store, [r for r in records if is_position(r)]):
        found[record] = RecordLabel(record, "position", record_id, title, detail, date)
    proposals = sorted({-r for r in records if r < 0})
    for start in range(0, len(events), 500):
        inside, values = in_clause("rowid", events[start:start + 500])
        for row in store.db.execute(
                f"SELECT rowid, id, title, kind, date, date_approx, end_date, end_approx "
                f"FROM events WHERE {inside}", values):
            found[row[0]] = RecordLabel(row[0], "event", row[1], row[2], row[3],
                                        _date_text(row[4], row[5], row[6], row[7]))
    for start in range(0, len(proposals), 500):
        inside, values = in_clause("rowid", proposals[start:start + 500])
        for row in store.db.execute(
                f"SELECT rowid, id, title, status, date, date_approx FROM proposals "
                f"WHERE {inside}", values):
            found[-row[0]] = RecordLabel(-row[0], "proposal", row[1], row[2],
                                         f"proposal, {row[3]}",
                                         _date_text(row[4], row[5], None, 0))
    return found


def _date_text(date: str, approx: int, end: str | None, end_approx: int) -> str:
    text = PartialDate.parse(("~" if approx else "") + date).display
    if end:
        text += " – " + PartialDate.parse(("~" if end_approx else "") + end).display
    return text


def record_number(store: CaseStore, kind: str, record_id: str) -> int | None:
    """The timeline's number for an event, proposal or position id; None if it is not there."""
    if kind == "position":
        return position_number(store, record_id)
    table = {"event": "events", "proposal": "proposals"}.get(kind)
    if table is None:
        return None
    row = store.db.execute(f"SELECT rowid FROM {table} WHERE {id_column(table)} = ?",
                           [id_value(table, record_id)]).fetchone()
    if row is None:
        return None
    return row[0] if kind == "event" else -row[0]


def record_days(store: CaseStore, record: int) -> tuple[int, int] | None:
    """[first day, end day) of a record, for zooming to it."""
    if is_position(record):
        return position_days(store, record)
    if record > 0:
        row = store.db.execute("SELECT date, coalesce(end_date, date) FROM events "
                               "WHERE rowid = ?", [record]).fetchone()
    else:
        row = store.db.execute("SELECT date, date FROM proposals WHERE rowid = ?",
                               [-record]).fetchone()
    if row is None:
        return None
    return _DayCache(0)[row[0]], _DayCache(1)[row[1]]


def filter_choices(store: CaseStore) -> dict[str, list[tuple[str, str]]]:
    """(value, label) choices for each filter: parties, issues, kinds, tags."""
    return {
        "party": [(p.id, p.label) for p in ordered_parties(store.parties())],
        "issue": [(i.id, i.name) for i in store.issues()],
        # "proposal" stands for the proposals themselves, which have no event kind
        "kind": [(k, k) for k in store.kinds() if k not in ("proposal", POSITION_KIND)]
        + [("proposal", "proposal"), (POSITION_KIND, "change of stance")],
        "tag": [(t, t) for t in store.tags()],
    }



# past this many events the timeline's items are read off the GUI thread: at 100k
# the read takes about a second, at a million several (docs/benchmarks.md)
MANY_EVENTS = 20_000


def many_events(store: CaseStore) -> bool:
    """Whether reading the timeline's items is slow enough to do in the background."""
    if store.known_on is not None:  # a past of the case, in memory: only its store reads it
        return False
    row = store.db.execute("SELECT max(rowid) FROM events").fetchone()  # O(1)
    return (row[0] or 0) > MANY_EVENTS


def load_timeline_apart(path: Path, event_filter: EventFilter, stances: bool) -> TimelineData:
    """`load_timeline` on a read-only connection of its own, for a worker thread (the
    case is in WAL mode: the window's connection goes on writing meanwhile)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return load_timeline(CaseStore(database(conn), Path(path), read_only=True),
                             event_filter, stances=stances)
    finally:
        conn.close()
