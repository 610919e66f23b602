"""The columns each record list shows: a title and the cell's text.

Cells are plain strings. How each column sorts and is searched is the
store's (`store/record_lists.py`, by the same titles): the list never holds
every record, so it cannot sort them itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

from ...domain import (
    Event,
    Party,
    Position,
    Proposal,
    Source,
    ordered_issues,
    ordered_parties,
)
from ...store import CaseStore
from ..plain_text import isolate

R = TypeVar("R")


class _Titles:
    """Titles of events or proposals by id, each read when first asked for (a case
    may hold a million events; a page of positions names a few of them)."""

    def __init__(self, store: CaseStore, table: str):
        self._store, self._table = store, table
        self._titles: dict[str, str | None] = {}  # None: no such record

    def prefetch(self, ids: Iterable[str | None]) -> None:
        wanted = [i for i in dict.fromkeys(ids) if i and i not in self._titles]
        if wanted:
            found = self._store.record_titles(self._table, wanted)
            self._titles.update((i, found.get(i)) for i in wanted)

    def get(self, record_id: str, default: str = "") -> str:
        if record_id and record_id not in self._titles:
            self.prefetch([record_id])
        value = self._titles.get(record_id)
        return default if value is None else value


class Names:
    """Names of the records other records refer to by id, read from the store when
    first needed (the event list never needs every event's title, for instance)."""

    def __init__(self, store: CaseStore):
        self._store = store

    @cached_property
    def parties(self) -> dict[str, str]:
        return {p.id: p.label for p in ordered_parties(self._store.parties())}

    @cached_property
    def issues(self) -> dict[str, str]:
        return {i.id: i.name for i in ordered_issues(self._store.issues())}

    @cached_property
    def sources(self) -> dict[str, str]:
        return {s.id: f"{isolate(s.title)} ({s.grade})" for s in self._store.sources()}

    @cached_property
    def proposals(self) -> _Titles:
        return _Titles(self._store, "proposals")

    @cached_property
    def events(self) -> _Titles:
        return _Titles(self._store, "events")

    @classmethod
    def of(cls, store: CaseStore) -> Names:
        return cls(store)

    def join(self, table: str, ids: Iterable[str]) -> str:
        names: dict[str, str] = {"parties": self.parties, "issues": self.issues,
                                 "sources": self.sources}[table]
        return listed(names.get(i, "?") for i in ids)


def listed(texts: Iterable[str]) -> str:
    """"A, B": each a bidi isolate when there are several, so that one name's
    right-to-left override cannot run on into the next."""
    texts = list(texts)
    return ", ".join(isolate(t) for t in texts) if len(texts) > 1 else "".join(texts)


@dataclass(frozen=True)
class Column(Generic[R]):
    """A list column: its title and its cell's text for a record of kind R."""

    title: str
    text: Callable[[R, Names], str]
    visible: bool = True


def _date(attr: str) -> Column[Any]:
    def text(r: object, _n: Names) -> str:
        value = getattr(r, attr)
        return value.display if value else ""

    return Column(attr.capitalize() if attr != "end" else "End", text)


def _plain(title: str, attr: str, visible: bool = True) -> Column[Any]:
    return Column(title, lambda r, _n: str(getattr(r, attr)), visible=visible)


_EVENTS: tuple[Column[Event], ...] = (
    _date("date"),
    Column("End", lambda r, _n: r.end.display if r.end else "", visible=False),
    _plain("Kind", "kind"),
    _plain("Title", "title"),
    Column("Parties", lambda r, n: n.join("parties", r.party_ids)),
    Column("Issues", lambda r, n: n.join("issues", r.issue_ids), visible=False),
    Column("Tags", lambda r, _n: listed(r.tags)),
    Column("Sources", lambda r, n: n.join("sources", r.source_ids), visible=False),
    _plain("Description", "description", visible=False),
)
_PROPOSALS: tuple[Column[Proposal], ...] = (
    _date("date"),
    _plain("Title", "title"),
    Column("Status", lambda r, _n: r.status.label),
    Column("Proposed by", lambda r, n: n.join("parties", r.proposer_ids)),
    Column("Addressed to", lambda r, n: n.join("parties", r.addressee_ids)),
    Column("Terms", lambda r, n: n.join("issues", r.terms), visible=False),
    _plain("Summary", "summary", visible=False),
)
_POSITIONS: tuple[Column[Position], ...] = (
    _date("date"),
    Column("Party", lambda r, n: n.parties.get(r.party_id, "?")),
    Column("Issue", lambda r, n: n.issues.get(r.issue_id, "?")),
    Column("Stance", lambda r, _n: f"{r.stance.symbol} {r.stance.label}"),
    _plain("Summary", "summary"),
    Column("Answers", lambda r, n: n.proposals.get(r.proposal_id or "", "")
           or n.events.get(r.event_id or "", ""), visible=False),
    Column("Sources", lambda r, n: n.join("sources", r.source_ids), visible=False),
)
_SOURCES: tuple[Column[Source], ...] = (
    _plain("Title", "title"),
    _plain("Outlet", "outlet"),
    _date("date"),
    Column("Grade", lambda r, _n: r.grade),
    _plain("Location", "location", visible=False),
    _plain("Notes", "notes", visible=False),
)
_PARTIES: tuple[Column[Party], ...] = (
    _plain("Name", "name"),
    _plain("Short name", "short_name"),
    Column("Role", lambda r, _n: r.role.label),
    _plain("Colour", "colour", visible=False),
    Column("Order", lambda r, _n: str(r.sort_order + 1), visible=False),
)

COLUMNS: dict[str, tuple[Column[Any], ...]] = {
    "event": _EVENTS, "proposal": _PROPOSALS, "position": _POSITIONS, "source": _SOURCES,
    "party": _PARTIES,
}
