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
    Event,
    Issue,
    Party,
    Position,
    Proposal,
    Source,
)
from . import records as rec
from .connection import backup_copy, create_database, open_database
from .errors import CaseFileError, ReadOnlyError, classify
from .queries import CaseQueries
from .schema import SCHEMA_VERSION


class RecordNotFound(KeyError):
    """No record with that id (it was deleted meanwhile)."""


class CaseStore(CaseQueries):
    """Open with `CaseStore.open(path)` or `CaseStore.create(path)`; close when done."""

    def __init__(self, db: Database, path: Path, read_only: bool = False,
                 backup_path: Path | None = None):
        self.db = db
        self.path = path
        self.read_only = read_only
        # where a pre-upgrade copy was written when opening migrated the file
        self.backup_path = backup_path

    # -- opening and closing -----------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> CaseStore:
        """Open an existing case file; raises `CaseFileError` with a reason."""
        opened = open_database(path, read_only=read_only)
        return cls(opened.db, Path(path), opened.read_only, opened.backup_path)

    @classmethod
    def create(cls, path: str | Path, info: CaseInfo | None = None, *,
               default_issues: bool = True) -> CaseStore:
        """Create a new case file (refusing to overwrite one) and open it."""
        create_database(path)
        store = cls.open(path)
        try:
            with store._write() as now:
                store._put_info(info or CaseInfo(), now)
                if default_issues:
                    for n, (name, code, description) in enumerate(DEFAULT_ISSUES):
                        rec.put_issue(store.db, Issue(name, description, code, n), now)
        except BaseException:
            store.close()
            Path(path).unlink(missing_ok=True)
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[str]:
        """One transaction; yields the timestamp for records it touches."""
        if self.read_only:
            raise ReadOnlyError(self.path, "the case is open read-only; nothing was changed.")
        try:
            with self.db.atomic():
                yield rec.now_stamp()
        except sqlite3.Error as exc:
            known = classify(exc, self.path)
            if known is None:
                raise
            raise known from exc

    def save_copy(self, target: str | Path) -> None:
        """Write a consistent copy of the whole case to `target` (SQLite backup API)."""
        target = Path(target)
        temp = target.with_name(f".{target.name}.partial")
        try:
            backup_copy(self.db.conn, temp)
            temp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            temp.unlink(missing_ok=True)
            known = classify(exc, target) if isinstance(exc, sqlite3.Error) else None
            raise known or CaseFileError(target, f"the copy could not be written ({exc}).") from exc

    # -- case properties ---------------------------------------------------------

    def case_info(self) -> CaseInfo:
        row = self.db.execute(
            "SELECT title, description, marking, created_at FROM case_info WHERE id = 1"
        ).fetchone()
        if row is None:
            return CaseInfo(schema_version=SCHEMA_VERSION)
        return CaseInfo(row[0], row[1], row[2], row[3], SCHEMA_VERSION)

    def update_case_info(self, info: CaseInfo) -> CaseInfo:
        with self._write() as now:
            self._put_info(info, now)
        return self.case_info()

    def _put_info(self, info: CaseInfo, now: str, created: str | None = None) -> None:
        row = self.db.execute("SELECT created_at FROM case_info WHERE id = 1").fetchone()
        created = created or (row[0] if row else None) or now
        self.db.execute(
            "INSERT INTO case_info (id, title, description, marking, created_at, updated_at) "
            "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
            "description = excluded.description, marking = excluded.marking, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at",
            [info.title, info.description, info.marking, created, now])

    # -- generic helpers ---------------------------------------------------------

    def _add(self, put: Callable, record, table: str, load: Callable):
        with self._write() as now:
            if self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record.id]).fetchone():
                raise CaseFileError(self.path, f"a record with id {record.id} already exists.")
            put(self.db, record, now)
        return self._get(load, record.id)

    def _update(self, put: Callable, record, table: str, load: Callable):
        with self._write() as now:
            self._require(table, record.id)
            put(self.db, record, now)
        return self._get(load, record.id)

    def _get(self, load: Callable, record_id: str):
        found = load(self.db, "WHERE t.id = ?", [record_id])
        if not found:
            raise RecordNotFound(record_id)
        return found[0]

    def _require(self, table: str, record_id: str) -> None:
        if not self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
            raise RecordNotFound(record_id)

    def _ids(self, sql: str, params: Sequence) -> list[str]:
        return [r[0] for r in self.db.execute(sql, params)]

    def _delete(self, table: str, record_id: str, removed: CaseData) -> CaseData:
        with self._write():
            self._require(table, record_id)
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
        return removed

    def _load_in(self, load: Callable, ids: list[str]) -> tuple:
        if not ids:
            return ()
        inside, vals = rec.in_clause("t.id", ids)
        return tuple(load(self.db, f"WHERE {inside}", vals))

    # -- parties -----------------------------------------------------------------

    def parties(self) -> list[Party]:
        return rec.load_parties(self.db)

    def party(self, party_id: str) -> Party:
        return self._get(rec.load_parties, party_id)

    def add_party(self, party: Party) -> Party:
        return self._add(rec.put_party, party, "parties", rec.load_parties)

    def update_party(self, party: Party) -> Party:
        return self._update(rec.put_party, party, "parties", rec.load_parties)

    def delete_party(self, party_id: str) -> CaseData:
        """Delete a party with its positions; returns what was removed or changed, for undo."""
        removed = CaseData(
            parties=(self.party(party_id),),
            positions=tuple(rec.load_positions(self.db, "WHERE t.party_id = ?", [party_id])),
            events=self._load_in(rec.load_events, self._ids(
                "SELECT event_id FROM event_parties WHERE party_id = ?", [party_id])),
            proposals=self._load_in(rec.load_proposals, self._ids(
                "SELECT proposal_id FROM proposal_parties WHERE party_id = ?", [party_id])),
        )
        return self._delete("parties", party_id, removed)

    def reorder_parties(self, party_ids: Sequence[str]) -> None:
        self._reorder("parties", party_ids)

    def _reorder(self, table: str, ids: Sequence[str]) -> None:
        with self._write() as now:
            for n, record_id in enumerate(ids):
                self.db.execute(f"UPDATE {table} SET sort_order = ?, updated_at = ? WHERE id = ?",
                                [n, now, record_id])

    # -- issues ------------------------------------------------------------------

    def issues(self) -> list[Issue]:
        return rec.load_issues(self.db)

    def issue(self, issue_id: str) -> Issue:
        return self._get(rec.load_issues, issue_id)

    def add_issue(self, issue: Issue) -> Issue:
        return self._add(rec.put_issue, issue, "issues", rec.load_issues)

    def update_issue(self, issue: Issue) -> Issue:
        return self._update(rec.put_issue, issue, "issues", rec.load_issues)

    def delete_issue(self, issue_id: str) -> CaseData:
        """Delete an issue with its positions and assessments; returns them, for undo."""
        removed = CaseData(
            issues=(self.issue(issue_id),),
            positions=tuple(rec.load_positions(self.db, "WHERE t.issue_id = ?", [issue_id])),
            assessments=tuple(rec.load_assessments(self.db, "WHERE t.issue_id = ?", [issue_id])),
            events=self._load_in(rec.load_events, self._ids(
                "SELECT event_id FROM event_issues WHERE issue_id = ?", [issue_id])),
            proposals=self._load_in(rec.load_proposals, self._ids(
                "SELECT proposal_id FROM proposal_terms WHERE issue_id = ?", [issue_id])),
        )
        return self._delete("issues", issue_id, removed)

    def reorder_issues(self, issue_ids: Sequence[str]) -> None:
        self._reorder("issues", issue_ids)

    # -- sources -----------------------------------------------------------------

    def sources(self) -> list[Source]:
        return rec.load_sources(self.db)

    def source(self, source_id: str) -> Source:
        return self._get(rec.load_sources, source_id)

    def add_source(self, source: Source) -> Source:
        return self._add(rec.put_source, source, "sources", rec.load_sources)

    def update_source(self, source: Source) -> Source:
        return self._update(rec.put_source, source, "sources", rec.load_sources)

    def delete_source(self, source_id: str) -> CaseData:
        """Delete a source; records citing it lose the citation (returned, for undo)."""
        removed = CaseData(
            sources=(self.source(source_id),),
            events=self._load_in(rec.load_events, self._ids(
                "SELECT event_id FROM event_sources WHERE source_id = ?", [source_id])),
            proposals=self._load_in(rec.load_proposals, self._ids(
                "SELECT proposal_id FROM proposal_sources WHERE source_id = ?", [source_id])),
            positions=self._load_in(rec.load_positions, self._ids(
                "SELECT position_id FROM position_sources WHERE source_id = ?", [source_id])),
        )
        return self._delete("sources", source_id, removed)

    # -- events ------------------------------------------------------------------

    def event(self, event_id: str) -> Event:
        return self._get(rec.load_events, event_id)

    def add_event(self, event: Event) -> Event:
        return self._add(rec.put_event, event, "events", rec.load_events)

    def update_event(self, event: Event) -> Event:
        return self._update(rec.put_event, event, "events", rec.load_events)

    def delete_event(self, event_id: str) -> CaseData:
        removed = CaseData(
            events=(self.event(event_id),),
            positions=tuple(rec.load_positions(self.db, "WHERE t.event_id = ?", [event_id])),
        )
        return self._delete("events", event_id, removed)

    # -- proposals ---------------------------------------------------------------

    def proposals(self) -> list[Proposal]:
        return rec.load_proposals(self.db)

    def proposal(self, proposal_id: str) -> Proposal:
        return self._get(rec.load_proposals, proposal_id)

    def add_proposal(self, proposal: Proposal) -> Proposal:
        return self._add(rec.put_proposal, proposal, "proposals", rec.load_proposals)

    def update_proposal(self, proposal: Proposal) -> Proposal:
        return self._update(rec.put_proposal, proposal, "proposals", rec.load_proposals)

    def delete_proposal(self, proposal_id: str) -> CaseData:
        removed = CaseData(
            proposals=(self.proposal(proposal_id),),
            positions=tuple(rec.load_positions(self.db, "WHERE t.proposal_id = ?",
                                               [proposal_id])),
        )
        return self._delete("proposals", proposal_id, removed)

    # -- positions ---------------------------------------------------------------

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

    def position(self, position_id: str) -> Position:
        return self._get(rec.load_positions, position_id)

    def add_position(self, position: Position) -> Position:
        return self._add(rec.put_position, position, "positions", rec.load_positions)

    def update_position(self, position: Position) -> Position:
        return self._update(rec.put_position, position, "positions", rec.load_positions)

    def delete_position(self, position_id: str) -> CaseData:
        return self._delete("positions", position_id,
                            CaseData(positions=(self.position(position_id),)))

    # -- assessments -------------------------------------------------------------

    def assessments(self, issue_id: str | None = None) -> list[Assessment]:
        if issue_id is None:
            return rec.load_assessments(self.db)
        return rec.load_assessments(self.db, "WHERE t.issue_id = ?", [issue_id])

    def assessment(self, assessment_id: str) -> Assessment:
        return self._get(rec.load_assessments, assessment_id)

    def add_assessment(self, assessment: Assessment) -> Assessment:
        return self._add(rec.put_assessment, assessment, "assessments", rec.load_assessments)

    def update_assessment(self, assessment: Assessment) -> Assessment:
        return self._update(rec.put_assessment, assessment, "assessments", rec.load_assessments)

    def delete_assessment(self, assessment_id: str) -> CaseData:
        return self._delete("assessments", assessment_id,
                            CaseData(assessments=(self.assessment(assessment_id),)))

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
        with self._write() as now:
            if data.info is not None:
                self._put_info(data.info, now, created=data.info.created_at)
            for put, records in ((rec.put_party, data.parties), (rec.put_issue, data.issues),
                                 (rec.put_source, data.sources), (rec.put_event, data.events),
                                 (rec.put_proposal, data.proposals),
                                 (rec.put_position, data.positions),
                                 (rec.put_assessment, data.assessments),
                                 (rec.put_import_record, data.imports)):
                for record in records:
                    put(self.db, record, now, keep_stamps=True)

    def is_empty(self) -> bool:
        """True when the case holds no records besides its issues."""
        counts = self.counts()
        return not any(n for table, n in counts.items() if table != "issues")

