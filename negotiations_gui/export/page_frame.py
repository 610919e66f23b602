"""What surrounds every exported page: marking, title, legend, footnotes, footer.

The handling marking is printed at the top and the bottom of every page; the
footer gives the generation time and "Page N of M". The frame is measured once
per document, so every page of it has the same content area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..domain import Gap, Stance, palette
from ..domain.grid_text import CHANGE_MARK, REWORD_MARK, gap_symbol, stance_text
from .fonts import export_font
from .footnotes import FOOTNOTE_POINTS, FootnoteArea
from .page import PageGeometry, pt
from .text_block import TextBlock, TextLine, draw_lines, stack

_RULE = QColor(palette.RULE)
TITLE_LINES = 3  # a longer case title is shortened, and given in full in a note
MARKING_LINES = 2


@dataclass
class FrameText:
    """The words a frame prints; all plain text."""

    title: str
    subtitle: str
    marking: str
    generated: str  # "Generated 25 Nov 2026 01:30 UTC"
    legend: bool = False
    since_display: str | None = None
    pax_codes: bool = False  # issue rows show their PA-X codes: the legend says what they are
    sources_at_end: bool = False  # "[n]" points to the list at the end, not a footnote


class PageFrame:
    def __init__(self, geometry: PageGeometry, text: FrameText, footnotes: FootnoteArea):
        self.geometry = geometry
        self.text = text
        self.footnotes = footnotes
        body = geometry.body
        width = body.width()
        notes = footnotes.numbers.full_texts
        marking_font = export_font(9, bold=True)
        centred = Qt.AlignmentFlag.AlignHCenter
        self.marking_top = notes.wrap("Handling marking", text.marking, marking_font, width,
                                      MARKING_LINES, align=centred)
        self.marking_bottom = notes.wrap("Handling marking", text.marking, marking_font,
                                         width * 0.5, MARKING_LINES, align=centred)
        self.title = notes.wrap("Case title", text.title, export_font(13, bold=True),
                                width * 0.6, TITLE_LINES)
        self.subtitle = TextBlock.wrap(
            text.subtitle, export_font(10), width * 0.38,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.generated = TextBlock.wrap(text.generated, export_font(7), width * 0.25,
                                        colour=palette.SOFT_INK)
        self.legend = legend_items(text.since_display, width, pax_codes=text.pax_codes,
                                   sources_at_end=text.sources_at_end) if text.legend else []
        self.legend_height = max((item.y + item.height for item in self.legend), default=0.0)
        self.header_height = (self.marking_top.height + pt(4)
                              + max(self.title.height, self.subtitle.height) + pt(4)
                              + (self.legend_height + pt(5) if self.legend else 0.0))
        page_line = TextBlock.wrap("Page 0 of 0", export_font(7), width * 0.25)
        self.footer_height = pt(5) + max(self.marking_bottom.height, page_line.height,
                                         self.generated.height)
        # the frame's own shortened texts, footnoted on every page just above the footer
        note_ids = notes.ordered({s for block in (self.marking_top, self.title,
                                                  self.marking_bottom)
                                  for line in block.lines for s in line.source_ids})
        self.notes = stack([TextBlock.wrap(notes.footnote_text(n), export_font(FOOTNOTE_POINTS),
                                           width, colour=palette.INK) for n in note_ids],
                           gap=footnotes.gap)
        self.notes_height = (footnotes.rule_space + self.notes[-1].bottom) if self.notes else 0.0

    @property
    def content(self) -> QRectF:
        """Where page content (grid or brief text) and footnotes go."""
        body = self.geometry.body
        return QRectF(body.left(), body.top() + self.header_height, body.width(),
                      body.height() - self.header_height - self.footer_height
                      - self.notes_height)

    def paint(self, painter: QPainter, number: int, total: int,
              source_ids: Iterable[str]) -> None:
        body = self.geometry.body
        left, top, width = body.left(), body.top(), body.width()
        draw_lines(painter, self.marking_top.lines, QPointF(left, top))
        y = top + self.marking_top.height + pt(2)
        _rule(painter, left, y, width, pt(0.8))
        y += pt(2)
        draw_lines(painter, self.title.lines, QPointF(left, y))
        draw_lines(painter, self.subtitle.lines, QPointF(left + width * 0.62, y))
        y += max(self.title.height, self.subtitle.height) + pt(4)
        for item in self.legend:
            item.paint(painter, QPointF(left, y))
        # footnotes sit just above the footer
        footer_top = body.bottom() - self.footer_height
        self._paint_footnotes(painter, left, footer_top, source_ids)
        _rule(painter, left, footer_top + pt(2), width, pt(0.8))
        y = footer_top + pt(5)
        draw_lines(painter, self.generated.lines, QPointF(left, y))
        draw_lines(painter, self.marking_bottom.lines, QPointF(left + width * 0.25, y))
        page = TextBlock.wrap(f"Page {number} of {total}", export_font(7), width * 0.25,
                              align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        draw_lines(painter, page.lines, QPointF(left + width * 0.75, y))


    def _paint_footnotes(self, painter: QPainter, left: float, bottom: float,
                         source_ids: Iterable[str]) -> None:
        """The frame's own notes (the title's), then the page's footnotes, above `bottom`."""
        foot_lines = self.footnotes.lines(source_ids)
        space = self.footnotes.rule_space
        foot_height = (foot_lines[-1].bottom + space) if foot_lines else 0.0
        top = bottom - foot_height - self.notes_height
        if not foot_lines and not self.notes:
            return
        _rule(painter, left, top + pt(2), self.geometry.body.width() * 0.3, pt(0.5))
        if self.notes:
            draw_lines(painter, self.notes, QPointF(left, top + space))
        if foot_lines:
            draw_lines(painter, foot_lines, QPointF(left, top + self.notes_height + space))


