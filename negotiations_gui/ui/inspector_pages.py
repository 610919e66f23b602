"""The inspector's page for each kind of record, as HTML with every user text escaped.

`RecordPages` answers for one open case (its store, and its state for the
as-of date); `page(kind, id)` is the table of one renderer per kind.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl

from ..domain import CellKey, Position, grade_meaning
from ..store import CaseStore
from .case_state import CaseState, SelectedId
from .plain_text import escape_lines, isolate

LINK_SCHEME = "record"

def esc(text: str) -> str:
    """Every user text in the inspector's HTML goes through this: escaped, and a bidi
    isolate, so "Egypt" + U+202E cannot turn "on Hostages" after it backwards."""
    return escape_lines(isolate(text))


def href(scheme: str, *parts: str) -> str:
    """A link's address naming `parts`, each percent-encoded: an id may hold "/", "#"
    or "%" (ids come from imported files), and `href_parts` gives it back whole."""
    return html.escape(f"{scheme}:" + "/".join(quote(part, safe="") for part in parts))


def href_parts(url: QUrl) -> list[str]:
    """The parts `href` put in a link's address, decoded one by one."""
    path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return [unquote(part) for part in path.split("/")]


def link(kind: str, record_id: str, text: str) -> str:
    return f'<a href="{href(LINK_SCHEME, kind, record_id)}">{esc(text)}</a>'


