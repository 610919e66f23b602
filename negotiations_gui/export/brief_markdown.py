"""The brief as Markdown, for pasting into an e-mail: same blocks as the PDF.

User text is escaped so that Markdown (and any HTML it is turned into) shows
it exactly as typed: no stray emphasis, links or tags.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..domain.grid_text import (
    CHANGE_MARK,
    REWORD_MARK,
    cell_text,
    gap_text,
    is_reworded,
    position_brief,
    snapshot_heading,
    source_line,
)
from .brief_content import BlockKind, Brief
from .document import export_stamp, known_on_metadata
from .footnotes import SourceNumbers

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")


def escape(text: str) -> str:
    """Backslash-escape Markdown's special characters; collapse line breaks."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def brief_markdown(brief: Brief, *, generated: _dt.datetime | None = None) -> str:
    numbers = SourceNumbers(brief.sources)
    info = brief.info
    out = [f"**{escape(info.marking)}**", "", f"# {escape(info.title)}", "",
           f"## {escape(brief.title)}", "", f"_{export_stamp(brief.known_on, generated)}_", ""]
    if brief.known_on:  # the exact moment, unseen when rendered (see known_on_metadata)
        out += [f"<!-- {known_on_metadata(brief.known_on)} -->", ""]
    for block in brief.blocks:
        marks = numbers.marks(numbers.numbered(block.source_ids))
        text = escape(block.text) + (f" {marks}" if marks else "")  # "[1][3]" is safe
        if block.kind is BlockKind.HEADING:
            out += ["", f"### {text}", ""]
        elif block.kind is BlockKind.SUBHEADING:
            out += ["", f"**{text}**", ""]
        elif block.kind is BlockKind.ITEM:
            out.append(f"- {text}")
        elif block.kind is BlockKind.DETAIL:
            out.append(f"    - {text}")
        else:  # a paragraph of its own: after a list, CommonMark needs the blank line
            out += ["", text, ""]
    out += ["", f"### {escape(snapshot_heading(brief.snapshot))}", ""]
    out += _grid_table(brief, numbers)
    numbered = numbers.all_numbered()
    if numbered:
        out += ["", "### Sources (Admiralty grade: reliability A–F, credibility 1–6)", ""]
        out += [f"- [{n}] {escape(source_line(source))}" for n, source in numbered]
    out += ["", f"**{escape(info.marking)}**", ""]
    return "\n".join(_squeeze(out))


def _grid_table(brief: Brief, numbers: SourceNumbers) -> list[str]:
    snapshot = brief.snapshot
    header = ["Issue", *(p.name for p in snapshot.parties), "Gap"]
    lines = ["| " + " | ".join(escape(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    for issue in snapshot.issues:
        row = [escape(issue.name)]
        for party in snapshot.parties:
            cell = snapshot.cell(party.id, issue.id)
            text = escape(cell_text(cell))
            marks = numbers.marks(numbers.numbered(s.id for s in cell.sources))
            if marks:
                text += " " + marks
            if is_reworded(cell):
                text += f" {REWORD_MARK} reworded, same stance"
            elif cell.changed:
                text += f" **{CHANGE_MARK} was: " + escape(position_brief(cell.previous)) + "**"
            row.append(text)
        row.append(escape(gap_text(snapshot.gaps[issue.id])))
        lines.append("| " + " | ".join(row) + " |")
    if not snapshot.issues:
        lines.append("| (no issues) |" + " |" * (len(header) - 1))
    return lines


def _squeeze(lines: list[str]) -> list[str]:
    """Drop repeated blank lines (sections each bring their own spacing)."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return out
