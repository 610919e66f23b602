"""The kinds of record a user edits, and the store calls for each.

Commands, lists, the inspector and the window look a kind up here instead of
spelling out `store.add_party`, `store.add_issue` ... in every place; the
table names each store method explicitly (no names built from strings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import CaseData
from ..store import CaseStore


@dataclass(frozen=True)
class RecordKind:
    """One kind of record and the `CaseStore` methods that read and write it.

    The store calls are spelled out here once, in the `KINDS` table, so a
    reader (and a type checker) sees every store call a command can make.
    """

    kind: str  # "party", as in CaseState selections
    table: str  # "parties", as in CaseState.dataChanged
    label: str  # "Party"
    plural: str  # "Parties"
    field: str  # CaseData field holding records of this kind
    load_one: Callable[[CaseStore, str], Any]
    load_all: Callable[[CaseStore], Sequence[Any]]
    add_one: Callable[[CaseStore, Any], Any]
    update_one: Callable[[CaseStore, Any], Any]
    delete_one: Callable[[CaseStore, str], CaseData]
    reorder_all: Callable[[CaseStore, Sequence[str]], None] | None = None  # parties, issues

    def get(self, store: CaseStore, record_id: str):
        return self.load_one(store, record_id)

    def all(self, store: CaseStore) -> list:
        return list(self.load_all(store))

    def add(self, store: CaseStore, record):
        return self.add_one(store, record)

    def update(self, store: CaseStore, record):
        return self.update_one(store, record)

    def delete(self, store: CaseStore, record_id: str) -> CaseData:
        return self.delete_one(store, record_id)

    def reorder(self, store: CaseStore, ids: Sequence[str]) -> None:
        if self.reorder_all is None:
            raise TypeError(f"{self.plural} have no order of their own")
        self.reorder_all(store, ids)

    def as_case_data(self, records) -> CaseData:
        fields: dict[str, Any] = {self.field: tuple(records)}
        return CaseData(**fields)


KINDS: dict[str, RecordKind] = {
    k.kind: k for k in (
        RecordKind(
            "party", "parties", "Party", "Parties", "parties",
            load_one=lambda s, record_id: s.party(record_id),
            load_all=lambda s: s.parties(),
            add_one=lambda s, r: s.add_party(r),
            update_one=lambda s, r: s.update_party(r),
            delete_one=lambda s, record_id: s.delete_party(record_id),
            reorder_all=lambda s, ids: s.reorder_parties(ids),
        ),
        RecordKind(
            "issue", "issues", "Issue", "Issues", "issues",
            load_one=lambda s, record_id: s.issue(record_id),
            load_all=lambda s: s.issues(),
            add_one=lambda s, r: s.add_issue(r),
            update_one=lambda s, r: s.update_issue(r),
            delete_one=lambda s, record_id: s.delete_issue(record_id),
            reorder_all=lambda s, ids: s.reorder_issues(ids),
        ),
        RecordKind(
            "source", "sources", "Source", "Sources", "sources",
            load_one=lambda s, record_id: s.source(record_id),
            load_all=lambda s: s.sources(),
            add_one=lambda s, r: s.add_source(r),
            update_one=lambda s, r: s.update_source(r),
            delete_one=lambda s, record_id: s.delete_source(record_id),
        ),
        RecordKind(
            "event", "events", "Event", "Events", "events",
            load_one=lambda s, record_id: s.event(record_id),
            load_all=lambda s: s.events(),
            add_one=lambda s, r: s.add_event(r),
            update_one=lambda s, r: s.update_event(r),
            delete_one=lambda s, record_id: s.delete_event(record_id),
        ),
        RecordKind(
            "proposal", "proposals", "Proposal", "Proposals", "proposals",
            load_one=lambda s, record_id: s.proposal(record_id),
            load_all=lambda s: s.proposals(),
            add_one=lambda s, r: s.add_proposal(r),
            update_one=lambda s, r: s.update_proposal(r),
            delete_one=lambda s, record_id: s.delete_proposal(record_id),
        ),
        RecordKind(
            "position", "positions", "Position", "Positions", "positions",
            load_one=lambda s, record_id: s.position(record_id),
            load_all=lambda s: s.positions(),
            add_one=lambda s, r: s.add_position(r),
            update_one=lambda s, r: s.update_position(r),
            delete_one=lambda s, record_id: s.delete_position(record_id),
        ),
        RecordKind(
            "assessment", "assessments", "Assessment", "Assessments", "assessments",
            load_one=lambda s, record_id: s.assessment(record_id),
            load_all=lambda s: s.assessments(),
            add_one=lambda s, r: s.add_assessment(r),
            update_one=lambda s, r: s.update_assessment(r),
            delete_one=lambda s, record_id: s.delete_assessment(record_id),
        ),
    )
}


def tables_in(data: CaseData) -> set[str]:
    """Names of the tables `data` holds records of (for CaseState.notify_changed)."""
    found = {k.table for k in KINDS.values() if getattr(data, k.field)}
    if data.info is not None:
        found.add("case_info")
    return found


def ids_in(data: CaseData) -> dict[str, set[str]]:
    """Ids of the records `data` holds, per table (for CaseState.notify_changed)."""
    return {k.table: {r.id for r in getattr(data, k.field)}
            for k in KINDS.values() if getattr(data, k.field)}


def record_title(kind: str, record) -> str:
    """A short plain-text name for a record, for menus, titles and undo text."""
    if kind == "party":
        return record.name
    if kind == "issue":
        return record.name
    if kind == "position":
        return f"{record.stance.label}, {record.date.display}"
    if kind == "assessment":
        return f"{record.gap.label}, from {record.date.display}"
    return getattr(record, "title", "") or getattr(record, "name", "") or record.id
