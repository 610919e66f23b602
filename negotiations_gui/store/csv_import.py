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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from ..domain import CaseData, ImportRecord
from . import list_layout, records
from .bulk_indexes import (
    create_indexes,
    create_triggers,
    drop_indexes,
    drop_triggers,
    tables_to_rebuild,
)
from .case_store import CaseStore
from .csv_matching import match_again, match_named, remapped_rows, take_write_lock
from .errors import CaseFileError
from .import_rows import (
    EVENT_KNOWN_TRIGGERS,
    KEY_TRIGGERS,
    LINK_TABLES,
    NamedRecordGone,
    NamedWriter,
    counts_of,
    insert_sql,
    records_as_rows,
    write_rows,
)
from .import_undo import delete_created

BULK_CACHE_KIB = 192 * 1024


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


@dataclass(frozen=True)
class WrittenImport:
    """What an import streamed from its rows wrote (`insert_rows`): the parties, issues
    and sources it created, how many events and positions, and the change (revision
    log) that holds one revision per record it created, which is how undo finds them."""

    named: CaseData  # parties, issues and sources only
    events: int
    positions: int
    change: int


@contextmanager
def _import_transaction(store: CaseStore, log: ImportLogEntry,
                        unless_imported: bool) -> Iterator[None]:
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    # Inserts touch pages all over each index; with the default 2 MB page cache
    # SQLite spills to disk mid-transaction and 100,000 rows take several times
    # longer. At 1M rows 128 MiB still spilled pages again and again (4.4 GB
    # written to the WAL during the inserts for about 1 GB of rows); 192 MiB
    # wrote 0.85 GB, with 1-3 s less system time. (The sort of CREATE INDEX, which
    # takes as much memory as the cache, is bounded apart: bulk_indexes.py; peak
    # 396 MB at 1M.) The cache is put back afterwards.
    store.db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    # SQLite's foreign-key checks cost a fifth of the insert (a parent lookup per link
    # and per position, a child lookup per event); every key the import writes is
    # its own record's or was looked up under this write lock (import_rows), so
    # they are off for it. (Only outside a transaction does the pragma take effect;
    # inside one, the checks stay, deferred to the commit.)
    checking = store.db.execute("PRAGMA foreign_keys").fetchone()[0]
    store.db.execute("PRAGMA foreign_keys = OFF")
    try:
        with store._write("import", log.file_name):
            take_write_lock(store)
            if unless_imported:
                earlier = previous_imports(store, log.file_sha256, _content_hash(log))
                if earlier:
                    raise AlreadyImported(earlier[-1])
            # an event's links go in before it (import_rows.py): its foreign keys are
            # checked at the commit instead of at each row
            store.db.execute("PRAGMA defer_foreign_keys = ON")
            try:
                yield
            except NamedRecordGone as exc:
                raise CaseFileError(store.path, f"a party, issue or source the file names "
                                    f"({exc.args[0]}) was deleted from the case while the "
                                    "file was being imported; nothing was imported. "
                                    "Import the file again.") from None
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
        store.db.execute(f"PRAGMA foreign_keys = {'ON' if checking else 'OFF'}")


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
    with _import_transaction(store, log, unless_imported):
        data = match_again(store, data)
        _write(store, data, records_as_rows(data), counts_of(data), lambda: log, progress)
    return data


def insert_rows(store: CaseStore, named: CaseData, rows: Iterable, counts: dict[str, int],
                log: ImportLogEntry, progress: Callable[[int, int], bool] | None = None, *,
                unless_imported: bool = False) -> WrittenImport:
    """`insert_import` for records streamed row by row (`RowRecords`, as the rows of a
    file are read again), none of them held: `named` has the parties, issues and
    sources they name that the import creates, `counts` the rows each table gains."""
    with _import_transaction(store, log, unless_imported):
        named, same = match_named(store, named)
        change = _write(store, named, remapped_rows(rows, same) if same else rows, counts,
                        lambda: log, progress)
    return WrittenImport(named, counts.get("events", 0), counts.get("positions", 0), change)


class RowStream(Protocol):
    """An import's rows read and checked as they are written (importing/one_pass.py)."""

    def rows(self, store: CaseStore) -> Iterable:
        """Every row's records (`RowRecords`), read under the write lock from the case
        as it is then; raises to stop the import (rolled back) at a row with a problem."""

    def new_named(self) -> CaseData:
        """The parties, issues and sources the import creates that the rows read so far
        named, and that no earlier call returned (in the order they were met)."""

    def named(self) -> CaseData:
        """Every party, issue and source the import created, once all rows are read."""

    def counts(self) -> dict[str, int]:
        """Table (or link view) -> the rows it gained, once all rows are read."""

    def log(self) -> ImportLogEntry:
        """The entry of the import log, once all rows are read."""


