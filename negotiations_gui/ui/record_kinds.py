"""The kinds of record a user edits, and the store calls for each.

Commands, lists, the inspector and the window look a kind up here instead of
spelling out `store.add_party`, `store.add_issue` ... in every place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import CaseData


@dataclass(frozen=True)
class RecordKind:
    kind: str  # "party", as in CaseState selections
    table: str  # "parties", as in CaseState.dataChanged
    label: str  # "Party"
    plural: str  # "Parties"
    field: str  # CaseData field holding records of this kind

    def get(self, store, record_id: str):
        return getattr(store, self.kind)(record_id)

    def all(self, store) -> list:
        return list(getattr(store, self.table)())

    def add(self, store, record):
        return getattr(store, f"add_{self.kind}")(record)

    def update(self, store, record):
        return getattr(store, f"update_{self.kind}")(record)

    def delete(self, store, record_id: str) -> CaseData:
        return getattr(store, f"delete_{self.kind}")(record_id)

    def as_case_data(self, records) -> CaseData:
        return CaseData(**{self.field: tuple(records)})


KINDS: dict[str, RecordKind] = {
    k.kind: k for k in (
        RecordKind("party", "parties", "Party", "Parties", "parties"),
        RecordKind("issue", "issues", "Issue", "Issues", "issues"),
        RecordKind("source", "sources", "Source", "Sources", "sources"),
        RecordKind("event", "events", "Event", "Events", "events"),
        RecordKind("proposal", "proposals", "Proposal", "Proposals", "proposals"),
        RecordKind("position", "positions", "Position", "Positions", "positions"),
        RecordKind("assessment", "assessments", "Assessment", "Assessments", "assessments"),
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
