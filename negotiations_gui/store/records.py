"""Rows to records and back: how each domain record is laid out in tables.

Every function here takes an open `Database` and runs inside the caller's
transaction; `CaseStore` decides where transactions begin and end. Link lists
(an event's parties, tags, sources ...) are read back sorted, so a record
reads the same however it was written.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Sequence
from typing import overload

from sqlite_utils import Database

from ..domain import (
    Assessment,
    Event,
    Gap,
    ImportRecord,
    Issue,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
)
from . import stamps
from .event_keys import event_key, id_column, id_value, n_by_id
from .integer_keys import LINK_BY_VIEW, n_of


def now_stamp() -> str:
    """UTC timestamp with microseconds: orders records created the same second."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


# Parsed dates, reused: the same few thousand dates recur across a case, and
# parsing was half the cost of reading a grid on a new date. PartialDate is
# immutable, so sharing is safe; the bound keeps memory flat on huge cases.
_DATES: dict[tuple[str, int | None], PartialDate] = {}
_DATES_LIMIT = 100_000
_STANCES = {s.value: s for s in Stance}
_new_object = object.__new__
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))  # as SQLite's json_group_array


@overload
def _date(text: str, approx: int | None) -> PartialDate: ...
@overload
def _date(text: str | None, approx: int | None) -> PartialDate | None: ...
def _date(text: str | None, approx: int | None) -> PartialDate | None:
    if text is None:
        return None
    key = (text, approx)
    date = _DATES.get(key)
    if date is None:
        if len(_DATES) >= _DATES_LIMIT:
            _DATES.clear()
        date = _DATES[key] = PartialDate.parse(("~" if approx else "") + text)
    return date


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(json.loads(value))) if value and value != "[]" else ()


def _links(view: str, where: str = "") -> str:
    """A correlated subquery gathering one record's links (of the link table whose
    old name, now a view, is `view`) into one JSON array column of UUIDs (JSON, not
    a separator, so any text a user types in a tag survives). Read from the integer
    link table (schema m012) by the record's `n`."""
    link = LINK_BY_VIEW[view]
    if link.other is None:
        return (f"(SELECT json_group_array(l.{link.other_n}) FROM {link.table} l "
                f"WHERE l.{link.owner_n} = t.n{where})")
    return (f"(SELECT json_group_array(x.id) FROM {link.table} l JOIN {link.other} x "
            f"ON x.n = l.{link.other_n} WHERE l.{link.owner_n} = t.n{where})")


def _stamps(record, existing_created: str | None, now: str, keep: bool) -> dict:
    if keep:
        return {"created_at": record.created_at or existing_created or now,
                "updated_at": record.updated_at or now}
    return {"created_at": existing_created or record.created_at or now, "updated_at": now}


def _upsert(db: Database, table: str, row: dict) -> None:
    columns = list(row)
    key = id_column(table)  # `key` of events (event_keys.py)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT({key}) DO UPDATE SET {updates}",
        [row[c] for c in columns],
    )


def _created(db: Database, table: str, record_id: str) -> str | None:
    row = db.execute(f"SELECT created_at FROM {table} WHERE {id_column(table)} = ?",
                     [id_value(table, record_id)]).fetchone()
    return stamps.decode(row[0]) if row else None


def _replace_links(db: Database, view: str, record_id: str, values: Iterable,
                   extra: dict | None = None) -> None:
    """The links of one record (in the link table whose old name is `view`) made
    `values`, written to the integer table (schema m012). A value naming no record
    is refused by the NOT NULL of its key, as its foreign key refused it before."""
    link = LINK_BY_VIEW[view]
    extra = extra or {}
    owner = n_by_id(link.owner)
    record_id = id_value(link.owner, record_id)
    where = " AND ".join([f"{link.owner_n} = {owner}"] + [f"{k} = ?" for k in extra])
    db.execute(f"DELETE FROM {link.table} WHERE {where}", [record_id, *extra.values()])
    other = "?" if link.other is None else n_of(link.other, "?")
    cols = [link.owner_n, link.other_n, *extra]
    marks = ", ".join([owner, other, *("?" for _ in extra)])
    db.conn.executemany(
        f"INSERT INTO {link.table} ({', '.join(cols)}) VALUES ({marks})",
        [(record_id, v, *extra.values()) for v in dict.fromkeys(values)],
    )


