"""How the position grid reads as words: shared by the screen and the PDF snapshot.

Every phrase a briefing officer might see in both places (a cell's stance and
date, a change "from → to", the gap and whose judgement it is, a source badge)
is written here once, so the window and the printed page always agree.
Plain text only: callers that build HTML must escape it. User text in these
phrases is a bidi isolate (see bidi.py), so it cannot reorder the words around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .bidi import isolate
from .dates import PartialDate, Precision
from .entities import Event, Issue, Party, Position, Proposal, Source
from .gap import GapReading
from .grid import GridCell, GridSnapshot, dispute_text
from .vocabulary import Gap, PartyRole, Stance, grade_meaning

NO_POSITION = "No recorded position"
CHANGE_ARROW = "→"

# One symbol per gap, readable without colour (the same idea as stance symbols).
_GAP_SYMBOL = {
    Gap.CONVERGED: "●",
    Gap.NARROWING: "◐",
    Gap.WIDE: "○",
    Gap.UNKNOWN: "?",
}

_PRECISION_NOTE = {
    Precision.DAY: "",
    Precision.MONTH: "month only",
    Precision.YEAR: "year only",
}


def role_group_label(role: PartyRole) -> str:
    """The heading over a group of party columns: "Principals", "Mediators"."""
    return f"{role.label}s"


def stance_text(stance: Stance) -> str:
    """Symbol and word: "✘ Rejects". Reads in grayscale and without colour."""
    return f"{stance.symbol} {stance.label}"


def date_text(date: PartialDate) -> str:
    """A position's date as shown in a cell: "12 Aug 2025", "Aug 2025"."""
    return date.display


def date_precision_note(date: PartialDate) -> str:
    """Words for a date known only to the month or year ("month only"), else ""."""
    return _PRECISION_NOTE[date.precision]


def date_with_precision(date: PartialDate) -> str:
    """"Aug 2025 (month only)" for partial dates, "12 Aug 2025" for days."""
    note = date_precision_note(date)
    return f"{date.display} ({note})" if note else date.display


def position_brief(position: Position | None) -> str:
    """Stance and date in a few words: "Conditional, 12 Aug 2025"; the empty cell's words."""
    if position is None:
        return NO_POSITION.lower()
    return f"{position.stance.label}, {date_text(position.date)}"


def change_text(previous: Position | None, current: Position | None) -> str:
    """How a cell moved: "Demands, 1 Aug 2025 → Conditional, 12 Aug 2025"."""
    return f"{position_brief(previous)} {CHANGE_ARROW} {position_brief(current)}"


CHANGE_MARK = "▲"  # a change of stance (or a first position)
REWORD_MARK = "△"  # the same stance in other words: a lesser change, marked apart


def change_tag(previous: Position | None, current: Position | None = None) -> str:
    """The mark on a changed cell: "NEW" when nothing was recorded before, "REWORDED"
    when the stance is the same as before (only the wording moved), else "CHANGED"."""
    if previous is None:
        return "NEW"
    if current is not None and current.stance is previous.stance:
        return "REWORDED"
    return "CHANGED"


def is_reworded(cell: GridCell) -> bool:
    """A changed cell whose stance did not change."""
    return cell.changed and change_tag(cell.previous, cell.position) == "REWORDED"


def previous_text(previous: Position | None) -> str:
    """What a changed cell held before, in a few words: "was ≈ Conditional, c. 2025"."""
    if previous is None:
        return "was: no recorded position"
    return f"was {stance_text(previous.stance)}, {date_text(previous.date)}"


def change_sentence(cell: GridCell, since: PartialDate | None) -> str:
    """The tooltip line for a changed cell: "Changed since 8 Aug 2025: A → B"."""
    when = f" since {since.display}" if since is not None else ""
    if is_reworded(cell):
        return f"Reworded{when}, stance unchanged: {change_text(cell.previous, cell.position)}"
    return f"Changed{when}: {change_text(cell.previous, cell.position)}"


def source_badge(cell: GridCell) -> str:
    """The best Admiralty grade among the cell's sources ("B2"), or "" when none."""
    best = cell.best_source
    return best.grade if best is not None else ""


def source_line(source: Source) -> str:
    """One source for a tooltip or footnote: "B2 — Usually reliable, …: Title (Outlet, date)"."""
    when = source.date.display if source.date else ""
    where = ", ".join(x for x in (isolate(source.outlet), when) if x)
    tail = f" ({where})" if where else ""
    return f"{grade_meaning(source.reliability, source.credibility)}: {isolate(source.title)}{tail}"


def sources_text(sources: Iterable[Source]) -> str:
    """Sources best grade first, one per line; "No source recorded" when none."""
    ordered = sorted(sources, key=lambda s: (s.grade_key, s.title.casefold()))
    if not ordered:
        return "No source recorded"
    return "\n".join(source_line(s) for s in ordered)


def gap_symbol(gap: Gap) -> str:
    return _GAP_SYMBOL[gap]


