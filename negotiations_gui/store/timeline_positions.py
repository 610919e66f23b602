"""The timeline's changes of stance: each party's recorded moves, lane by lane.

A position whose stance differs from the one before it (same party, same
issue, in as-of order) is a change of stance, and so is a party's first
position on an issue; a later position that only rewords the same stance is
not. They are read as compact arrays, like events (`timeline_queries`), and
filtered as events are: by party (the lanes), issue, kind ("position"), and
text (the summary); a tag filter hides them, positions have no tags.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain import EventFilter, PartialDate
from ..domain.timeline_data import POSITION_BASE, STANCE_ORDER, LaneItems, stance_of
from .case_store import CaseStore
from .records import in_clause
from .text_match import contains

POSITION_KIND = "position"
_STANCE_CODE = "CASE stance " + " ".join(
    f"WHEN '{value}' THEN {code}" for code, value in enumerate(STANCE_ORDER)) + " END"


def _where(event_filter: EventFilter) -> tuple[str, list, str, list] | None:
    """(inner clause, params, outer clause, params); None when the filter hides positions."""
    if event_filter.tags or (event_filter.kinds and POSITION_KIND not in event_filter.kinds):
        return None
    inner, outer = "", ""
    inner_params: list = []
    outer_params: list = []
    if event_filter.issue_ids:  # an issue is a partition: filtering it first changes nothing
        inside, inner_params = in_clause("p.issue_id", sorted(event_filter.issue_ids))
        inner = " AND " + inside
    if event_filter.party_ids:
        inside, values = in_clause("p.party_id", sorted(event_filter.party_ids))
        inner += " AND " + inside
        inner_params += values
    if event_filter.text.strip():  # the text filter picks among the changes, after they are found
        condition, outer_params = contains("summary", event_filter.text.strip())
        outer = " AND " + condition
    return inner, inner_params, outer, outer_params


# past this many positions the changes of stance are read off the GUI thread: the
# window function over every position takes seconds at a million (docs/benchmarks.md)
MANY_POSITIONS = 20_000


def many_positions(store: CaseStore) -> bool:
    """Whether reading the changes of stance is slow enough to do in the background."""
    if store.known_on is not None:  # a past of the case, in memory: only its store reads it
        return False
    row = store.db.execute("SELECT max(rowid) FROM positions").fetchone()  # O(1)
    return (row[0] or 0) > MANY_POSITIONS


def stance_change_rows(db, event_filter: EventFilter) -> list[tuple]:
    """(party rowid, records, dates, codes) per lane, each a comma-joined text."""
    where = _where(event_filter)
    if where is None:
        return []
    inner, inner_params, outer, outer_params = where
    return db.execute(
        "SELECT lane, group_concat(record), group_concat(date), group_concat(code) FROM ("
        "  SELECT lane, record, date, code FROM ("
        f"    SELECT pa.rowid lane, p.rowid + {POSITION_BASE} record, p.date, p.summary,"
        f"    p.stance, ({_STANCE_CODE}) | (((length(p.date) - 1) / 3) << 3) code,"
        "     lag(p.stance) OVER (PARTITION BY p.party_id, p.issue_id"
        "                         ORDER BY p.date, p.created_at, p.id) previous"
        "    FROM positions p JOIN parties pa ON pa.id = p.party_id"
        f"    WHERE 1 {inner})"
        f"  WHERE (previous IS NULL OR previous != stance) {outer}"
        "  ORDER BY lane, date) GROUP BY lane", [*inner_params, *outer_params]).fetchall()


def read_stance_changes_apart(path: Path, event_filter: EventFilter) -> list[tuple]:
    """`stance_change_rows` on a read-only connection of its own, for a worker thread
    (the case is in WAL mode: the window's connection goes on writing meanwhile)."""
    db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return stance_change_rows(db, event_filter)
    finally:
        db.close()


def fill_stance_changes(store: CaseStore, lanes: dict[int, LaneItems],
                        event_filter: EventFilter, rows: list[tuple] | None = None) -> None:
    """Fill each party lane's `stances` track (lanes keyed by the party's rowid),
    from `rows` read apart, or read now."""
    for items in lanes.values():
        items.stances = type(items.stances)()
    if rows is None:
        rows = stance_change_rows(store.db, event_filter)
    first_days: dict[str, int] = {}
    for lane_key, records, dates, codes in rows:
        lane = lanes.get(lane_key)
        if lane is None:
            continue
        track = lane.stances
        texts = dates.split(",")
        for text in set(texts) - first_days.keys():
            # a change is drawn where the grid first shows it: the first day of its
            # date (the month or year it spans is drawn from the code's precision)
            first_days[text] = PartialDate.parse(text).start().toordinal()
        track.record.extend(map(int, records.split(",")))
        track.first.extend(map(first_days.__getitem__, texts))
        track.end.extend(day + 1 for day in track.first)
        track.code.extend(map(int, codes.split(",")))


def position_labels(store: CaseStore, records: list[int]):
    """(record, id, title, detail, date) of the given position records."""
    rows = sorted(r - POSITION_BASE for r in records)
    for start in range(0, len(rows), 500):
        inside, values = in_clause("p.rowid", rows[start:start + 500])
        yield from (
            (row[0] + POSITION_BASE, row[1],
             f"{row[2]} on {row[3]}: {_stance_label(row[4])}" + (f" — {row[5]}" if row[5] else ""),
             "change of stance", PartialDate.parse(("~" if row[7] else "") + row[6]).display)
            for row in store.db.execute(
                "SELECT p.rowid, p.id, coalesce(nullif(pa.short_name, ''), pa.name), i.name, "
                "p.stance, p.summary, p.date, p.date_approx FROM positions p "
                "JOIN parties pa ON pa.id = p.party_id "
                f"JOIN issues i ON i.id = p.issue_id WHERE {inside}", values))


def _stance_label(value: str) -> str:
    from ..domain import Stance

    stance = Stance(value)
    return f"{stance.symbol} {stance.label}"


def position_number(store: CaseStore, record_id: str) -> int | None:
    row = store.db.execute("SELECT rowid FROM positions WHERE id = ?", [record_id]).fetchone()
    return None if row is None else row[0] + POSITION_BASE


def position_days(store: CaseStore, record: int) -> tuple[int, int] | None:
    row = store.db.execute("SELECT date FROM positions WHERE rowid = ?",
                           [record - POSITION_BASE]).fetchone()
    if row is None:
        return None
    date = PartialDate.parse(row[0])
    return date.start().toordinal(), date.end().toordinal() + 1


__all__ = [
    "POSITION_KIND",
    "fill_stance_changes",
    "position_days",
    "position_labels",
    "position_number",
    "stance_of",
]
