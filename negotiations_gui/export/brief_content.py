"""The "what changed between C and D" brief, as a list of plain-text blocks.

Both the PDF and the Markdown brief are rendered from the same blocks, so
they say exactly the same thing. Bottom line up front: a summary (the issues
that moved, who moved, how the gaps changed), then for each issue the real
changes of stance (party, from → to, date, sources). A party's first position
that is only "unclear", and a position that only rewords the same stance,
are not changes of stance: each issue folds them into one line. Then the
proposals presented or answered in the window, the key events, and the grid
as of D. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from ..domain import (
    CaseInfo,
    ChangeSet,
    Event,
    GapReading,
    GridSnapshot,
    Issue,
    PartialDate,
    Party,
    Position,
    Proposal,
    Source,
    Stance,
    ordered_issues,
    ordered_parties,
)
from ..domain.bidi import isolate
from ..domain.grid_text import change_text, date_with_precision, gap_change_text


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
    known_on: str | None = None  # the moment the case is shown as recorded up to (UTC)

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
    gaps = (store.grid_snapshot(since).gaps, snapshot.gaps)
    blocks = brief_blocks(changes, parties, issues, sources, gaps)
    return Brief(store.case_info(), since, until, tuple(blocks), snapshot, sources,
                 store.known_on_stamp())


class ChangeKind(str, Enum):
    STANCE = "stance"  # a new stance, or a first position that says where the party stands
    FIRST_UNCLEAR = "first unclear"  # a first position that only says it is unclear
    WORDING = "wording"  # the same stance as before, in other words


def change_kind(before: Position | None, after: Position) -> ChangeKind:
    if before is None:
        return ChangeKind.FIRST_UNCLEAR if after.stance is Stance.UNCLEAR else ChangeKind.STANCE
    return ChangeKind.WORDING if before.stance is after.stance else ChangeKind.STANCE


def brief_blocks(changes: ChangeSet, parties: Mapping[str, Party], issues: Iterable[Issue],
                 sources: Mapping[str, Source],
                 gaps: tuple[Mapping[str, GapReading], Mapping[str, GapReading]] | None = None,
                 ) -> list[BriefBlock]:
    """The brief's body, section by section, in reading order; `gaps` are the gaps
    as of the start and the end (for the summary's gap changes)."""
    known = set(sources)
    issues = list(issues)
    by_issue: dict[str, dict[ChangeKind, list]] = {}
    for before, after in changes.positions:
        found = by_issue.setdefault(after.issue_id, {kind: [] for kind in ChangeKind})
        found[change_kind(before, after)].append((before, after))
    blocks = _summary(by_issue, parties, issues, gaps)
    blocks.append(BriefBlock(BlockKind.HEADING, "Position changes"))
    quiet = []
    for issue in issues:
        kinds = by_issue.get(issue.id)
        if not kinds or not kinds[ChangeKind.STANCE]:
            quiet.append(isolate(issue.name))
        if not kinds:
            continue
        blocks.append(BriefBlock(BlockKind.SUBHEADING, issue.name))
        for before, after in kinds[ChangeKind.STANCE]:
            text = f"{_name(after.party_id, parties)}: {change_text(before, after)}"
            blocks.append(BriefBlock(BlockKind.ITEM, text,
                                     tuple(s for s in after.source_ids if s in known)))
            if after.summary.strip():
                blocks.append(BriefBlock(BlockKind.DETAIL, after.summary.strip()))
        for kind, words in ((ChangeKind.FIRST_UNCLEAR, "First recorded, stance unclear"),
                            (ChangeKind.WORDING, "Reworded, stance unchanged")):
            if kinds[kind]:
                names = _names((after.party_id for _before, after in kinds[kind]), parties)
                blocks.append(BriefBlock(BlockKind.NOTE, f"{words}: {names}."))
    if not changes.positions:
        blocks.append(BriefBlock(BlockKind.NOTE, "No position changed in this period."))
    elif quiet:
        blocks.append(BriefBlock(BlockKind.NOTE,
                                 "No change of stance on: " + ", ".join(quiet) + "."))

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


def _summary(by_issue: Mapping[str, Mapping[ChangeKind, list]], parties: Mapping[str, Party],
             issues: list[Issue],
             gaps: tuple[Mapping[str, GapReading], Mapping[str, GapReading]] | None,
             ) -> list[BriefBlock]:
    """Bottom line up front: what moved, who moved, how the gaps changed."""
    blocks = [BriefBlock(BlockKind.HEADING, "Summary")]
    moved = [i for i in issues if by_issue.get(i.id, {}).get(ChangeKind.STANCE)]
    if not moved:
        blocks.append(BriefBlock(BlockKind.NOTE, "No party changed its stance in this period."))
    else:
        blocks.append(BriefBlock(BlockKind.ITEM, "Issues that moved: "
                                 + ", ".join(isolate(i.name) for i in moved) + "."))
        movers: dict[str, list[str]] = {}
        for issue in moved:
            for _before, after in by_issue[issue.id][ChangeKind.STANCE]:
                movers.setdefault(after.party_id, []).append(isolate(issue.name))
        ordered = ordered_parties([parties[p] for p in movers if p in parties])
        who = [f"{isolate(p.name)} ({_issue_list(movers[p.id], len(issues))})"
               for p in ordered]
        who += ["(deleted party)" for p in movers if p not in parties]
        blocks.append(BriefBlock(BlockKind.ITEM, "Who moved: " + "; ".join(who) + "."))
    if gaps is not None:
        before, after = gaps
        shifts = [f"{isolate(i.name)}: {gap_change_text(before[i.id], after[i.id])}" for i in issues
                  if i.id in before and i.id in after and before[i.id].gap != after[i.id].gap]
        blocks.append(BriefBlock(BlockKind.ITEM, ("Gap changes: " + "; ".join(shifts) + ".")
                                 if shifts else "No gap changed."))
    return blocks


def _issue_list(names: list[str], total: int) -> str:
    return "all issues" if len(names) == total and total > 1 else ", ".join(names)


def _name(party_id: str, parties: Mapping[str, Party]) -> str:
    party = parties.get(party_id)
    return isolate(party.name) if party else "(deleted party)"


def _names(ids: Iterable[str], parties: Mapping[str, Party]) -> str:
    """Party names in the grid's order (principals first), whatever order ids come in."""
    chosen = [parties[i] for i in set(ids) if i in parties]
    return ", ".join(isolate(p.name) for p in ordered_parties(chosen))


def _proposal_blocks(proposal: Proposal, parties: Mapping[str, Party], issues: list[Issue],
                     known: set[str]) -> list[BriefBlock]:
    text = (f"{date_with_precision(proposal.date)} · {isolate(proposal.title)} "
            f"({proposal.status.label})")
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
            blocks.append(BriefBlock(BlockKind.DETAIL, f"{isolate(issue.name)}: {isolate(term)}"))
    return blocks


def _event_blocks(event: Event, parties: Mapping[str, Party],
                  known: set[str]) -> list[BriefBlock]:
    when = date_with_precision(event.date)
    if event.end is not None:
        when += f" – {date_with_precision(event.end)}"
    text = f"{when} · {isolate(event.kind.capitalize())}: {isolate(event.title)}"
    involved = _names(event.party_ids, parties)
    if involved:
        text += f" ({involved})"
    blocks = [BriefBlock(BlockKind.ITEM, text, tuple(s for s in event.source_ids if s in known))]
    if event.description.strip():
        blocks.append(BriefBlock(BlockKind.DETAIL, event.description.strip()))
    return blocks
