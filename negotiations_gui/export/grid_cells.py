"""The content of each grid cell on paper, as measured lines.

The words come from `domain.grid_text`, the same functions the on-screen grid
uses, so screen and paper agree: the stance as symbol and word on its colour,
the summary, the date with its precision, source footnote marks, and for a
changed cell what it was before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import GapReading, GridCell, Issue, PartialDate, Party, palette
from ..domain.bidi import isolate
from ..domain.grid_text import (
    CHANGE_MARK,
    NO_POSITION,
    REWORD_MARK,
    date_with_precision,
    dispute_line,
    gap_detail,
    gap_text,
    is_reworded,
    position_brief,
    stance_text,
)
from .fonts import export_font
from .footnotes import SourceNumbers
from .page import pt
from .text_block import TextBlock, TextLine, stack

PADDING = pt(3)
ACCENT = pt(3)  # the party-colour bar at the top of a party header
_BODY_POINTS = 8.0
_SMALL_POINTS = 6.5
_GAP_FILL = palette.PRINT_GAP_FILL
_HEADER_FILL = palette.PRINT_HEADER_FILL


@dataclass
class CellContent:
    lines: list[TextLine] = field(default_factory=list)
    fill: str | None = None
    accent: str | None = None  # colour bar across the top (party headers)
    emphasis: bool = False  # drawn with a heavy border (changed cells)

    @property
    def top_inset(self) -> float:
        return PADDING + (ACCENT if self.accent else 0.0)

    def height_of(self, first: int, last: int) -> float:
        """Height of the cell showing lines[first:last], padding included."""
        if last <= first:
            return self.top_inset + PADDING
        return self.lines[last - 1].bottom - self.lines[first].top + self.top_inset + PADDING

    @property
    def height(self) -> float:
        return self.height_of(0, len(self.lines))


NAME_LINES = 4  # a party's or an issue's name longer than this is shortened, and noted


def party_header(party: Party, width: float, numbers: SourceNumbers) -> CellContent:
    inner = width - 2 * PADDING
    role = party.role.label + (f" · {isolate(party.short_name)}" if party.short_name
                               and party.short_name != party.name else "")
    notes = numbers.full_texts
    blocks = [notes.wrap("Party name", party.name, export_font(8.5, bold=True), inner,
                         NAME_LINES),
              notes.wrap("Party role and short name", role, export_font(_SMALL_POINTS), inner, 2,
                         colour=palette.SOFT_INK)]
    return CellContent(stack(blocks, gap=pt(1)), fill=_HEADER_FILL, accent=party.colour)


def text_header(text: str, width: float) -> CellContent:
    lines = stack([TextBlock.wrap(text, export_font(8.5, bold=True), width - 2 * PADDING)])
    return CellContent(lines, fill=_HEADER_FILL)


def issue_cell(issue: Issue, width: float, numbers: SourceNumbers,
               pax_codes: bool = False) -> CellContent:
    """The issue's name; its PA-X code under it only when asked for (explained in the legend)."""
    inner = width - 2 * PADDING
    blocks = [numbers.full_texts.wrap("Issue name", issue.name, export_font(8.5, bold=True),
                                      inner, NAME_LINES)]
    if pax_codes and issue.pax_code:
        blocks.append(TextBlock.wrap(f"PA-X: {issue.pax_code}", export_font(_SMALL_POINTS),
                                     inner, colour=palette.SOFT_INK))
    return CellContent(stack(blocks, gap=pt(1)), fill=_HEADER_FILL)


def position_cell(cell: GridCell, since: PartialDate | None, width: float,
                  numbers: SourceNumbers) -> CellContent:
    inner = width - 2 * PADDING
    position = cell.position
    if position is None:
        blocks = [TextBlock.wrap(NO_POSITION, export_font(_BODY_POINTS, italic=True), inner,
                                 colour=palette.FAINT_INK)]
        fill = None
    else:
        blocks = [TextBlock.wrap(stance_text(position.stance),
                                 export_font(_BODY_POINTS, bold=True), inner, tight=True)]
        if position.summary.strip():
            blocks.append(TextBlock.wrap(position.summary.strip(), export_font(_BODY_POINTS),
                                         inner))
        source_ids = numbers.numbered(s.id for s in cell.sources)
        meta = date_with_precision(position.date)
        marks = numbers.marks(source_ids)
        if marks:
            meta += f"  {marks}"
        blocks.append(TextBlock.wrap(meta, export_font(_SMALL_POINTS), inner, colour=palette.INK,
                                     source_ids=source_ids))
        fill = palette.stance_fill(position.stance)
    reworded = is_reworded(cell)
    if cell.changed:
        when = f" since {since.display}" if since is not None else ""
        text = (f"{REWORD_MARK} Reworded{when}; same stance" if reworded
                else f"{CHANGE_MARK} Changed{when}; was: {position_brief(cell.previous)}")
        blocks.append(TextBlock.wrap(text, export_font(_SMALL_POINTS, bold=not reworded), inner))
    if cell.disputed:  # analysts disagree (merged files): said in words, on every copy
        blocks.append(TextBlock.wrap(dispute_line(cell), export_font(_SMALL_POINTS, bold=True),
                                     inner))
    # the heavy border is for a change of stance; a rewording has only its line
    return CellContent(stack(blocks, gap=pt(1.5)), fill=fill,
                       emphasis=cell.changed and not reworded)


def gap_cell(reading: GapReading, width: float) -> CellContent:
    inner = width - 2 * PADDING
    blocks = [TextBlock.wrap(gap_text(reading), export_font(_BODY_POINTS, bold=True), inner)]
    if reading.by_analyst:
        blocks.append(TextBlock.wrap(gap_detail(reading), export_font(_SMALL_POINTS), inner,
                                     colour=palette.INK))
    return CellContent(stack(blocks, gap=pt(1.5)), fill=_GAP_FILL)