# -- parties and issues ---------------------------------------------------------

def put_party(db: Database, p: Party, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "parties", {
        "id": p.id, "name": p.name, "short_name": p.short_name, "role": p.role.value,
        "colour": p.colour, "sort_order": p.sort_order,
        **_stamps(p, _created(db, "parties", p.id), now, keep_stamps),
    })


def load_parties(db: Database, where: str = "", params: Sequence = ()) -> list[Party]:
    rows = db.execute(
        "SELECT id, name, short_name, role, colour, sort_order, created_at, updated_at "
        f"FROM parties t {where} ORDER BY sort_order, name, id", params).fetchall()
    return [Party(name=r[1], short_name=r[2], role=PartyRole(r[3]), colour=r[4],
                  sort_order=r[5], id=r[0], created_at=r[6], updated_at=r[7]) for r in rows]


def put_issue(db: Database, i: Issue, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "issues", {
        "id": i.id, "name": i.name, "description": i.description, "pax_code": i.pax_code,
        "sort_order": i.sort_order,
        **_stamps(i, _created(db, "issues", i.id), now, keep_stamps),
    })


def load_issues(db: Database, where: str = "", params: Sequence = ()) -> list[Issue]:
    rows = db.execute(
        "SELECT id, name, description, pax_code, sort_order, created_at, updated_at "
        f"FROM issues t {where} ORDER BY sort_order, name, id", params).fetchall()
    return [Issue(name=r[1], description=r[2], pax_code=r[3], sort_order=r[4], id=r[0],
                  created_at=r[5], updated_at=r[6]) for r in rows]


# -- sources ---------------------------------------------------------------------

def put_source(db: Database, s: Source, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "sources", {
        "id": s.id, "title": s.title, "outlet": s.outlet,
        "date": s.date.iso if s.date else None,
        "date_approx": int(bool(s.date and s.date.approximate)),
        "location": s.location, "reliability": s.reliability, "credibility": s.credibility,
        "notes": s.notes,
        **_stamps(s, _created(db, "sources", s.id), now, keep_stamps),
    })


def load_sources(db: Database, where: str = "", params: Sequence = ()) -> list[Source]:
    rows = db.execute(
        "SELECT id, title, outlet, date, date_approx, location, reliability, credibility, "
        f"notes, created_at, updated_at FROM sources t {where} "
        "ORDER BY reliability, credibility, title, id", params).fetchall()
    return [Source(title=r[1], outlet=r[2], date=_date(r[3], r[4]), location=r[5],
                   reliability=r[6], credibility=r[7], notes=r[8], id=r[0],
                   created_at=r[9], updated_at=r[10]) for r in rows]


# -- events ----------------------------------------------------------------------

def put_event(db: Database, e: Event, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "events", {
        "key": event_key(e.id), "date": e.date.iso, "date_approx": int(e.date.approximate),
        "end_date": e.end.iso if e.end else None,
        "end_approx": int(bool(e.end and e.end.approximate)),
        "kind": e.kind, "title": e.title, "description": e.description,
        **{column: stamps.encode(stamp) for column, stamp in
           _stamps(e, _created(db, "events", e.id), now, keep_stamps).items()},
    })
    _replace_links(db, "event_parties", e.id, e.party_ids)
    _replace_links(db, "event_issues", e.id, e.issue_ids)
    _replace_links(db, "event_tags", e.id, e.tags)
    _replace_links(db, "event_sources", e.id, e.source_ids)


