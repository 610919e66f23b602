"""Blocks of text flowed onto pages, breaking between lines.

A heading is never left alone at the foot of a page; sources are footnoted on
the page that cites them. The brief's pages, and the notes at the end of any
export that give shortened texts in full, are laid out here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt

from ..domain import palette
from .brief_content import BlockKind, BriefBlock
from .fonts import export_font
from .footnotes import FootnoteArea, SourceNumbers
from .page import pt
from .text_block import TextBlock, TextLine, stack

# kind -> (point size, bold, italic, colour, indent, space before)
_STYLE = {
    BlockKind.HEADING: (12.0, True, False, palette.BLACK, 0.0, pt(10)),
    BlockKind.SUBHEADING: (10.0, True, False, palette.BLACK, 0.0, pt(6)),
    BlockKind.ITEM: (9.5, False, False, palette.BLACK, pt(14), pt(3)),
    BlockKind.DETAIL: (8.5, False, False, palette.SOFT_INK, pt(26), pt(1)),
    BlockKind.NOTE: (9.5, False, True, palette.SOFT_INK, 0.0, pt(4)),
}
_BULLET = "•"


@dataclass
class PlacedLine:
    line: TextLine
    x: float
    y: float


@dataclass
class FlowPage:
    placed: list[PlacedLine] = field(default_factory=list)
    height: float = 0.0

    @property
    def source_ids(self) -> set[str]:
        return {s for p in self.placed for s in p.line.source_ids}

    def paint(self, painter, area: QRectF) -> None:
        for item in self.placed:
            item.line.draw(painter, QPointF(area.left() + item.x,
                                            area.top() + item.y - item.line.top))


@dataclass
class _Unit:
    """One block's lines, with where they go across and the space above them."""

    lines: list[tuple[TextLine, float]]
    space_before: float
    keep_with_next: bool


def _unit(block: BriefBlock, numbers: SourceNumbers, width: float) -> _Unit:
    size, bold, italic, colour, indent, space = _STYLE[block.kind]
    source_ids = numbers.numbered(block.source_ids)
    marks = numbers.marks(source_ids)
    # LEFT-TO-RIGHT MARK: marks after an Arabic or Hebrew name stay at the end of the line
    text = block.text + (f"\u200e  {marks}" if marks else "")
    font = export_font(size, bold=bold, italic=italic)
    # The brief is English prose: its lines run left to right even when they start
    # with an Arabic or Hebrew name (which Qt still shapes and orders within the line).
    body = stack([TextBlock.wrap(text, font, width - indent, colour=colour,
                                 source_ids=source_ids, direction=Qt.LayoutDirection.LeftToRight)])
    lines = [(line, indent) for line in body]
    if block.kind in (BlockKind.ITEM, BlockKind.DETAIL):
        bullet = stack([TextBlock.wrap(_BULLET if block.kind is BlockKind.ITEM else "–",
                                       font, pt(10), colour=colour)])
        # on the first line's baseline (Arabic makes that line taller), and listed after
        # it, so a page break never strands the bullet
        first = body[0].layout.lineAt(body[0].index)
        mark = bullet[0].layout.lineAt(bullet[0].index)
        bullet[0].shift(body[0].top + first.ascent() - mark.ascent() - bullet[0].top)
        lines.insert(1, (bullet[0], indent - pt(10)))
    keep = block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING)
    return _Unit(lines, space, keep)


def flow_pages(blocks, numbers: SourceNumbers, footnotes: FootnoteArea,
               area: QRectF) -> list[FlowPage]:
    units = [_unit(b, numbers, area.width()) for b in blocks]
    pages = [FlowPage()]
    room = area.height()
    for n, unit in enumerate(units):
        # a heading needs room for itself and the first line of what follows
        follow = 0.0
        if unit.keep_with_next and n + 1 < len(units):
            nxt = units[n + 1]
            follow = nxt.space_before + _first_line_height(nxt)
        top = pages[-1].height + (unit.space_before if pages[-1].placed else 0.0)
        block_top = unit.lines[0][0].top
        for index, (line, x) in enumerate(unit.lines):
            page = pages[-1]
            y = top + (line.top - block_top)
            need = line.bottom - block_top + (follow if index == len(unit.lines) - 1 else 0.0)
            cited = page.source_ids | set(line.source_ids)
            if page.placed and top + need + footnotes.height(cited) > room:
                pages.append(FlowPage())
                top = -(line.top - block_top)  # this line opens the new page
                y = 0.0
            pages[-1].placed.append(PlacedLine(line, x, y))
            pages[-1].height = max(pages[-1].height, y + line.height)
    return pages


def _first_line_height(unit: _Unit) -> float:
    lines = [line for line, x in unit.lines]
    return min(line.bottom for line in lines) - min(line.top for line in lines)


FULL_TEXTS_TITLE = "Shortened on the pages above, given here in full"


def full_text_blocks(numbers: SourceNumbers, every: bool = False) -> list[BriefBlock]:
    """The notes too long for a footnote (all of them when `every`), as a section."""
    notes = numbers.full_texts
    ids = notes.at_end(every)
    if not ids:
        return []
    return [BriefBlock(BlockKind.HEADING, FULL_TEXTS_TITLE)] + [
        BriefBlock(BlockKind.ITEM, notes.full_text(n)) for n in ids]
