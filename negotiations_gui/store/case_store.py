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
from . import list_layout, records
from . import record_writes as writes
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
from .kinds import ASSESSMENTS, EVENTS, ISSUES, PARTIES, POSITIONS, PROPOSALS, SOURCES
from .open_check import OpenCheck
from .queries import CaseQueries
from .record_writes import adding, deleting, reading, updating
from .revisions import RevisionLog, current_values, log_differences
from .safe_write import remove_quietly, replacing
from .validation import judge_findings


class CaseStore:
    """Open with `CaseStore.open(path)` or `CaseStore.create(path)`; close when done."""

    def __init__(self, db: Database, path: Path, read_only: bool = False,
                 backup_path: Path | None = None, lock: CaseLock | None = None,
                 open_check: OpenCheck | None = None):
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
        self._open_check = open_check  # a large case's, still to be acted on (open_check.py)
        if not read_only and path.exists() and open_check is None:
            self.log.confirm_replica(path)  # (a write: once the check has passed)
        # read-only questions: their own object (with the as-of cache), reached from here
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
        return conn.damage if isinstance(conn := self.db.conn, GuardedConnection) else None

    def watch_damage(self, callback: Callable[[DamagedFileError], None]) -> None:
        """Call `callback(damage)`, on the thread that met it, when the file is found damaged."""
        if isinstance(conn := self.db.conn, GuardedConnection):
            conn.on_damage = callback

    @property
    def open_check_running(self) -> bool:
        """True while a large case's open-time check still reads the file (or is held back)."""
        return self._open_check is not None and not self._open_check.done

    def start_open_check(self) -> None:  # one held back by open(start_check=False)
        if self._open_check is not None:
            self._open_check.start()

    def settle_open_check(self) -> DamagedFileError | None:
        """Wait for a pending open-time check and act on it as opening would; the damage."""
        check, self._open_check = self._open_check, None
        if check is None:
            return self.damage
        conn = self.db.conn
        assert isinstance(conn, GuardedConnection)
        try:
            judge_findings(conn, self.path, check.wait() or [], schema_too=False)
        except DamagedFileError as refused:  # values this app cannot read
            conn.mark_damaged(refused)
        if self.damage is None and not self._read_only:
            self.db.execute("PRAGMA query_only = OFF")
            self.log.confirm_replica(self.path)
        return self.damage

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
        self.settle_open_check()  # a copied file gets its own id once checked
        return self.log.identity()[1]

    # -- opening and closing -----------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, lock_as: str | None = None,
             shared_lock: bool = False, start_check: bool = True) -> CaseStore:
        """Open an existing case file; raises `CaseFileError` with a reason.

        `lock_as` ("window", "import-csv", ...) makes this store a writer: it
        holds the case's lock (case_lock.py) until closed, and is refused with
        `CaseInUseError`, naming the holder, while another writer holds it;
        with `shared_lock`, only while a window or an exclusive writer does
        (see `CaseLock.acquire`). `start_check=False`: see open_check.py.
        """
        lock = (CaseLock.acquire(path, lock_as, shared=shared_lock)
                if lock_as and not read_only else None)
        try:
            opened = open_database(path, read_only=read_only, start_check=start_check)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if opened.read_only and lock is not None:
            lock.release()
            lock = None
        return cls(opened.db, Path(path), opened.read_only, opened.backup_path, lock, opened.check)

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
                    writes.put_info(store, info or CaseInfo(), now)
                    issues = [Issue(name, description, code, n) for n, (name, code, description)
                              in enumerate(DEFAULT_ISSUES if default_issues else ())]
                    for issue in issues:
                        records.put_issue(store.db, issue, now)
                    log_differences(store.log, {}, current_values(
                        store.db, [("issue", i.id) for i in issues]))
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
        if self._open_check is not None:
            self._open_check.stop()
            self._open_check = None
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
        self.settle_open_check()
        if self.damage is not None:
            raise self.damage
        if self.read_only:
            raise ReadOnlyError(self.path, "the case is open read-only; nothing was changed.")
        try:
            with write_transaction(self.db):
                now = records.now_stamp()
                with self.log.change(what, note, now), list_layout.settled_after(self.db):
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
        return writes.read_info(self.db)

    def update_case_info(self, info: CaseInfo) -> CaseInfo:
        with self._write() as now:
            writes.put_info(self, info, now)
        return self.case_info()

    # -- every kind of record, one implementation (record_writes.py) ------------------

    # The public operations, a table of one line each. `party(id)` reads one
    # (raising RecordNotFound), `add_party` inserts a new record (refusing an id
    # in use), `update_party` rewrites one, `delete_party` deletes one and
    # returns it with every record the deletion removed or changed, for undo.
    party = reading(PARTIES)
    add_party = adding(PARTIES)
    update_party = updating(PARTIES)
    delete_party = deleting(PARTIES)
    issue = reading(ISSUES)
    add_issue = adding(ISSUES)
    update_issue = updating(ISSUES)
    delete_issue = deleting(ISSUES)
    source = reading(SOURCES)
    add_source = adding(SOURCES)
    update_source = updating(SOURCES)
    delete_source = deleting(SOURCES)
    event = reading(EVENTS)
    add_event = adding(EVENTS)
    update_event = updating(EVENTS)
    delete_event = deleting(EVENTS)
    proposal = reading(PROPOSALS)
    add_proposal = adding(PROPOSALS)
    update_proposal = updating(PROPOSALS)
    delete_proposal = deleting(PROPOSALS)
    position = reading(POSITIONS)
    add_position = adding(POSITIONS)
    update_position = updating(POSITIONS)
    delete_position = deleting(POSITIONS)
    assessment = reading(ASSESSMENTS)
    add_assessment = adding(ASSESSMENTS)
    update_assessment = updating(ASSESSMENTS)
    delete_assessment = deleting(ASSESSMENTS)

    # -- lists -------------------------------------------------------------------

    def parties(self) -> list[Party]:
        return records.load_parties(self.db)

    def issues(self) -> list[Issue]:
        return records.load_issues(self.db)

    def sources(self) -> list[Source]:
        return records.load_sources(self.db)

    def proposals(self) -> list[Proposal]:
        return records.load_proposals(self.db)

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
        return records.load_positions(self.db, where, params)

    def assessments(self, issue_id: str | None = None) -> list[Assessment]:
        if issue_id is None:
            return records.load_assessments(self.db)
        return records.load_assessments(self.db, "WHERE t.issue_id = ?", [issue_id])

    def reorder_parties(self, party_ids: Sequence[str]) -> None:
        writes.reorder(self, PARTIES, party_ids)

    def reorder_issues(self, issue_ids: Sequence[str]) -> None:
        writes.reorder(self, ISSUES, issue_ids)

    # -- whole case ----------------------------------------------------------------

    def export_data(self) -> CaseData:
        """Every record of the case, as stored."""
        return CaseData(
            info=self.case_info(),
            parties=tuple(self.parties()), issues=tuple(self.issues()),
            sources=tuple(self.sources()), events=tuple(records.load_events(self.db)),
            proposals=tuple(self.proposals()), positions=tuple(self.positions()),
            assessments=tuple(self.assessments()),
            imports=tuple(records.load_import_records(self.db)),
        )

    def restore(self, data: CaseData) -> None:
        """Put records back exactly as given (ids and timestamps kept), in one transaction.

        Used to undo a deletion and to import a case: records that exist are
        overwritten, missing ones are inserted, in dependency order.
        """
        writes.restore(self, data)

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
        writes.restore_version(self, record)

    def is_empty(self) -> bool:
        """True when the case holds no records besides its issues."""
        return not any(n for table, n in self.counts().items() if table != "issues")

