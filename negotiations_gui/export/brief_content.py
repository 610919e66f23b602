"""The "what changed between C and D" brief, as a list of plain-text blocks.

Both the PDF and the Markdown brief are rendered from the same blocks, so
they say exactly the same thing: for each issue the positions that changed
(party, from → to, date, sources), the proposals presented or answered in the
window, the key events, and then the grid as of D. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from ..domain import (
    CaseInfo,
    ChangeSet,
    Event,
    GridSnapshot,
    Issue,
    PartialDate,
    Party,
    Proposal,
    Source,
    ordered_issues,
    ordered_parties,
)
from ..domain.grid_text import change_text, date_with_precision


class BlockKind(str, Enum):
    HEADING = "heading"  # a section: "Position changes", "Proposals", ...
    SUBHEADING = "subheading"  # an issue within "Position changes"
    ITEM = "item"  # a bullet
    DETAIL = "detail"  # an indented line under the item before it
    NOTE = "note"  # a plain sentence ("Nothing changed ...")


@dataclass(frozen=True)
class BriefBlock:
    kind: BlockKind
    text: str
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    info: CaseInfo
    since: PartialDate
    until: PartialDate
    blocks: tuple[BriefBlock, ...]
    snapshot: GridSnapshot  # the grid as of `until`, marked against `since`
    sources: Mapping[str, Source]

    @property
    def title(self) -> str:
        return brief_title(self.since, self.until)


def brief_title(since: PartialDate, until: PartialDate) -> str:
    return f"What changed: {since.display} → {until.display}"


def build_brief(store, since: PartialDate, until: PartialDate) -> Brief:
    """Gather the brief from an open `CaseStore` (read only)."""
    changes = store.changes_between(since, until)
    snapshot = store.grid_snapshot(until, since)
    parties = {p.id: p for p in store.parties()}
    issues = ordered_issues(store.issues())
    sources = {s.id: s for s in store.sources()}
    for cell in snapshot.cells.values():
        sources.update((s.id, s) for s in cell.sources)
    blocks = brief_blocks(changes, parties, issues, sources)
    return Brief(store.case_info(), since, until, tuple(blocks), snapshot, sources)


def brief_blocks(changes: ChangeSet, parties: Mapping[str, Party], issues: Iterable[Issue],
                 sources: Mapping[str, Source]) -> list[BriefBlock]:
    """The brief's body, section by section, in reading order."""
    known = set(sources)
    blocks = [BriefBlock(BlockKind.HEADING, "Position changes")]
    by_issue: dict[str, list] = {}
    for before, after in changes.positions:
        by_issue.setdefault(after.issue_id, []).append((before, after))
    issues = list(issues)
    quiet = []
    for issue in issues:
        moved = by_issue.get(issue.id)
        if not moved:
            quiet.append(issue.name)
            continue
        blocks.append(BriefBlock(BlockKind.SUBHEADING, issue.name))
        for before, after in moved:
            party = parties.get(after.party_id)
            name = party.name if party else "(deleted party)"
            blocks.append(BriefBlock(BlockKind.ITEM, f"{name}: {change_text(before, after)}",
                                     tuple(s for s in after.source_ids if s in known)))
            if after.summary.strip():
                blocks.append(BriefBlock(BlockKind.DETAIL, after.summary.strip()))
    if not changes.positions:
        blocks.append(BriefBlock(BlockKind.NOTE, "No position changed in this period."))
    elif quiet:
        blocks.append(BriefBlock(BlockKind.NOTE, "No change on: " + ", ".join(quiet) + "."))

    blocks.append(BriefBlock(BlockKind.HEADING, "Proposals presented or answered"))
    for proposal in changes.proposals:
        blocks += _proposal_blocks(proposal, parties, issues, known)
    if not changes.proposals:
        blocks.append(BriefBlock(BlockKind.NOTE, "No proposal in this period."))

    blocks.append(BriefBlock(BlockKind.HEADING, "Key events"))
    for event in sorted(changes.events, key=lambda e: (e.date.iso, e.title.casefold())):
        blocks += _event_blocks(event, parties, known)
    if not changes.events:
        blocks.append(BriefBlock(BlockKind.NOTE, "No event recorded in this period."))
    return blocks


def _names(ids: Iterable[str], parties: Mapping[str, Party]) -> str:
    """Party names in the grid's order (principals first), whatever order ids come in."""
    chosen = [parties[i] for i in set(ids) if i in parties]
    return ", ".join(p.name for p in ordered_parties(chosen))


def _proposal_blocks(proposal: Proposal, parties: Mapping[str, Party], issues: list[Issue],
                     known: set[str]) -> list[BriefBlock]:
    text = f"{date_with_precision(proposal.date)} · {proposal.title} ({proposal.status.label})"
    by, to = _names(proposal.proposer_ids, parties), _names(proposal.addressee_ids, parties)
    if by:
        text += f"; proposed by {by}"
    if to:
        text += f"; to {to}"
    blocks = [BriefBlock(BlockKind.ITEM, text,
                         tuple(s for s in proposal.source_ids if s in known))]
    if proposal.summary.strip():
        blocks.append(BriefBlock(BlockKind.DETAIL, proposal.summary.strip()))
    for issue in issues:
        term = proposal.terms.get(issue.id, "").strip()
        if term:
            blocks.append(BriefBlock(BlockKind.DETAIL, f"{issue.name}: {term}"))
    return blocks


def _event_blocks(event: Event, parties: Mapping[str, Party],
                  known: set[str]) -> list[BriefBlock]:
    when = date_with_precision(event.date)
    if event.end is not None:
        when += f" – {date_with_precision(event.end)}"
    text = f"{when} · {event.kind.capitalize()}: {event.title}"
    involved = _names(event.party_ids, parties)
    if involved:
        text += f" ({involved})"
    blocks = [BriefBlock(BlockKind.ITEM, text, tuple(s for s in event.source_ids if s in known))]
    if event.description.strip():
        blocks.append(BriefBlock(BlockKind.DETAIL, event.description.strip()))
    return blocks