def _rule(painter: QPainter, x: float, y: float, width: float, thickness: float) -> None:
    painter.setPen(QPen(_RULE, thickness))
    painter.drawLine(QPointF(x, y), QPointF(x + width, y))


@dataclass
class LegendItem:
    lines: list[TextLine]
    x: float
    y: float
    width: float
    height: float
    swatch: str | None = None  # fill colour of the swatch before the text

    def paint(self, painter: QPainter, origin: QPointF) -> None:
        x = origin.x() + self.x
        y = origin.y() + self.y
        if self.swatch:
            size = self.height * 0.8
            painter.setPen(QPen(_RULE, pt(0.4)))
            painter.setBrush(QColor(self.swatch))
            painter.drawRect(QRectF(x, y + (self.height - size) / 2, size, size))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            x += size + pt(2)
        draw_lines(painter, self.lines, QPointF(x, y))


def legend_items(since_display: str | None, width: float, *, pax_codes: bool = False,
                 sources_at_end: bool = False) -> list[LegendItem]:
    """The legend, flowed into lines no wider than `width`."""
    entries: list[tuple[str, str | None]] = [(stance_text(s), palette.stance_fill(s))
                                                   for s in Stance]
    if since_display:  # with no compare-with date no cell is marked
        entries.append((f"{CHANGE_MARK} stance changed since {since_display}", None))
        entries.append((f"{REWORD_MARK} reworded since {since_display}, same stance", None))
    entries.append(("Gap: " + "  ".join(f"{gap_symbol(g)} {g.label}" for g in Gap), None))
    entries.append(("(analyst) = the analyst's own assessment", None))
    if pax_codes:
        entries.append(("PA-X: the issue's code in the PA-X Peace Agreements Database", None))
    entries.append(("[n] = source, listed at the end" if sources_at_end
                    else "[n] = source footnote", None))
    font = export_font(7)
    items: list[LegendItem] = []
    x = y = 0.0
    spacing = pt(9)
    for text, swatch in entries:
        block = TextBlock.wrap(text, font, width)
        lines = stack([block])
        text_width = max(line.layout.lineAt(line.index).naturalTextWidth() for line in lines)
        height = block.height
        swatch_width = height * 0.8 + pt(2) if swatch else 0.0
        item_width = swatch_width + text_width
        if x > 0 and x + item_width > width:
            x = 0.0
            y += height + pt(2)
        items.append(LegendItem(lines, x, y, item_width, height, swatch))
        x += item_width + spacing
    return items