EVENT_SELECT = (
    "SELECT t.id, t.date, t.date_approx, t.end_date, t.end_approx, t.kind, t.title, "
    "t.description, t.created_at, t.updated_at, "
    f"{_links('event_parties')}, {_links('event_issues')}, "
    f"{_links('event_tags')}, {_links('event_sources')} "
    "FROM events t"
)


def event_from_row(r: Sequence) -> Event:
    return Event(date=_date(r[1], r[2]), end=_date(r[3], r[4]), kind=r[5], title=r[6],
                 description=r[7], party_ids=_split(r[10]), issue_ids=_split(r[11]),
                 tags=_split(r[12]), source_ids=_split(r[13]), id=r[0],
                 created_at=stamps.decode(r[8]), updated_at=stamps.decode(r[9]))


def load_events(db: Database, where: str = "", params: Sequence = (),
                tail: str = "ORDER BY t.date, t.created_at, t.id") -> list[Event]:
    return [event_from_row(r) for r in db.execute(f"{EVENT_SELECT} {where} {tail}", params)]


# -- proposals -------------------------------------------------------------------

def put_proposal(db: Database, p: Proposal, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "proposals", {
        "id": p.id, "date": p.date.iso, "date_approx": int(p.date.approximate),
        "title": p.title, "status": p.status.value, "summary": p.summary,
        **_stamps(p, _created(db, "proposals", p.id), now, keep_stamps),
    })
    _replace_links(db, "proposal_parties", p.id, p.proposer_ids, {"part": "proposer"})
    _replace_links(db, "proposal_parties", p.id, p.addressee_ids, {"part": "addressee"})
    _replace_links(db, "proposal_sources", p.id, p.source_ids)
    db.execute("DELETE FROM proposal_term_links WHERE proposal_n = "
               f"{n_of('proposals', '?')}", [p.id])
    db.conn.executemany(
        "INSERT INTO proposal_term_links (proposal_n, issue_n, text) VALUES "
        f"({n_of('proposals', '?')}, {n_of('issues', '?')}, ?)",
        [(p.id, issue_id, text) for issue_id, text in p.terms.items() if text.strip()],
    )


_PART_IS = " AND part = '{}'"


def load_proposals(db: Database, where: str = "", params: Sequence = ()) -> list[Proposal]:
    rows = db.execute(
        "SELECT t.id, t.date, t.date_approx, t.title, t.status, t.summary, t.created_at, "
        "t.updated_at, "
        f"{_links('proposal_parties', _PART_IS.format('proposer'))}, "
        f"{_links('proposal_parties', _PART_IS.format('addressee'))}, "
        f"{_links('proposal_sources')} "
        f"FROM proposals t {where} ORDER BY t.date, t.created_at, t.id", params).fetchall()
    terms: dict[str, dict[str, str]] = {}
    if rows:
        ids = [r[0] for r in rows]
        for chunk in _chunks(ids):
            for pid, issue_id, text in db.execute(
                "SELECT proposal_id, issue_id, text FROM proposal_terms WHERE proposal_id IN "
                f"({', '.join('?' for _ in chunk)}) ORDER BY issue_id", chunk):
                terms.setdefault(pid, {})[issue_id] = text
    return [Proposal(date=_date(r[1], r[2]), title=r[3], status=ProposalStatus(r[4]),
                     summary=r[5], proposer_ids=_split(r[8]), addressee_ids=_split(r[9]),
                     source_ids=_split(r[10]), terms=terms.get(r[0], {}), id=r[0],
                     created_at=r[6], updated_at=r[7]) for r in rows]


# -- positions -------------------------------------------------------------------

def put_position(db: Database, p: Position, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "positions", {
        "id": p.id, "party_id": p.party_id, "issue_id": p.issue_id, "date": p.date.iso,
        "date_approx": int(p.date.approximate), "stance": p.stance.value,
        "summary": p.summary, "detail": p.detail, "proposal_id": p.proposal_id,
        "event_id": p.event_id,
        **_stamps(p, _created(db, "positions", p.id), now, keep_stamps),
    })
    _replace_links(db, "position_sources", p.id, p.source_ids)
    # after the links: removing the old ones rewrote the copy (trigger, schema m004)
    db.execute("UPDATE positions SET source_ids = ? WHERE id = ?",
               [source_ids_json(p.source_ids), p.id])


