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
import json
from collections.abc import Callable, Iterable, Sequence

from ..domain import CaseData, ImportRecord
from . import records
from .case_store import CaseStore
from .csv_matching import match_again, take_write_lock
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
    # one microsecond apart, in file order: same-date positions from one file
    # resolve to the one written last, as if typed in that order
    step = _dt.timedelta(microseconds=1)
    return [(base + step * n).isoformat(timespec="microseconds") for n in range(count)]


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
    done = total = 0

    def report() -> None:
        if progress is not None and not progress(done, total):
            raise ImportCancelled()

    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    # Inserts keyed by random UUIDs touch pages all over each index; with the
    # default 2 MB page cache SQLite spills to disk mid-transaction and 100,000
    # rows take several times longer. The cache is put back afterwards.
    store.db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        with store._write("import", log.file_name):
            take_write_lock(store)
            if unless_imported:
                earlier = previous_imports(store, log.file_sha256, _content_hash(log))
                if earlier:
                    raise AlreadyImported(earlier[-1])
            data = match_again(store, data)
            batches = _batches(data, log)
            total = sum(len(rows) for _, rows in batches)
            report()
            for sql, rows in batches:
                for start in range(0, len(rows), CHUNK):
                    chunk = rows[start:start + CHUNK]
                    store.db.conn.executemany(sql, chunk)
                    done += len(chunk)
                    report()
            # one revision per record; its values are the record as imported (no copy
            # of them is kept until the record's next revision, which keeps them as
            # "before"): the import stays about as fast as without revisions
            store.log.add_rows((kind, r.id, None, None) for kind, added in (
                ("party", data.parties), ("issue", data.issues), ("source", data.sources),
                ("event", data.events), ("position", data.positions)) for r in added)
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
    return data


def _insert(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def _batches(data: CaseData, log: ImportLogEntry) -> list[tuple[str, list[tuple]]]:
    now = _dt.datetime.now(_dt.UTC)
    party_stamps = _stamps(now, len(data.parties))
    issue_stamps = _stamps(now, len(data.issues))
    source_stamps = _stamps(now, len(data.sources))
    event_stamps = _stamps(now, len(data.events))
    position_stamps = _stamps(now, len(data.positions))
    events, positions = data.events, data.positions
    # positions.source_ids, made once per distinct list (rows share a few sources)
    cited = {ids: records.source_ids_json(ids) for ids in {p.source_ids for p in positions}}
    return [
        (_insert("parties", ("id", "name", "short_name", "role", "colour", "sort_order",
                             "created_at", "updated_at")),
         [(p.id, p.name, p.short_name, p.role.value, p.colour, p.sort_order, s, s)
          for p, s in zip(data.parties, party_stamps)]),
        (_insert("issues", ("id", "name", "description", "pax_code", "sort_order",
                            "created_at", "updated_at")),
         [(i.id, i.name, i.description, i.pax_code, i.sort_order, s, s)
          for i, s in zip(data.issues, issue_stamps)]),
        (_insert("sources", ("id", "title", "outlet", "date", "date_approx", "location",
                             "reliability", "credibility", "notes", "created_at",
                             "updated_at")),
         [(s.id, s.title, s.outlet, s.date.iso if s.date else None,
           int(bool(s.date and s.date.approximate)), s.location, s.reliability,
           s.credibility, s.notes, t, t) for s, t in zip(data.sources, source_stamps)]),
        (_insert("events", ("id", "date", "date_approx", "end_date", "end_approx", "kind",
                            "title", "description", "created_at", "updated_at")),
         [(e.id, e.date.iso, int(e.date.approximate), e.end.iso if e.end else None,
           int(bool(e.end and e.end.approximate)), e.kind, e.title, e.description, t, t)
          for e, t in zip(events, event_stamps)]),
        (_insert("event_parties", ("event_id", "party_id")),
         _links(events, lambda e: e.party_ids)),
        (_insert("event_issues", ("event_id", "issue_id")),
         _links(events, lambda e: e.issue_ids)),
        (_insert("event_tags", ("event_id", "tag")), _links(events, lambda e: e.tags)),
        (_insert("event_sources", ("event_id", "source_id")),
         _links(events, lambda e: e.source_ids)),
        (_insert("positions", ("id", "party_id", "issue_id", "date", "date_approx", "stance",
                               "summary", "detail", "proposal_id", "event_id", "created_at",
                               "updated_at", "source_ids")),
         [(p.id, p.party_id, p.issue_id, p.date.iso, int(p.date.approximate), p.stance.value,
           p.summary, p.detail, p.proposal_id, p.event_id, t, t, cited[p.source_ids])
          for p, t in zip(positions, position_stamps)]),
        (_insert("position_sources", ("position_id", "source_id")),
         _links(positions, lambda p: p.source_ids)),
        (_insert("import_log", ("id", "file_name", "file_sha256", "mapping_json",
                                "imported_at", "row_count", "record_count")),
         [(log.id, log.file_name, log.file_sha256, log.mapping_json,
           log.imported_at or records.now_stamp(), log.row_count, log.record_count)]),
    ]


def _links(rows: Iterable, values: Callable) -> list[tuple[str, str]]:
    return [(r.id, v) for r in rows for v in dict.fromkeys(values(r))]


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