class RecordPages:
    """The pages of one open case's records; raises `RecordNotFound` for one deleted."""

    def __init__(self, store: CaseStore, state: CaseState):
        self.store, self.state = store, state
        self._renderers: dict[str, Callable[[str], str]] = {
            "event": self.event, "proposal": self.proposal, "position": self.position,
            "party": self.party, "issue": self.issue,
            "source": self.source, "assessment": self.assessment}

    def page(self, kind: str, record_id: SelectedId) -> str:
        """The record's page (a grid cell's for a `CellKey`); "" for a kind that has none."""
        if isinstance(record_id, CellKey):
            return self.cell(record_id)
        renderer = self._renderers.get(kind)
        return renderer(record_id) if renderer else ""

    def _party_links(self, ids: Iterable[str]) -> str:
        names = {p.id: p.name for p in self.store.parties()}
        return ", ".join(link("party", i, names.get(i, "?")) for i in ids) or "—"

    def _issue_links(self, ids: Iterable[str]) -> str:
        names = {i.id: i.name for i in self.store.issues()}
        return ", ".join(link("issue", i, names.get(i, "?")) for i in ids) or "—"

    def _sources(self, ids: tuple[str, ...]) -> str:
        if not ids:
            return "<p><b>Sources:</b> none recorded</p>"
        by_id = {s.id: s for s in self.store.sources()}
        items = []
        # best-graded first: the source a reader should weigh most leads
        for s in sorted((by_id[i] for i in ids if i in by_id), key=lambda s: s.grade_key):
            where = f" — {esc(s.outlet)}" if s.outlet else ""
            when = f", {esc(s.date.display)}" if s.date else ""
            items.append(f"<li>{link('source', s.id, s.title)}{where}{when}<br>"
                         f"<small>{esc(grade_meaning(s.reliability, s.credibility))}</small></li>")
        return "<p><b>Sources:</b></p><ul>" + "".join(items) + "</ul>"

    @staticmethod
    def _rows(pairs: Iterable[tuple[str, str]]) -> str:
        cells = "".join(f"<tr><td><b>{esc(k)}</b>&nbsp;</td><td>{v}</td></tr>" for k, v in pairs)
        return f"<table cellspacing='2'>{cells}</table>"

    def _answering(self, field: str, record_id: str) -> str:
        found = [p for p in self.store.positions() if getattr(p, field) == record_id]
        if not found:
            return ""
        return "<p><b>Positions answering it:</b></p><ul>" + "".join(
            f"<li>{self._position_line(p)}</li>" for p in found) + "</ul>"

    def _position_line(self, p: Position) -> str:
        party = self.store.party(p.party_id)
        issue = self.store.issue(p.issue_id)
        return (f"{link('position', p.id, p.date.display)}: {esc(party.label)} on "
                f"{esc(issue.name)} — {esc(p.stance.symbol)} {esc(p.stance.label)}"
                + (f": {esc(p.summary)}" if p.summary else ""))

    def event(self, record_id: str) -> str:
        e = self.store.event(record_id)
        when = e.date.display + (f" – {e.end.display}" if e.end else "")
        return (f"<h3>{esc(e.title)}</h3>" + self._rows([
            ("Event", esc(e.kind)), ("Date", esc(when) + f" ({e.date.precision.label} precision)"),
            ("Parties", self._party_links(e.party_ids)), ("Issues", self._issue_links(e.issue_ids)),
            ("Tags", ", ".join(esc(t) for t in e.tags) or "—")])
            + (f"<p>{esc(e.description)}</p>" if e.description else "")
            + self._sources(e.source_ids) + self._answering("event_id", e.id))

    def proposal(self, record_id: str) -> str:
        p = self.store.proposal(record_id)
        issues = {i.id: i.name for i in self.store.issues()}
        terms = "".join(f"<tr><td><b>{link('issue', i, issues.get(i, '?'))}</b>&nbsp;</td>"
                        f"<td>{esc(t)}</td></tr>" for i, t in p.terms.items())
        return (f"<h3>{esc(p.title)}</h3>" + self._rows([
            ("Proposal", esc(p.status.label)), ("Date", esc(p.date.display)),
            ("Proposed by", self._party_links(p.proposer_ids)),
            ("Addressed to", self._party_links(p.addressee_ids))])
            + (f"<p>{esc(p.summary)}</p>" if p.summary else "")
            + (f"<p><b>Terms:</b></p><table cellspacing='2'>{terms}</table>" if terms else "")
            + self._sources(p.source_ids) + self._answering("proposal_id", p.id))

    def position(self, record_id: str) -> str:
        p = self.store.position(record_id)
        party, issue = self.store.party(p.party_id), self.store.issue(p.issue_id)
        answers = "—"
        if p.proposal_id:
            answers = link("proposal", p.proposal_id, self.store.proposal(p.proposal_id).title)
        elif p.event_id:
            answers = link("event", p.event_id, self.store.event(p.event_id).title)
        return (f"<h3>{esc(party.name)} on {esc(issue.name)}</h3>"
                + self._dispute(CellKey.of(p), p.id) + self._rows([
            ("Stance", esc(f"{p.stance.symbol} {p.stance.label}")),
            ("Date", esc(p.date.display)), ("Party", link("party", party.id, party.name)),
            ("Issue", link("issue", issue.id, issue.name)), ("Answers", answers)])
            + (f"<p><b>{esc(p.summary)}</b></p>" if p.summary else "")
            + (f"<p>{esc(p.detail)}</p>" if p.detail else "")
            + self._sources(p.source_ids) + self._history(p.party_id, p.issue_id))

    def _history(self, party_id: str, issue_id: str) -> str:
        history = self.store.position_history(party_id, issue_id)
        if not history:
            return "<p>No positions recorded.</p>"
        return "<p><b>History (newest first):</b></p><ul>" + "".join(
            f"<li>{link('position', h.id, h.date.display)} — {esc(h.stance.symbol)} "
            f"{esc(h.stance.label)}" + (f": {esc(h.summary)}" if h.summary else "") + "</li>"
            for h in history) + "</ul>"

    def cell(self, key: CellKey) -> str:
        party, issue = self.store.party(key.party_id), self.store.issue(key.issue_id)
        return (f"<h3>{esc(party.name)} on {esc(issue.name)}</h3>"
                + self._dispute(key) + self._history(key.party_id, key.issue_id))

    def _dispute(self, key: CellKey, position_id: str = "") -> str:
        """Who disagrees, on a disputed cell (analysts' positions from merged files); for
        a position, only when it is one of them."""
        from ..domain.grid_text import DISPUTE_MARK, stance_text

        cell = self.store.grid_snapshot(self.state.as_of).cell_at(key)
        if cell is None or not cell.disputed or (
                position_id and all(r.position.id != position_id for r in cell.rivals)):
            return ""
        rivals = "; ".join(esc(f"{r.who}: {stance_text(r.position.stance)}")
                           for r in cell.rivals)
        return (f"<p><b>{DISPUTE_MARK} Disputed</b> — analysts disagree: {rivals}. "
                "Keep one with the grid cell's menu (right-click).</p>")

    def _positions_in(self, cells: Iterable[tuple[str, CellKey]]) -> str:
        """"Positions as of <date>:", a row for each cell (label, key) that holds one."""
        current = self.store.positions_as_of(self.state.as_of)
        rows = [(label, link("position", p.id, f"{p.stance.label}: {isolate(p.summary)}"))
                for label, key in cells if (p := current.get(key.pair)) is not None]
        return (f"<p><b>Positions as of {esc(self.state.as_of.display)}:</b></p>"
                + (self._rows(rows) if rows else "<p>No positions as of this date.</p>"))

    def party(self, record_id: str) -> str:
        party = self.store.party(record_id)
        return (f"<h3>{esc(party.name)}</h3>" + self._rows([
            ("Short name", esc(party.short_name) or "—"), ("Role", esc(party.role.label))])
            + self._positions_in((i.name, CellKey(party.id, i.id)) for i in self.store.issues()))

    def issue(self, record_id: str) -> str:
        issue = self.store.issue(record_id)
        return (f"<h3>{esc(issue.name)}</h3>"
                + self._rows([("PA-X code", esc(issue.pax_code) or "—")])
                + (f"<p>{esc(issue.description)}</p>" if issue.description else "")
                + self._positions_in((p.label, CellKey(p.id, issue.id))
                                     for p in self.store.parties()))

    def source(self, record_id: str) -> str:
        s = self.store.source(record_id)
        return (f"<h3>{esc(s.title)}</h3>" + self._rows([
            ("Outlet", esc(s.outlet) or "—"), ("Date", esc(s.date.display) if s.date else "—"),
            ("Location", esc(s.location) or "—"),
            ("Grade", esc(grade_meaning(s.reliability, s.credibility)))])
            + (f"<p>{esc(s.notes)}</p>" if s.notes else ""))

    def assessment(self, record_id: str) -> str:
        a = self.store.assessment(record_id)
        issue = self.store.issue(a.issue_id)
        return (f"<h3>Gap on {esc(issue.name)}: {esc(a.gap.label)}</h3>" + self._rows([
            ("Judged by", "the analyst"), ("From", esc(a.date.display)),
            ("Issue", link("issue", issue.id, issue.name))])
            + (f"<p>{esc(a.note)}</p>" if a.note else ""))