def gap_text(reading: GapReading) -> str:
    """"○ Wide", or "◐ Narrowing (analyst)" when the analyst's assessment wins."""
    text = f"{gap_symbol(reading.gap)} {reading.gap.label}"
    return f"{text} (analyst)" if reading.by_analyst else text


def gap_change_text(before: GapReading, after: GapReading) -> str:
    """How the gap on an issue moved: "○ Wide → ◐ Narrowing (analyst)"."""
    return f"{gap_text(before)} {CHANGE_ARROW} {gap_text(after)}"


def gap_detail(reading: GapReading) -> str:
    """Whose judgement the gap is, and what the stance rule alone says."""
    assessment = reading.assessment
    if assessment is None:  # not by the analyst
        return f"Derived from the principals' stances: {reading.derived.label.lower()}."
    lines = [f"Analyst's assessment, {date_text(assessment.date)}: {reading.gap.label.lower()}."]
    if assessment.note.strip():
        lines.append(assessment.note.strip())
    if reading.derived is not reading.gap:
        lines.append(f"The stance rule alone would say: {reading.derived.label.lower()}.")
    return "\n".join(lines)


# marks a cell whose analysts disagree (merged files): in the window grid and the PDF
DISPUTE_MARK = "≠"
DISPUTE_TAG = f"{DISPUTE_MARK} DISPUTED"


def dispute_line(cell: GridCell) -> str:
    """'≠ Disputed: A. Levi ≈ Conditional; R. Cohen ✘ Rejects' (the grid PDF's line)."""
    return f"{DISPUTE_MARK} Disputed: " + "; ".join(
        f"{r.who} {stance_text(r.position.stance)}" for r in cell.rivals)


def cell_text(cell: GridCell) -> str:
    """A cell as one line for pasting into a brief.

    "✘ Rejects: Will not disarm (12 Aug 2025; best source B2)".
    """
    position = cell.position
    if position is None:
        return NO_POSITION
    details = [date_with_precision(position.date)]
    badge = source_badge(cell)
    if badge:
        details.append(f"best source {badge}")
    summary = position.summary.strip()
    head = stance_text(position.stance) + (f": {isolate(summary)}" if summary else "")
    disputed = f" [{DISPUTE_MARK} disputed]" if cell.disputed else ""
    return f"{head} ({'; '.join(details)}){disputed}"


def cell_tooltip(cell: GridCell, since: PartialDate | None) -> str:
    """Everything about one cell: party, issue, stance, summary, date, change, sources."""
    lines = [f"{isolate(cell.party.name)} on {isolate(cell.issue.name)}"]
    position = cell.position
    if position is None:
        lines.append(NO_POSITION + ".")
    else:
        lines.append(f"{stance_text(position.stance)} — {position.stance.meaning}")
        if position.summary.strip():
            lines.append(position.summary.strip())
        lines.append(f"Dated {date_with_precision(position.date)}")
    if cell.changed:
        lines.append(change_sentence(cell, since))
    if cell.disputed:
        lines.append(dispute_text(cell.rivals)
                     + ". Choose one in the cell's menu (right-click).")
    if position is not None:
        lines.append("Sources:")
        lines.append(sources_text(cell.sources))
    return "\n".join(lines)


def proposal_line(proposal: Proposal) -> str:
    """"Proposal: Egyptian–Qatari framework (presented, 18 Aug 2025)"."""
    return (f"Proposal: {isolate(proposal.title)} ({proposal.status.label.lower()}, "
            f"{proposal.date.display})")


def event_line(event: Event) -> str:
    """"Event: Security cabinet decision (8 Aug 2025)"."""
    return f"Event: {isolate(event.title)} ({event.date.display})"


def answers_text(proposal: Proposal | None, event: Event | None) -> str:
    """What a position answers, one line each: the proposal, then the event; "" for none."""
    lines = ([proposal_line(proposal)] if proposal else []) + ([event_line(event)] if event else [])
    return "\n".join(lines)


def snapshot_heading(snapshot: GridSnapshot) -> str:
    """"Positions as of 20 Aug 2025 (changes since 8 Aug 2025)"."""
    text = f"Positions as of {snapshot.as_of.display}"
    if snapshot.since is not None:
        text += f" (changes since {snapshot.since.display})"
    return text


def grid_table_text(snapshot: GridSnapshot, issues: Sequence[Issue], parties: Sequence[Party],
                    *, with_gap: bool = True) -> str:
    """Tab-separated table (issues down, parties across) that pastes into a brief or sheet.

    A changed cell ends with "[changed: A → B]" so the mark survives as words.
    """
    header = ["Issue", *(p.name for p in parties)] + (["Gap"] if with_gap else [])
    lines = ["\t".join(header)]
    for issue in issues:
        row = [issue.name]
        for party in parties:
            cell = snapshot.cell(party.id, issue.id)
            text = cell_text(cell)
            if cell.changed:
                text += f" [changed: {change_text(cell.previous, cell.position)}]"
            row.append(text)
        if with_gap:
            row.append(gap_text(snapshot.gaps[issue.id]))
        lines.append("\t".join(_one_line(x) for x in row))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