def insert_streamed(store: CaseStore, stream: RowStream, log: ImportLogEntry,
                    estimate: dict[str, int],
                    progress: Callable[[int, int], bool] | None = None, *,
                    unless_imported: bool = False) -> WrittenImport:
    """`insert_rows` for rows that are checked as they are written, each read once.

    `log` names the file (for `unless_imported`); `estimate` the rows each table
    is expected to gain (which indexes to set aside, the progress total). The
    parties, issues and sources the rows name for the first time are written
    as they come, under the write lock, so none can be created twice.
    """
    with _import_transaction(store, log, unless_imported):
        change = _write(store, CaseData(), stream.rows(store), estimate, stream.log, progress,
                        stream.new_named)
    counts = stream.counts()
    return WrittenImport(stream.named(), counts.get("events", 0), counts.get("positions", 0),
                         change)


def _write(store: CaseStore, named: CaseData, rows: Iterable, counts: dict[str, int],
           log: Callable[[], ImportLogEntry], progress: Callable[[int, int], bool] | None,
           more_named: Callable[[], CaseData] | None = None) -> int:
    """Every row, the indexes set aside where that is faster (`bulk_indexes`), then one
    revision per new record; returns the change that holds them. `more_named()`, if
    given, has the parties, issues and sources the rows read since its last call name
    for the first time; `log()` the import's log entry, once the rows are written."""
    db = store.db
    adding = {"parties": len(named.parties), "issues": len(named.issues),
              "sources": len(named.sources),
              **{LINK_TABLES.get(table, table): count for table, count in counts.items()}}
    checking = db.execute("PRAGMA foreign_keys").fetchone()[0]
    rebuilt = drop_indexes(db, tables_to_rebuild(db, adding),
                           keep=_CHILD_LOOKUPS if checking else ())
    # the rows carry their keys (import_rows); positions name events that exist
    triggers = drop_triggers(db, KEY_TRIGGERS + (() if checking else EVENT_KNOWN_TRIGGERS))
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
    now = _dt.datetime.now(_dt.UTC)
    writer = NamedWriter(db, now)
    writer.write(named.parties, named.issues, named.sources)
    report(len(named.parties) + len(named.issues) + len(named.sources))

    def more() -> dict[str, list[tuple[str, int]]]:
        new = more_named() if more_named is not None else CaseData()
        return writer.write(new.parties, new.issues, new.sources)

    write_rows(db, rows, now, report, more if more_named is not None else None)
    more()  # (any the rows named that no record refers to)
    entry = log()
    db.conn.execute(insert_sql("import_log"), (
        entry.id, entry.file_name, entry.file_sha256, entry.mapping_json,
        entry.imported_at or records.now_stamp(), entry.row_count, entry.record_count))
    create_triggers(db, triggers)
    for table, statements in rebuilt.items():
        if table == "events":  # (each list key's index as its rows now call for)
            statements = list_layout.settled_statements(db, statements)
        create_indexes(db, statements)
        if statements:
            report(adding[table])
    # one revision per record; its values are the record as imported (no copy of
    # them is kept until the record's next revision, which keeps them as "before")
    for kind, table in _REVISED:
        store.log.add_created(kind, table, last_rowids[table])
    return store.log.change_number()


# Indexes kept through the insert while SQLite checks foreign keys (the insert
# turns them off, but cannot inside a transaction its caller began). Each batch's
# links go in before its events, so that foreign-key violations are outstanding
# (deferred) when the events go in, and SQLite then looks up every new event's
# children in each table that refers to events: without an index on
# positions.event_id, a scan of every position written so far, per event
# (minutes at 20,000 rows).
_CHILD_LOOKUPS = frozenset({("positions", "event_id")})

# the records an import creates, in the order their revisions are written
_REVISED = (("party", "parties"), ("issue", "issues"), ("source", "sources"),
            ("event", "events"), ("position", "positions"))


def _last_rowid(store: CaseStore, table: str) -> int:
    # new rows get rowids above the largest (no AUTOINCREMENT: max + 1)
    return int(store.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])


def delete_import(store: CaseStore, data: CaseData | WrittenImport, log_id: str) -> None:
    """Remove exactly the records one import added (undo), in one transaction.

    Link rows go with their records (ON DELETE CASCADE). The events and
    positions of a `WrittenImport` are those its change created.
    """
    with store._write("delete"):
        if isinstance(data, WrittenImport):
            created = _created_by(store, data.change)
            named = data.named
        else:
            created = {"event": [e.id for e in data.events],
                       "position": [p.id for p in data.positions]}
            named = data
        created.update({"source": [s.id for s in named.sources],
                        "party": [p.id for p in named.parties],
                        "issue": [i.id for i in named.issues]})
        # logged with their values as they are now (edited since the import, perhaps)
        delete_created(store.db, store.log, created)
        store.db.execute("DELETE FROM import_log WHERE id = ?", [log_id])


def _created_by(store: CaseStore, change: int) -> dict[str, list[str]]:
    """The events and positions whose first revision is `change`'s."""
    return {kind: [row[0] for row in store.db.execute(
        "SELECT record_id FROM revisions WHERE change = ? AND kind = ? AND before IS NULL",
        [change, kind])] for kind in ("event", "position")}
