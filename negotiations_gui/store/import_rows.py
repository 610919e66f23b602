"""The rows a CSV import writes, table by table: every INSERT of the import in one place.

The import streams its records here row by row (tuples, see
`importing/row_records.py`); they are laid out as `records.py` lays records
out and written with `executemany` a few thousand at a time, so memory stays
flat however many rows the file has. Each event is written once, with its list
sort keys computed here (`EventLinks`); the m010 triggers that would recompute
them per link row are set aside for the insert (`KEY_TRIGGERS`, csv_import.py).
Within each batch an event's links go in before the event (should the triggers
be there after all, they find no event to rewrite), positions after their events.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator
from itertools import count, repeat

from sqlite_utils import Database

from ..domain import CaseData, Event, Issue, PartialDate, Party, Source, Stance
from . import list_keys, records
from . import stamps as event_stamps
from .bulk_writer import BulkWriter
from .event_keys import event_key
from .integer_keys import LINK_BY_VIEW

CHUNK = 5000  # events (or positions) per batch

# table -> its columns, as the import fills them
COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": ("n", "id", "name", "short_name", "role", "colour", "sort_order", "created_at",
                "updated_at"),
    "issues": ("n", "id", "name", "description", "pax_code", "sort_order", "created_at",
               "updated_at"),
    "sources": ("n", "id", "title", "outlet", "date", "date_approx", "location", "reliability",
                "credibility", "notes", "created_at", "updated_at"),
    "event_party_links": ("event_n", "party_n"),
    "event_issue_links": ("event_n", "issue_n"),
    "event_tag_links": ("event_n", "tag"),
    "event_source_links": ("event_n", "source_n"),
    "events": ("n", "key", "date", "date_approx", "end_date", "end_approx", "kind", "title",
               "description", "created_at", "updated_at", *list_keys.KEYED),
    "positions": ("n", "id", "party_id", "issue_id", "date", "date_approx", "stance",
                  "summary", "detail", "proposal_id", "event_id", "created_at", "updated_at",
                  "source_ids"),
    "position_source_links": ("position_n", "source_n"),
    "import_log": ("id", "file_name", "file_sha256", "mapping_json", "imported_at",
                   "row_count", "record_count"),
}
# the order each batch is written in (see the module docstring)
_BATCH_ORDER = ("event_party_links", "event_issue_links", "event_tag_links",
                "event_source_links", "events", "positions", "position_source_links")
# the m010 triggers that recompute an event's list keys when a link is added: the
# import writes the keys itself (EventLinks), so it drops them for its transaction
KEY_TRIGGERS = tuple(f"{links}_{column}_insert"
                     for column, (links, *_) in list_keys.KEYED_N.items())
# the trigger that stands for positions.event_id's foreign key (m017): with foreign keys
# off it checks nothing, but still asks `pragma_foreign_keys` for every position (a third
# of the positions' insert), so the import sets it aside while they are off
EVENT_KNOWN_TRIGGERS = ("positions_event_known_insert",)
# the link tables by the names of the views that show them with UUIDs (and the
# names the check counts links under, importing/row_records.py)
LINK_TABLES = {view: LINK_BY_VIEW[view].table for view in (
    "event_parties", "event_issues", "event_tags", "event_sources", "position_sources")}


def insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def stamps(base: _dt.datetime) -> Iterator[str]:
    """Stamps one microsecond apart from `base`, in file order, without end.

    Same-date positions from one file then resolve to the one written last, as
    if typed in that order. Formatted per second of them, not per stamp (a
    datetime and an isoformat call each cost more than the row's insert).
    """
    start, micro, second = base.replace(microsecond=0), base.microsecond, 0
    while True:
        text = (start + _dt.timedelta(seconds=second)).isoformat(timespec="microseconds")
        head, tail = text[:-len("000000+00:00")], text[-len("+00:00"):]
        for n in range(micro, 1_000_000):
            yield f"{head}{n:06d}{tail}"
        micro, second = 0, second + 1


class NamedWriter:
    """Writes an import's new parties, issues and sources (before the rows that name
    them), in one go or in several as the rows name them (importing/one_pass.py),
    stamped one microsecond apart per kind in the order they come. Each gets the
    next integer key (`n`) of its table, given here so that nothing is read back."""

    def __init__(self, db: Database, now: _dt.datetime):
        self._db = db
        self._party_t, self._issue_t, self._source_t = stamps(now), stamps(now), stamps(now)
        self._last = {table: _last_n(db, table) for table in ("parties", "issues", "sources")}

    def write(self, parties: Iterable[Party], issues: Iterable[Issue],
              sources: Iterable[Source]) -> dict[str, list[tuple[str, int]]]:
        """Write them; returns table -> (UUID, n) of each record written."""
        written: dict[str, list[tuple[str, int]]] = {}
        for table, rows in (
                ("parties", [(p.id, p.name, p.short_name, p.role.value, p.colour, p.sort_order,
                              t, t) for p, t in zip(parties, self._party_t)]),
                ("issues", [(i.id, i.name, i.description, i.pax_code, i.sort_order, t, t)
                            for i, t in zip(issues, self._issue_t)]),
                ("sources", [(s.id, s.title, s.outlet, s.date.iso if s.date else None,
                              int(bool(s.date and s.date.approximate)), s.location,
                              s.reliability, s.credibility, s.notes, t, t)
                             for s, t in zip(sources, self._source_t)])):
            last = self._last[table]
            written[table] = [(str(row[0]), n) for n, row in enumerate(rows, last + 1)]
            if rows:  # (called at each row that names a new one: nothing to prepare)
                self._db.conn.executemany(insert_sql(table), [
                    (n, *row) for n, row in enumerate(rows, last + 1)])
                self._last[table] = last + len(rows)
        return written


_ANY_DATE = PartialDate(2000)


class EventLinks:
    """What an event's links write, each part (its parties, issues, tags, sources) kept
    by the ids it is made of: the integer keys of the records linked (`KeyError` for
    one not in the case) and that part's list sort key (`list_keys.EventKeys`, names
    as stored now). Rows repeat the same cells, so a million events make a few
    thousand of these, not four million."""

    _LIMIT = 100_000  # distinct parts kept per kind (a file of unique tags stays flat)
    _FIELDS = ("party_ids", "issue_ids", "tags", "source_ids")

    def __init__(self, db: Database, numbers: tuple[dict[str, int] | None, ...]):
        self._keys = list_keys.EventKeys(db)
        self._numbers = numbers  # per part: UUID -> n (None: tags, kept as text)
        self._parts: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})

    def part(self, n: int, ids: tuple[str, ...]) -> tuple[tuple, str]:
        """(what the link table holds for each id, the list key) of part `n`."""
        known = self._parts[n].get(ids)
        if known is None:
            if len(self._parts[n]) >= self._LIMIT:
                self._parts[n].clear()
            numbers = self._numbers[n]
            event = Event(_ANY_DATE, "", **{self._FIELDS[n]: ids})  # type: ignore[arg-type]
            known = self._parts[n][ids] = (
                ids if numbers is None else tuple(numbers[i] for i in ids),
                self._keys(event)[n])
        return known

    def names_added(self, db: Database, written: dict[str, list[tuple[str, int]]]) -> None:
        """Take in the parties, issues and sources written since (`NamedWriter.write`):
        their integer keys, and their names for the list keys of parts made from now."""
        for table, numbers in zip(("parties", "issues", None, "sources"), self._numbers):
            if table is not None and written.get(table) and numbers is not None:
                numbers.update(written[table])
                self._keys.add(db, table, (record_id for record_id, _ in written[table]))


class NamedRecordGone(LookupError):
    """A party, issue or source the rows name is not in the case (deleted meanwhile)."""


def write_rows(db: Database, rows: Iterable, now: _dt.datetime,
               report: Callable[[int], None],
               more_named: Callable[[], dict[str, list[tuple[str, int]]]] | None = None
               ) -> None:
    """Every row's event and positions (`RowRecords`), in batches of `CHUNK`;
    `report(n)` after each batch, with the number of rows it wrote.

    The parties, issues and sources the rows name must be in the case already
    (`NamedWriter`), or be written by `more_named()` (returning what it wrote, as
    `NamedWriter.write` does) when a row names one not yet written; each is
    looked up here, so that one deleted since the check raises `NamedRecordGone`
    whether or not SQLite checks foreign keys (csv_import.py turns them off for
    the insert).

    The tables' CHECK constraints are not evaluated for these rows: every value
    they check is written from a domain type that cannot hold another (a date's
    `iso`, a `Stance`'s value), and the stance check (`IN` a list) built a table
    of its seven words again for every position, a third of the positions'
    insert. (`PRAGMA integrity_check` still checks them, and the tests run it.)
    """
    ignoring = db.execute("PRAGMA ignore_check_constraints").fetchone()[0]
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        _write_rows(db, rows, now, report, more_named)
    except KeyError as exc:
        raise NamedRecordGone(exc.args[0]) from None
    finally:
        db.execute(f"PRAGMA ignore_check_constraints = {'ON' if ignoring else 'OFF'}")


def _write_rows(db: Database, rows: Iterable, now: _dt.datetime,
                report: Callable[[int], None],
                more_named: Callable[[], dict[str, list[tuple[str, int]]]] | None) -> None:
    writer = BulkWriter(db.conn, {table: COLUMNS[table] for table in _BATCH_ORDER})
    try:
        _write_batches(db, writer, {table: [] for table in _BATCH_ORDER}, rows, now, report,
                       more_named)
        writer.finish()
    finally:
        writer.close()


def _write_batches(db: Database, writer: BulkWriter, batch: dict[str, list[tuple]],
                   rows: Iterable, now: _dt.datetime, report: Callable[[int], None],
                   more_named: Callable[[], dict[str, list[tuple[str, int]]]] | None) -> None:
    def more() -> None:
        if more_named is not None:
            writer.wait()  # (the connection is this thread's again until the next batch)
            links.names_added(db, more_named())

    party_n, issue_n, source_n = (_Numbers(db, t, more if more_named else None)
                                  for t in ("parties", "issues", "sources"))
    links = EventLinks(db, (party_n, issue_n, None, source_n))
    part = links.part
    event_n, position_n = (_last_n(db, "events"), _last_n(db, "positions"))
    # events keep their stamps as microseconds (schema m014, `stamps`): the same
    # instants as the positions' texts, one microsecond apart in file order
    event_t, position_t = count(event_stamps.micros(now)), stamps(now)
    # per distinct list of sources cited: (positions.source_ids, the sources' keys)
    cited: dict[tuple[str, ...], tuple[str, tuple[int, ...]]] = {}
    stance_text = {stance: stance.value for stance in Stance}  # (`.value`: a property call)
    events, positions = batch["events"], batch["positions"]
    party_links, issue_links, tag_links, source_links = (batch[t] for t in _BATCH_ORDER[:4])
    position_sources = batch["position_source_links"]
    iso = ""
    for event, made in rows:
        if event is not None:
            date = event[1]
            iso, end = date.iso, event[2]
            event_n += 1
            parties, party_key = part(0, event[6])
            issues, issue_key = part(1, event[7])
            tags, tag_key = part(2, event[8])
            sources, source_key = part(3, event[9])
            party_links.extend(zip(repeat(event_n), parties))
            issue_links.extend(zip(repeat(event_n), issues))
            tag_links.extend(zip(repeat(event_n), tags))
            source_links.extend(zip(repeat(event_n), sources))
            at = next(event_t)
            events.append((event_n, event_key(event[0]), iso, int(date.approximate),
                           end.iso if end else None, int(bool(end and end.approximate)),
                           *event[3:6], at, at, party_key, issue_key, tag_key, source_key))
        for position_id, party, issue, day, stance, summary, detail, cites, of in made:
            position_n += 1
            if party not in party_n or issue not in issue_n:
                _look_up(party_n, party)  # (a record new to the import, or one gone)
                _look_up(issue_n, issue)
            t = next(position_t)
            known = cited.get(cites)
            if known is None:
                known = cited[cites] = (records.source_ids_json(cites),
                                        tuple(source_n[s] for s in cites))
            # an event's positions share its date (the same object): spelled once
            positions.append((position_n, position_id, party, issue,
                              iso if event is not None and day is event[1] else day.iso,
                              int(day.approximate), stance_text[stance], summary, detail, None,
                              of, t, t, known[0]))
            if known[1]:
                position_sources.extend(zip(repeat(position_n), known[1]))
        if len(events) >= CHUNK or len(positions) >= CHUNK:
            report(_hand_over(writer, batch))
    report(_hand_over(writer, batch))


class _Numbers(dict):
    """UUID -> integer key of every record of `table` (parties, issues, sources: few).
    A UUID not there may be a record the rows name for the first time: `more()`
    writes those (and adds their keys here), and it is looked up once more
    (`KeyError` if it is still not there)."""

    def __init__(self, db: Database, table: str, more: Callable[[], None] | None):
        super().__init__(db.execute(f"SELECT id, n FROM {table}").fetchall())
        self._more = more

    def __missing__(self, key: str) -> int:
        if self._more is not None:
            self._more()
            if key in self:
                return self[key]
        raise KeyError(key)


def _look_up(numbers: dict[str, int], key: str) -> int:
    return numbers[key]


def _last_n(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(n), 0) FROM {table}").fetchone()[0])


def _hand_over(writer: BulkWriter, batch: dict[str, list[tuple]]) -> int:
    """Give the writer the batch's rows (it writes them while the next batch is made)."""
    handed = 0
    for table in _BATCH_ORDER:
        rows = batch[table]
        if rows:
            writer.put(table, rows)
            handed += len(rows)
            rows.clear()
    return handed


def records_as_rows(data: CaseData) -> Iterator[tuple]:
    """The events and positions of `data` as the rows `write_rows` takes (`RowRecords`)."""
    for e in data.events:
        yield (e.id, e.date, e.end, e.kind, e.title, e.description,
               tuple(dict.fromkeys(e.party_ids)), tuple(dict.fromkeys(e.issue_ids)),
               tuple(dict.fromkeys(e.tags)), tuple(dict.fromkeys(e.source_ids))), ()
    for p in data.positions:
        yield None, ((p.id, p.party_id, p.issue_id, p.date, p.stance, p.summary, p.detail,
                      tuple(dict.fromkeys(p.source_ids)), p.event_id),)


def counts_of(data: CaseData) -> dict[str, int]:
    """Table (or the view of a link table) -> the rows the events and positions of
    `data` add to it."""
    return {"events": len(data.events),
            "event_parties": sum(len(set(e.party_ids)) for e in data.events),
            "event_issues": sum(len(set(e.issue_ids)) for e in data.events),
            "event_tags": sum(len(set(e.tags)) for e in data.events),
            "event_sources": sum(len(set(e.source_ids)) for e in data.events),
            "positions": len(data.positions),
            "position_sources": sum(len(set(p.source_ids)) for p in data.positions)}
