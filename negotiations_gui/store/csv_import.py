"""Bulk insert of an imported CSV file, and its undo, each in one transaction.

An import of 100,000 rows must take seconds, so records go in with
`executemany` per table rather than one upsert per record; the rows are laid
out exactly as `records.py` lays them out. `insert_import` reports progress
between chunks and stops when told to: the transaction is then rolled back
and the case is left as it was. `delete_import` removes exactly the records
an import added (undo). Each imported file is logged with its SHA-256
(table import_log) so importing the same file again can be noticed.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from ..domain import CaseData, Event, ImportRecord
from . import list_keys, records
from .bulk_indexes import create_indexes, drop_indexes, tables_to_rebuild
from .case_store import CaseStore
from .csv_matching import match_again, take_write_lock
from .integer_keys import LINK_BY_VIEW
from .revision_values import records_of
from .revisions import current_values, log_differences

CHUNK = 5000
BULK_CACHE_KIB = 256 * 1024


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


class AlreadyImported(Exception):
    """Another import of the same file (or rows) committed first; nothing was written."""

    def __init__(self, entry: ImportRecord):
        when = entry.imported_at[:16].replace("T", " ")
        super().__init__(f"this file (or the same rows) was imported into the case on {when} "
                         f"UTC ({entry.record_count:,} records) while this import was being "
                         "prepared; nothing was imported")
        self.entry = entry


# the record kept of each imported file (exported with the case, see json_io)
ImportLogEntry = ImportRecord


def previous_imports(store: CaseStore, sha256: str,
                     content_sha256: str = "") -> list[ImportLogEntry]:
    """Earlier imports of the file with this SHA-256, or of the same rows, oldest first.

    The rows' hash is kept in the log's mapping JSON (`content_sha256`), so a
    copy of a file with other line endings or encoding is noticed too.
    """
    rows = store.db.execute(
        "SELECT id, file_name, file_sha256, mapping_json, imported_at, row_count, record_count "
        "FROM import_log WHERE file_sha256 = ? OR (? != '' AND json_valid(mapping_json) "
        "AND json_extract(mapping_json, '$.content_sha256') = ?) ORDER BY imported_at",
        [sha256, content_sha256, content_sha256]).fetchall()
    return [ImportLogEntry(*row) for row in rows]


def _content_hash(log: ImportLogEntry) -> str:
    try:
        recorded = json.loads(log.mapping_json)
    except ValueError:
        return ""
    value = recorded.get("content_sha256", "") if isinstance(recorded, dict) else ""
    return value if isinstance(value, str) else ""


def _stamps(base: _dt.datetime, count: int) -> list[str]:
    """`count` stamps one microsecond apart from `base`, in file order.

    Same-date positions from one file then resolve to the one written last, as
    if typed in that order. Formatted per second of them, not per stamp (a
    datetime and an isoformat call each cost more than the row's insert).
    """
    start = base.replace(microsecond=0)
    first = base.microsecond
    stamps: list[str] = []
    for second in range((first + count) // 1_000_000 + 1):
        text = (start + _dt.timedelta(seconds=second)).isoformat(timespec="microseconds")
        head, tail = text[:-len("000000+00:00")], text[-len("+00:00"):]
        low = first if second == 0 else 0
        high = min(1_000_000, first + count - second * 1_000_000)
        stamps += [f"{head}{micro:06d}{tail}" for micro in range(low, high)]
    return stamps


def insert_import(store: CaseStore, data: CaseData, log: ImportLogEntry,
                  progress: Callable[[int, int], bool] | None = None, *,
                  unless_imported: bool = False) -> CaseData:
    """Insert the parties, sources, events and positions of one import, all or nothing.

    Returns what was inserted: under the write lock, parties and sources that
    another writer created since the plan was made are used, not created
    again (`csv_matching`). `progress(done, total)` is called between chunks
    of rows; when it returns False the transaction is rolled back and
    `ImportCancelled` raised. With `unless_imported`, an import of the same
    file or rows committed by another writer since it was checked raises
    `AlreadyImported` (checked under the lock, so two runs cannot both pass).
    """
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    # Inserts touch pages all over each index; with the default 2 MB page cache
    # SQLite spills to disk mid-transaction and 100,000 rows take several times
    # longer. The cache is put back afterwards.
    store.db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        with store._write("import", log.file_name):
            take_write_lock(store)
            if unless_imported:
                earlier = previous_imports(store, log.file_sha256, _content_hash(log))
                if earlier:
                    raise AlreadyImported(earlier[-1])
            data = match_again(store, data)
            # an event's links go in before it (see _batches): its foreign keys are
            # checked at the commit instead of at each row
            store.db.execute("PRAGMA defer_foreign_keys = ON")
            _write_rows(store, _batches(data, log, store.db), progress)
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
    return data


def _write_rows(store: CaseStore, batches: list[_Batch],
                progress: Callable[[int, int], bool] | None) -> None:
    """Every batch's rows in chunks, the indexes set aside where that is faster
    (`bulk_indexes`), then one revision per new record."""
    db = store.db
    adding: dict[str, int] = {}
    for batch in batches:
        adding[batch.table] = adding.get(batch.table, 0) + batch.count
    rebuilt = drop_indexes(db, tables_to_rebuild(db, adding))
    # building a table's indexes again costs about as much as inserting its rows
    total = sum(adding.values()) + sum(adding[t] for t, sql in rebuilt.items() if sql)
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None and not progress(done, total):
            raise ImportCancelled()

    report(0)
    last_rowids = {table: _last_rowid(store, table) for _, table in _REVISED}
    for batch in batches:
        rows = iter(batch.rows)
        while chunk := list(itertools.islice(rows, CHUNK)):
            db.conn.executemany(batch.sql, chunk)
            report(len(chunk))
    for table, statements in rebuilt.items():
        create_indexes(db, statements)
        if statements:
            report(adding[table])
    # one revision per record; its values are the record as imported (no copy of
    # them is kept until the record's next revision, which keeps them as "before")
    for kind, table in _REVISED:
        store.log.add_created(kind, table, last_rowids[table])


# the records an import creates, in the order their revisions are written
_REVISED = (("party", "parties"), ("issue", "issues"), ("source", "sources"),
            ("event", "events"), ("position", "positions"))


def _last_rowid(store: CaseStore, table: str) -> int:
    # new rows get rowids above the largest (no AUTOINCREMENT: max + 1)
    return int(store.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])


@dataclass(frozen=True)
class _Batch:
    """One INSERT and its rows (made as they are written, not all at once)."""

    table: str
    columns: tuple[str, ...]
    count: int
    rows: Iterable[tuple]

    @property
    def sql(self) -> str:
        return (f"INSERT INTO {self.table} ({', '.join(self.columns)}) "
                f"VALUES ({', '.join('?' for _ in self.columns)})")


def _batches(data: CaseData, log: ImportLogEntry, db: Database) -> list[_Batch]:
    now = _dt.datetime.now(_dt.UTC)
    party_stamps = _stamps(now, len(data.parties))
    issue_stamps = _stamps(now, len(data.issues))
    source_stamps = _stamps(now, len(data.sources))
    event_stamps = _stamps(now, len(data.events))
    position_stamps = _stamps(now, len(data.positions))
    events, positions = data.events, data.positions
    # each new event and position gets its integer key here (schema m012), so its
    # links, written before it, can name it
    first_event, first_position = (1 + int(db.execute(
        f"SELECT coalesce(max(n), 0) FROM {table}").fetchone()[0])
        for table in ("events", "positions"))
    # positions.source_ids, made once per distinct list (rows share a few sources)
    cited = {ids: records.source_ids_json(ids) for ids in {p.source_ids for p in positions}}
    return [
        _Batch("parties", ("id", "name", "short_name", "role", "colour", "sort_order",
                           "created_at", "updated_at"), len(data.parties),
               ((p.id, p.name, p.short_name, p.role.value, p.colour, p.sort_order, s, s)
                for p, s in zip(data.parties, party_stamps))),
        _Batch("issues", ("id", "name", "description", "pax_code", "sort_order",
                          "created_at", "updated_at"), len(data.issues),
               ((i.id, i.name, i.description, i.pax_code, i.sort_order, s, s)
                for i, s in zip(data.issues, issue_stamps))),
        _Batch("sources", ("id", "title", "outlet", "date", "date_approx", "location",
                           "reliability", "credibility", "notes", "created_at", "updated_at"),
               len(data.sources),
               ((s.id, s.title, s.outlet, s.date.iso if s.date else None,
                 int(bool(s.date and s.date.approximate)), s.location, s.reliability,
                 s.credibility, s.notes, t, t) for s, t in zip(data.sources, source_stamps))),
        _links(db, "event_parties", events, first_event, lambda e: e.party_ids),
        _links(db, "event_issues", events, first_event, lambda e: e.issue_ids),
        _links(db, "event_tags", events, first_event, lambda e: e.tags),
        _links(db, "event_sources", events, first_event, lambda e: e.source_ids),
        # after their links, each with its list sort keys (schema m010, list_keys.py):
        # the triggers that keep the keys then find no event to rewrite, and each
        # event is written once
        _Batch("events", ("n", "id", "date", "date_approx", "end_date", "end_approx", "kind",
                          "title", "description", "created_at", "updated_at",
                          *list_keys.KEYED), len(events),
               _event_rows(events, event_stamps, db, first_event)),
        _Batch("positions", ("n", "id", "party_id", "issue_id", "date", "date_approx", "stance",
                             "summary", "detail", "proposal_id", "event_id", "created_at",
                             "updated_at", "source_ids"), len(positions),
               ((first_position + k, p.id, p.party_id, p.issue_id, p.date.iso,
                 int(p.date.approximate), p.stance.value, p.summary, p.detail, p.proposal_id,
                 p.event_id, t, t, cited[p.source_ids])
                for k, (p, t) in enumerate(zip(positions, position_stamps)))),
        _links(db, "position_sources", positions, first_position, lambda p: p.source_ids),
        _Batch("import_log", ("id", "file_name", "file_sha256", "mapping_json", "imported_at",
                              "row_count", "record_count"), 1,
               [(log.id, log.file_name, log.file_sha256, log.mapping_json,
                 log.imported_at or records.now_stamp(), log.row_count, log.record_count)]),
    ]


def _event_rows(events: Sequence[Event], stamps: Sequence[str],
                db: Database, first_n: int) -> Iterator[tuple]:
    # (a generator: the names the keys show are read when the events are written,
    # after the parties, issues and sources of this import are in)
    keys = list_keys.EventKeys(db)
    for n, (e, t) in enumerate(zip(events, stamps), first_n):
        yield (n, e.id, e.date.iso, int(e.date.approximate), e.end.iso if e.end else None,
               int(bool(e.end and e.end.approximate)), e.kind, e.title, e.description, t, t,
               *keys(e))


def _links(db: Database, view: str, rows: Sequence, first_n: int,
           values: Callable) -> _Batch:
    """The links of `rows` (whose integer keys start at `first_n`) into the integer
    link table whose old name is `view` (schema m012, integer_keys.py)."""
    link = LINK_BY_VIEW[view]
    count = sum(len(set(values(r))) for r in rows)

    def pairs() -> Iterator[tuple]:
        # read when the batch is written, after this import's parties, issues, sources
        other = None if link.other is None else dict(
            db.execute(f"SELECT id, n FROM {link.other}").fetchall())
        for n, r in enumerate(rows, first_n):
            for v in dict.fromkeys(values(r)):
                # a value naming no record: NULL, refused by the key's NOT NULL
                yield (n, v if other is None else other.get(v))

    return _Batch(link.table, (link.owner_n, link.other_n), count, pairs())


def delete_import(store: CaseStore, data: CaseData, log_id: str) -> None:
    """Remove exactly the records one import added (undo), in one transaction.

    Link rows go with their records (ON DELETE CASCADE).
    """
    with store._write("delete"):
        # the records as they are now (edited since the import, perhaps), for the log
        keys = [(kind, r.id) for kind, r in records_of(data)]
        before = current_values(store.db, keys)
        for table, added in (("positions", data.positions), ("events", data.events),
                             ("sources", data.sources), ("parties", data.parties),
                             ("issues", data.issues)):
            store.db.conn.executemany(f"DELETE FROM {table} WHERE id = ?",
                                      [(r.id,) for r in added])
        store.db.execute("DELETE FROM import_log WHERE id = ?", [log_id])
        log_differences(store.log, before, current_values(store.db, keys))

