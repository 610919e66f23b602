"""Every write of a record, and the revisions it logs (for `CaseStore`).

Creating, reading, updating, deleting and reordering run through one generic
implementation over the `RecordKind`s of kinds.py; restoring puts records
back as given. Each write is one `CaseStore._write` transaction, and each
logs the records' values before and after it in the revision log
(revisions.py), so the history of a record says who changed what, when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from sqlite_utils import Database

from ..domain import CaseData, CaseInfo, Event
from . import records
from .bulk_indexes import create_indexes, drop_indexes, tables_to_rebuild
from .errors import CaseFileError
from .event_keys import id_column, id_value
from .kinds import (
    ASSESSMENTS,
    EVENTS,
    ISSUES,
    PARTIES,
    POSITIONS,
    PROPOSALS,
    SOURCES,
    R,
    RecordKind,
)
from .links import without_missing_links
from .revision_values import CASE_KIND, KIND_TYPES, kind_of, records_of, to_values
from .revisions import current_values, log_differences

if TYPE_CHECKING:
    from .case_store import CaseStore

T = TypeVar("T")


_KIND_OF_TABLE: dict[str, RecordKind] = {
    k.table: k for k in (PARTIES, ISSUES, SOURCES, EVENTS, PROPOSALS, POSITIONS, ASSESSMENTS)}


class RecordNotFound(KeyError):
    """No record with that id (it was deleted meanwhile)."""


# The public operations on one kind of record, made from its RecordKind (see
# the table in CaseStore): each is the generic implementation with the kind
# bound, typed for that kind's records.

def reading(kind: RecordKind[R]) -> Callable[[CaseStore, str], R]:
    def read(store: CaseStore, record_id: str) -> R:
        return get(store.db, kind, record_id)
    read.__doc__ = f"The record of {kind.table} with that id; raises `RecordNotFound`."
    return read


def adding(kind: RecordKind[R]) -> Callable[[CaseStore, R], R]:
    def add_one(store: CaseStore, record: R) -> R:
        return add(store, kind, record)
    add_one.__doc__ = f"Insert a new record into {kind.table} and return it as stored."
    return add_one


def updating(kind: RecordKind[R]) -> Callable[[CaseStore, R], R]:
    def update_one(store: CaseStore, record: R) -> R:
        return update(store, kind, record)
    update_one.__doc__ = f"Rewrite a record of {kind.table}; raises `RecordNotFound`."
    return update_one


def deleting(kind: RecordKind[R]) -> Callable[[CaseStore, str], CaseData]:
    def delete_one(store: CaseStore, record_id: str) -> CaseData:
        return delete(store, kind, record_id)
    delete_one.__doc__ = (f"Delete a record of {kind.table}; returns it and every record the "
                          "deletion removed or changed, for undo.")
    return delete_one


# -- every kind of record, one implementation (the kinds are in kinds.py) ----------

def get(db: Database, kind: RecordKind[R], record_id: str) -> R:
    """The record of `kind` with that id; raises `RecordNotFound`."""
    found = kind.load(db, f"WHERE t.{id_column(kind.table)} = ?",
                      [id_value(kind.table, record_id)])
    if not found:
        raise RecordNotFound(record_id)
    return found[0]


def add(store: CaseStore, kind: RecordKind[R], record: R) -> R:
    """Insert a new record (refusing an id in use) and log it as created."""
    with store._write("create") as now:
        if _exists(store.db, kind, record.id):
            raise CaseFileError(store.path, f"a record with id {record.id} already exists.")
        kind.put(store.db, record, now)
        added = get(store.db, kind, record.id)
        store.log.add(kind_of(added), added.id, None, to_values(added))
    return added


def update(store: CaseStore, kind: RecordKind[R], record: R) -> R:
    """Rewrite a record and log what changed; raises `RecordNotFound`."""
    with store._write("edit") as now:
        old = get(store.db, kind, record.id)
        kind.put(store.db, record, now)
        new = get(store.db, kind, record.id)
        log_differences(store.log, {(kind_of(old), old.id): to_values(old)},
                        {(kind_of(new), new.id): to_values(new)})
    return new


def delete(store: CaseStore, kind: RecordKind[R], record_id: str) -> CaseData:
    """Delete a record; returns it and every record the deletion removed or changed."""
    removed = kind.removal(store.db, get(store.db, kind, record_id))
    with store._write("delete"):
        _require(store.db, kind, record_id)
        store.db.execute(f"DELETE FROM {kind.table} WHERE {id_column(kind.table)} = ?",
                         [id_value(kind.table, record_id)])
        # the record, and what the deletion took along or unlinked
        before = {(k, r.id): to_values(r) for k, r in records_of(removed)}
        log_differences(store.log, before, current_values(store.db, before))
    return removed


def _exists(db: Database, kind: RecordKind[R], record_id: str) -> bool:
    return db.execute(f"SELECT 1 FROM {kind.table} WHERE {id_column(kind.table)} = ?",
                      [id_value(kind.table, record_id)]).fetchone() is not None


def _require(db: Database, kind: RecordKind[R], record_id: str) -> None:
    if not _exists(db, kind, record_id):
        raise RecordNotFound(record_id)


def reorder(store: CaseStore, kind: RecordKind[R], ids: Sequence[str]) -> None:
    """Give the records of `kind` the order of `ids` (their sort_order)."""
    name = next(k for k, (_, _, table) in KIND_TYPES.items() if table == kind.table)
    with store._write("edit") as now:
        before = current_values(store.db, [(name, i) for i in ids])
        for n, record_id in enumerate(ids):
            store.db.execute(
                f"UPDATE {kind.table} SET sort_order = ?, updated_at = ? WHERE id = ?",
                [n, now, record_id])
        log_differences(store.log, before, current_values(store.db, before))


# -- the case's own properties -------------------------------------------------------

def read_info(db: Database) -> CaseInfo:
    """The case's title, description, marking and creation stamp."""
    row = db.execute(
        "SELECT title, description, marking, created_at FROM case_info WHERE id = 1"
    ).fetchone()
    if row is None:
        return CaseInfo()
    return CaseInfo(row[0], row[1], row[2], row[3])


