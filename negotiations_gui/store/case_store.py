"""`CaseStore`: the one object that reads and writes a case file.

Every change runs in one transaction (`db.atomic()`): it is all written or
not at all. Known failures of the environment (read-only file, full disk,
locked file) surface as `CaseFileError` subclasses with a message for the
user; the file is left as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from ..domain import (
    DEFAULT_ISSUES,
    Assessment,
    CaseData,
    CaseInfo,
    Issue,
    Party,
    Position,
    Proposal,
    Source,
)
from . import records as rec
from .case_lock import CaseLock
from .connection import (
    backup_copy,
    create_database,
    open_database,
    remove_orphaned_side_files,
    write_transaction,
)
from .errors import CaseFileError, DamagedFileError, ReadOnlyError, classify
from .guarded import GuardedConnection
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
from .queries import CaseQueries
from .revision_values import CASE_KIND, KIND_TYPES, kind_of, records_of, to_values
from .revisions import RevisionLog, current_values, log_differences
from .safe_write import remove_quietly, replacing

T = TypeVar("T")


_KIND_OF_TABLE: dict[str, RecordKind] = {
    k.table: k for k in (PARTIES, ISSUES, SOURCES, EVENTS, PROPOSALS, POSITIONS, ASSESSMENTS)}


class RecordNotFound(KeyError):
    """No record with that id (it was deleted meanwhile)."""


# The public operations on one kind of record, made from its RecordKind (see
# the table in CaseStore): each is the generic implementation with the kind
# bound, typed for that kind's records.

def _reading(kind: RecordKind[R]) -> Callable[[CaseStore, str], R]:
    def read(store: CaseStore, record_id: str) -> R:
        return store._get(kind, record_id)
    read.__doc__ = f"The record of {kind.table} with that id; raises `RecordNotFound`."
    return read


def _adding(kind: RecordKind[R]) -> Callable[[CaseStore, R], R]:
    def add(store: CaseStore, record: R) -> R:
        return store._add(kind, record)
    add.__doc__ = f"Insert a new record into {kind.table} and return it as stored."
    return add


def _updating(kind: RecordKind[R]) -> Callable[[CaseStore, R], R]:
    def update(store: CaseStore, record: R) -> R:
        return store._update(kind, record)
    update.__doc__ = f"Rewrite a record of {kind.table}; raises `RecordNotFound`."
    return update


def _deleting(kind: RecordKind[R]) -> Callable[[CaseStore, str], CaseData]:
    def delete(store: CaseStore, record_id: str) -> CaseData:
        return store._delete(kind, record_id)
    delete.__doc__ = (f"Delete a record of {kind.table}; returns it and every record the "
                      "deletion removed or changed, for undo.")
    return delete


def _put_all(db: Database, now: str, put: Callable[[Database, T, str, bool], None],
             records: Sequence[T]) -> None:
    for record in records:
        put(db, record, now, True)  # keep_stamps: ids and timestamps as given


class CaseStore:
    """Open with `CaseStore.open(path)` or `CaseStore.create(path)`; close when done."""

    def __init__(self, db: Database, path: Path, read_only: bool = False,
                 backup_path: Path | None = None, lock: CaseLock | None = None):
        self.db = db
        self.path = path
        self._read_only = read_only
        # where a pre-upgrade copy was written when opening migrated the file
        self.backup_path = backup_path
        # the writer's lock, when this store was opened as one (`lock_as`)
        self.lock = lock
        # every change is logged with its revisions (store/revisions.py)
        self.log = RevisionLog(db)
        # None: the case as it is; a UTC stamp: a copy as recorded up to then (known_on.py)
        self.known_on: str | None = None
        if not read_only and path.exists():
            self.log.confirm_replica(path)
        # The read-only questions are answered by their own object, which keeps
        # the as-of cache; these are its methods, reached from the store.
        self.queries = queries = CaseQueries(db)
        self.positions_as_of = queries.positions_as_of
        self.position_history = queries.position_history
        self.assessments_as_of = queries.assessments_as_of
        self.grid_snapshot = queries.grid_snapshot
        self.changes_between = queries.changes_between
        self.proposals_between = queries.proposals_between
        self.events = queries.events
        self.count_events = queries.count_events
        self.dated_changes = queries.dated_changes
        self.date_bounds = queries.date_bounds
        self.tags = queries.tags
        self.kinds = queries.kinds
        self.counts = queries.counts
        self.record_listing = queries.record_listing
        self.records_with_ids = queries.records_with_ids
        self.record_titles = queries.record_titles

    @property
    def read_only(self) -> bool:
        """Opened read-only, or turned read-only because SQLite found the file damaged."""
        return self._read_only or self.damage is not None

    @property
    def damage(self) -> DamagedFileError | None:
        """What SQLite found wrong with the file, once it has found anything."""
        conn = self.db.conn
        return conn.damage if isinstance(conn, GuardedConnection) else None

    @property
    def author(self) -> str:
        """The analyst's name recorded with every change made through this store."""
        return self.log.author

    @author.setter
    def author(self, name: str) -> None:
        self.log.author = name.strip()

    @property
    def case_id(self) -> str:
        """The id every copy of this case shares (merges match on it)."""
        return self.log.identity()[0]

    @property
    def replica_id(self) -> str:
        """The id of this copy of the case file."""
        return self.log.identity()[1]

    # -- opening and closing -----------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False,
             lock_as: str | None = None, shared_lock: bool = False) -> CaseStore:
        """Open an existing case file; raises `CaseFileError` with a reason.

        `lock_as` ("window", "import-csv", ...) makes this store a writer: it
        holds the case's lock (case_lock.py) until closed, and is refused with
        `CaseInUseError`, naming the holder, while another writer holds it;
        with `shared_lock`, only while a window or an exclusive writer does
        (see `CaseLock.acquire`).
        """
        lock = (CaseLock.acquire(path, lock_as, shared=shared_lock)
                if lock_as and not read_only else None)
        try:
            opened = open_database(path, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if opened.read_only and lock is not None:
            lock.release()
            lock = None
        return cls(opened.db, Path(path), opened.read_only, opened.backup_path, lock)

    @classmethod
    def create(cls, path: str | Path, info: CaseInfo | None = None, *,
               default_issues: bool = True, lock_as: str | None = None) -> CaseStore:
        """Create a new case file (refusing to overwrite one) and open it.

        The case's lock is held while it is made; with `lock_as`, it is kept
        until the store is closed (see `open`).
        """
        path = Path(path)
        lock = CaseLock.acquire(path, lock_as or "new case")
        try:
            remove_orphaned_side_files(path)
            create_database(path)
            opened = open_database(path)
            store = cls(opened.db, path, opened.read_only, None)
            try:
                with store._write("create") as now:
                    store._put_info(info or CaseInfo(), now)
                    issues = [Issue(name, description, code, n) for n, (name, code, description)
                              in enumerate(DEFAULT_ISSUES if default_issues else ())]
                    for issue in issues:
                        rec.put_issue(store.db, issue, now)
                    log_differences(store.log, {}, store._values_now(
                        [("issue", i.id) for i in issues]))
            except BaseException:
                store.close()
                remove_quietly(path, with_side_files=True)
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock_as is not None:
            store.lock = lock
        elif lock is not None:
            lock.release()
        return store

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self, what: str = "edit", note: str = "") -> Iterator[str]:
        """One transaction, one change in the revision log; yields its timestamp."""
        if self.damage is not None:
            raise self.damage
        if self.read_only:
            raise ReadOnlyError(self.path, "the case is open read-only; nothing was changed.")
        try:
            with write_transaction(self.db):
                now = rec.now_stamp()
                with self.log.change(what, note, now):
                    yield now
        except sqlite3.Error as exc:
            known = classify(exc, self.path)
            if known is None:
                raise
            raise known from exc

    def save_copy(self, target: str | Path) -> None:
        """Write a consistent copy of the whole case to `target` (SQLite backup API)."""
        target = Path(target)
        try:
            with replacing(target, what="the copy could not be written") as temp:
                backup_copy(self.db.conn, temp)
        except sqlite3.Error as exc:
            known = classify(exc, target)
            raise known or CaseFileError(target, f"the copy could not be written ({exc}).") from exc

    # -- case properties ---------------------------------------------------------

    def case_info(self) -> CaseInfo:
        row = self.db.execute(
            "SELECT title, description, marking, created_at FROM case_info WHERE id = 1"
        ).fetchone()
        if row is None:
            return CaseInfo()
        return CaseInfo(row[0], row[1], row[2], row[3])

    def update_case_info(self, info: CaseInfo) -> CaseInfo:
        with self._write() as now:
            self._put_info(info, now)
        return self.case_info()

    def _info_values(self) -> dict | None:
        row = self.db.execute("SELECT 1 FROM case_info WHERE id = 1").fetchone()
        return to_values(self.case_info()) if row else None

    def _put_info(self, info: CaseInfo, now: str, created: str | None = None) -> None:
        before = self._info_values()
        self._write_info(info, now, created)
        key = (CASE_KIND, self.case_id)
        log_differences(self.log, {key: before} if before else {},
                        {key: self._info_values() or {}})

    def _write_info(self, info: CaseInfo, now: str, created: str | None) -> None:
        row = self.db.execute("SELECT created_at FROM case_info WHERE id = 1").fetchone()
        created = created or (row[0] if row else None) or now
        self.db.execute(
            "INSERT INTO case_info (id, title, description, marking, created_at, updated_at) "
            "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
            "description = excluded.description, marking = excluded.marking, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at",
            [info.title, info.description, info.marking, created, now])

    # -- every kind of record, one implementation (the kinds are in kinds.py) ------

    def _get(self, kind: RecordKind[R], record_id: str) -> R:
        found = kind.load(self.db, "WHERE t.id = ?", [record_id])
        if not found:
            raise RecordNotFound(record_id)
        return found[0]

    def _add(self, kind: RecordKind[R], record: R) -> R:
        with self._write("create") as now:
            if self._exists(kind, record.id):
                raise CaseFileError(self.path, f"a record with id {record.id} already exists.")
            kind.put(self.db, record, now)
            added = self._get(kind, record.id)
            self.log.add(kind_of(added), added.id, None, to_values(added))
        return added

    def _update(self, kind: RecordKind[R], record: R) -> R:
        with self._write("edit") as now:
            old = self._get(kind, record.id)
            kind.put(self.db, record, now)
            new = self._get(kind, record.id)
            log_differences(self.log, {(kind_of(old), old.id): to_values(old)},
                            {(kind_of(new), new.id): to_values(new)})
        return new

    def _delete(self, kind: RecordKind[R], record_id: str) -> CaseData:
        removed = kind.removal(self.db, self._get(kind, record_id))
        with self._write("delete"):
            self._require(kind, record_id)
            self.db.execute(f"DELETE FROM {kind.table} WHERE id = ?", [record_id])
            # the record, and what the deletion took along or unlinked
            before = {(k, r.id): to_values(r) for k, r in records_of(removed)}
            log_differences(self.log, before, self._values_now(before))
        return removed

    def _values_now(self, keys) -> dict[tuple[str, str], dict]:
        return current_values(self.db, keys)

    def _exists(self, kind: RecordKind[R], record_id: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM {kind.table} WHERE id = ?",
                               [record_id]).fetchone() is not None

    def _require(self, kind: RecordKind[R], record_id: str) -> None:
        if not self._exists(kind, record_id):
            raise RecordNotFound(record_id)

    def _reorder(self, kind: RecordKind[R], ids: Sequence[str]) -> None:
        name = next(k for k, (_, _, table) in KIND_TYPES.items() if table == kind.table)
        with self._write("edit") as now:
            before = self._values_now([(name, i) for i in ids])
            for n, record_id in enumerate(ids):
                self.db.execute(
                    f"UPDATE {kind.table} SET sort_order = ?, updated_at = ? WHERE id = ?",
                    [n, now, record_id])
            log_differences(self.log, before, self._values_now(before))

    # The public operations, a table of one line each. `party(id)` reads one
    # (raising RecordNotFound), `add_party` inserts a new record (refusing an id
    # in use), `update_party` rewrites one, `delete_party` deletes one and
    # returns it with every record the deletion removed or changed, for undo.
    party = _reading(PARTIES)
    add_party = _adding(PARTIES)
    update_party = _updating(PARTIES)
    delete_party = _deleting(PARTIES)
    issue = _reading(ISSUES)
    add_issue = _adding(ISSUES)
    update_issue = _updating(ISSUES)
    delete_issue = _deleting(ISSUES)
    source = _reading(SOURCES)
    add_source = _adding(SOURCES)
    update_source = _updating(SOURCES)
    delete_source = _deleting(SOURCES)
    event = _reading(EVENTS)
    add_event = _adding(EVENTS)
    update_event = _updating(EVENTS)
    delete_event = _deleting(EVENTS)
    proposal = _reading(PROPOSALS)
    add_proposal = _adding(PROPOSALS)
    update_proposal = _updating(PROPOSALS)
    delete_proposal = _deleting(PROPOSALS)
    position = _reading(POSITIONS)
    add_position = _adding(POSITIONS)
    update_position = _updating(POSITIONS)
    delete_position = _deleting(POSITIONS)
    assessment = _reading(ASSESSMENTS)
    add_assessment = _adding(ASSESSMENTS)
    update_assessment = _updating(ASSESSMENTS)
    delete_assessment = _deleting(ASSESSMENTS)

    # -- lists -------------------------------------------------------------------

    def parties(self) -> list[Party]:
        return rec.load_parties(self.db)

    def issues(self) -> list[Issue]:
        return rec.load_issues(self.db)

    def sources(self) -> list[Source]:
        return rec.load_sources(self.db)

    def proposals(self) -> list[Proposal]:
        return rec.load_proposals(self.db)

    def positions(self, party_id: str | None = None, issue_id: str | None = None) -> list[Position]:
        """Positions in date order, optionally of one party and/or on one issue."""
        clauses, params = [], []
        if party_id is not None:
            clauses.append("t.party_id = ?")
            params.append(party_id)
        if issue_id is not None:
            clauses.append("t.issue_id = ?")
            params.append(issue_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return rec.load_positions(self.db, where, params)

    def assessments(self, issue_id: str | None = None) -> list[Assessment]:
        if issue_id is None:
            return rec.load_assessments(self.db)
        return rec.load_assessments(self.db, "WHERE t.issue_id = ?", [issue_id])

    def reorder_parties(self, party_ids: Sequence[str]) -> None:
        self._reorder(PARTIES, party_ids)

    def reorder_issues(self, issue_ids: Sequence[str]) -> None:
        self._reorder(ISSUES, issue_ids)

    # -- whole case ----------------------------------------------------------------

    def export_data(self) -> CaseData:
        """Every record of the case, as stored."""
        return CaseData(
            info=self.case_info(),
            parties=tuple(self.parties()), issues=tuple(self.issues()),
            sources=tuple(self.sources()), events=tuple(rec.load_events(self.db)),
            proposals=tuple(self.proposals()), positions=tuple(self.positions()),
            assessments=tuple(self.assessments()),
            imports=tuple(rec.load_import_records(self.db)),
        )

    def restore(self, data: CaseData) -> None:
        """Put records back exactly as given (ids and timestamps kept), in one transaction.

        Used to undo a deletion and to import a case: records that exist are
        overwritten, missing ones are inserted, in dependency order.
        """
        with self._write("restore") as now:
            if data.info is not None:
                self._put_info(data.info, now, created=data.info.created_at)
            keys = [(kind, r.id) for kind, r in records_of(data)]
            before = self._values_now(keys)
            # in dependency order: what a record refers to is there before it
            _put_all(self.db, now, rec.put_party, data.parties)
            _put_all(self.db, now, rec.put_issue, data.issues)
            _put_all(self.db, now, rec.put_source, data.sources)
            _put_all(self.db, now, rec.put_event, data.events)
            _put_all(self.db, now, rec.put_proposal, data.proposals)
            _put_all(self.db, now, rec.put_position, data.positions)
            _put_all(self.db, now, rec.put_assessment, data.assessments)
            _put_all(self.db, now, rec.put_import_record, data.imports)
            log_differences(self.log, before, self._values_now(keys))

    def as_known_on(self, moment: str | None) -> CaseStore:
        """The case as recorded up to `moment` (a UTC stamp, `parse_known_on`), read-only;
        this store itself when `moment` is None. Close the one returned when done."""
        if moment is None:
            return self
        from .known_on import as_known_on

        return as_known_on(self, moment)

    def known_on_stamp(self) -> str:
        """The moment this store's answers are as known on: its known-on moment, or the
        last change applied to the file (what an export stamps)."""
        from .known_on import latest_stamp

        return self.known_on or latest_stamp(self.db)

    def merge_peers(self) -> list[tuple[str, str]]:
        """(replica id, when) of every copy merged into this file, most recent first."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT replica_id, merged_at FROM peers ORDER BY merged_at DESC")]

    def labelled(self, what: str, note: str = ""):
        """Changes made inside are logged as `what` ("undo", "redo", "import" …)."""
        return self.log.labelled(what, note)

    def revisions(self, record_id: str, kind: str | None = None):
        """Every revision of one record (`domain.revisions.Revision`), oldest first."""
        return self.log.revisions_of(record_id, kind)

    def restore_version(self, record) -> None:
        """Write an earlier version of a record (from a revision) back, as a change of its own.

        Links to records deleted since are dropped; a position or assessment
        whose party or issue is gone cannot come back (`CaseFileError`).
        """
        kind = _KIND_OF_TABLE[KIND_TYPES[kind_of(record)][2]]
        record = without_missing_links(self.db, self.path, record)
        with self.labelled("restore"):
            if self._exists(kind, record.id):
                self._update(kind, record)
            else:
                self._add(kind, record)

    def is_empty(self) -> bool:
        """True when the case holds no records besides its issues."""
        counts = self.counts()
        return not any(n for table, n in counts.items() if table != "issues")