def source_ids_json(source_ids: Iterable[str]) -> str:
    """`positions.source_ids`: the position's source ids as a sorted JSON array."""
    ids = sorted(set(source_ids))
    return _COMPACT_JSON.encode(ids) if ids else "[]"


POSITION_COLUMNS = (
    "t.id, t.party_id, t.issue_id, t.date, t.date_approx, t.stance, t.summary, t.detail, "
    # source_ids: the copy of the position's links kept in the row (schema m004)
    "t.proposal_id, t.event_id, t.created_at, t.updated_at, t.source_ids"
)
# newest first; same-date ties go to the position recorded last
POSITION_RECENCY = "t.date DESC, t.created_at DESC, t.id DESC"


def position_from_row(r: Sequence) -> Position:
    """The position in a row of POSITION_COLUMNS.

    Built as pickle restores a frozen dataclass: every field set at once in
    the instance's dict instead of one `object.__setattr__` per field, a
    third of the cost (a new as-of date reads 400 of these). Every field is
    set; tests/store/test_position_rows.py fails if Position gains a field or
    a __post_init__ this would skip.
    """
    position = _new_object(Position)
    position.__dict__.update(
        party_id=r[1], issue_id=r[2], date=_date(r[3], r[4]), stance=_STANCES[r[5]],
        summary=r[6], detail=r[7], source_ids=_split(r[12]), proposal_id=r[8],
        event_id=r[9], id=r[0], created_at=r[10], updated_at=r[11])
    return position


def load_positions(db: Database, where: str = "", params: Sequence = (),
                   order: str = "t.date, t.created_at, t.id") -> list[Position]:
    return [position_from_row(r) for r in db.execute(
        f"SELECT {POSITION_COLUMNS} FROM positions t {where} ORDER BY {order}", params)]


# -- assessments -----------------------------------------------------------------

def put_assessment(db: Database, a: Assessment, now: str, keep_stamps: bool = False) -> None:
    _upsert(db, "assessments", {
        "id": a.id, "issue_id": a.issue_id, "date": a.date.iso,
        "date_approx": int(a.date.approximate), "gap": a.gap.value, "note": a.note,
        **_stamps(a, _created(db, "assessments", a.id), now, keep_stamps),
    })


def load_assessments(db: Database, where: str = "", params: Sequence = (),
                     order: str = "t.date, t.created_at, t.id") -> list[Assessment]:
    rows = db.execute(
        "SELECT t.id, t.issue_id, t.date, t.date_approx, t.gap, t.note, t.created_at, "
        f"t.updated_at FROM assessments t {where} ORDER BY {order}", params).fetchall()
    return [Assessment(issue_id=r[1], date=_date(r[2], r[3]), gap=Gap(r[4]), note=r[5],
                       id=r[0], created_at=r[6], updated_at=r[7]) for r in rows]


# -- the log of imported files -----------------------------------------------------

_IMPORT_COLUMNS = ("id", "file_name", "file_sha256", "mapping_json", "imported_at",
                   "row_count", "record_count")


def put_import_record(db: Database, r: ImportRecord, now: str,
                      keep_stamps: bool = False) -> None:
    _upsert(db, "import_log", {c: getattr(r, c) for c in _IMPORT_COLUMNS}
            | {"imported_at": r.imported_at or now})


def load_import_records(db: Database) -> list[ImportRecord]:
    rows = db.execute(f"SELECT {', '.join(_IMPORT_COLUMNS)} FROM import_log "
                      "ORDER BY imported_at, id").fetchall()
    return [ImportRecord(*row) for row in rows]


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def in_clause(column: str, values: Sequence) -> tuple[str, list]:
    """`column IN (?, ?, …)` and its parameters."""
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)