def _info_values(db: Database) -> dict | None:
    row = db.execute("SELECT 1 FROM case_info WHERE id = 1").fetchone()
    return to_values(read_info(db)) if row else None


def put_info(store: CaseStore, info: CaseInfo, now: str, created: str | None = None) -> None:
    """Write the case's properties (inside a write) and log what changed."""
    before = _info_values(store.db)
    _write_info(store.db, info, now, created)
    key = (CASE_KIND, store.case_id)
    log_differences(store.log, {key: before} if before else {},
                    {key: _info_values(store.db) or {}})


def _write_info(db: Database, info: CaseInfo, now: str, created: str | None) -> None:
    row = db.execute("SELECT created_at FROM case_info WHERE id = 1").fetchone()
    created = created or (row[0] if row else None) or now
    db.execute(
        "INSERT INTO case_info (id, title, description, marking, created_at, updated_at) "
        "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
        "description = excluded.description, marking = excluded.marking, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at",
        [info.title, info.description, info.marking, created, now])


# -- putting records back ---------------------------------------------------------

def _put_all(db: Database, now: str, put: Callable[[Database, T, str, bool], None],
             given: Sequence[T]) -> None:
    for record in given:
        put(db, record, now, True)  # keep_stamps: ids and timestamps as given


# a restore of this many events or more, into a table holding no more than it adds,
# builds the events' indexes after the rows (`_indexed_after`)
BULK_EVENTS = 10_000
_EVENT_LINKS = ["event_party_links", "event_issue_links", "event_tag_links",
                "event_source_links"]


@contextmanager
def _indexed_after(db: Database, events: Sequence[Event]) -> Iterator[None]:
    """Events written in bulk (a JSON import, a big undo) get their tables' indexes built
    after them, as the CSV import does (bulk_indexes.py), UNIQUE ones included (REINDEX):
    kept row by row, the indexes of a million restored events end 26 MiB larger than
    built afresh. Inside the caller's transaction: a rollback brings them back as they were."""
    if len(events) < BULK_EVENTS:
        yield
        return
    # their links' tables go with them (the links' reverse indexes)
    tables = tables_to_rebuild(db, {"events": len(events)})
    tables += _EVENT_LINKS if tables else []
    dropped = drop_indexes(db, tables)
    yield
    for statements in dropped.values():
        create_indexes(db, statements)
    for table in tables:  # UNIQUE constraints' indexes (a WITHOUT ROWID key is the table)
        for (name,) in db.execute("SELECT name FROM pragma_index_list(?) WHERE origin = 'u'",
                                  [table]).fetchall():
            db.execute(f'REINDEX "{name}"')


def restore(store: CaseStore, data: CaseData) -> None:
    """Put records back exactly as given (ids and timestamps kept), in one transaction."""
    with store._write("restore") as now:
        if data.info is not None:
            put_info(store, data.info, now, created=data.info.created_at)
        keys = [(kind, r.id) for kind, r in records_of(data)]
        before = current_values(store.db, keys)
        db = store.db
        # in dependency order: what a record refers to is there before it
        _put_all(db, now, records.put_party, data.parties)
        _put_all(db, now, records.put_issue, data.issues)
        _put_all(db, now, records.put_source, data.sources)
        with _indexed_after(db, data.events):
            _put_all(db, now, records.put_event, data.events)
        _put_all(db, now, records.put_proposal, data.proposals)
        _put_all(db, now, records.put_position, data.positions)
        _put_all(db, now, records.put_assessment, data.assessments)
        _put_all(db, now, records.put_import_record, data.imports)
        log_differences(store.log, before, current_values(db, keys))


def restore_version(store: CaseStore, record) -> None:
    """Write an earlier version of a record back, as a change of its own."""
    kind = _KIND_OF_TABLE[KIND_TYPES[kind_of(record)][2]]
    record = without_missing_links(store.db, store.path, record)
    with store.labelled("restore"):
        if _exists(store.db, kind, record.id):
            update(store, kind, record)
        else:
            add(store, kind, record)
