"""The position grid cut into pages: repeated header row and issue column.

Parties that do not fit across one page go to further pages ("down, then
across", as spreadsheets print); issues that do not fit down a page continue
on the next one under the same party header row. A row taller than a whole
page is split between lines, never cut. The gap column comes last, as on
screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..domain import GridSnapshot, Party, palette
from . import grid_cells as cells
from .footnotes import FootnoteArea, SourceNumbers
from .page import mm, pt
from .text_block import draw_lines

ISSUE_WIDTH = mm(28)
GAP_WIDTH = mm(28)
MIN_PARTY_WIDTH = mm(33)
_GRID_LINE = QColor(palette.GRID_RULE)


@dataclass
class Column:
    key: str  # "issue", "gap" or a party id
    width: float
    header: cells.CellContent


@dataclass
class RowPiece:
    """One issue's row on one page: lines [first, last) of each cell."""

    contents: dict[str, cells.CellContent]
    spans: dict[str, tuple[int, int]]
    height: float
    source_ids: set[str]


@dataclass
class GridPage:
    columns: list[Column]
    header_height: float
    pieces: list[RowPiece] = field(default_factory=list)
    empty_note: cells.CellContent | None = None

    @property
    def header_ids(self) -> set[str]:
        """The notes of names shortened in the header row (footnoted on every page)."""
        return {s for c in self.columns for line in c.header.lines for s in line.source_ids}

    @property
    def source_ids(self) -> set[str]:
        return self.header_ids.union(*(p.source_ids for p in self.pieces))

    def paint(self, painter: QPainter, area: QRectF) -> None:
        y = area.top()
        y = self._paint_row(painter, area.left(), y, self.header_height,
                            {c.key: c.header for c in self.columns},
                            {c.key: (0, len(c.header.lines)) for c in self.columns})
        for piece in self.pieces:
            y = self._paint_row(painter, area.left(), y, piece.height, piece.contents,
                                piece.spans)
        if self.empty_note is not None:
            draw_lines(painter, self.empty_note.lines, QPointF(area.left(), y + pt(6)))

    def _paint_row(self, painter, x, y, height, contents, spans) -> float:
        for column in self.columns:
            content = contents[column.key]
            rect = QRectF(x, y, column.width, height)
            painter.setPen(QPen(_GRID_LINE, pt(0.4)))
            painter.setBrush(QColor(content.fill) if content.fill else Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if content.accent:
                painter.fillRect(QRectF(x, y, column.width, cells.ACCENT), QColor(content.accent))
            first, last = spans[column.key]
            draw_lines(painter, content.lines,
                       QPointF(x + cells.PADDING, y + content.top_inset), first, last)
            if content.emphasis:
                inset = pt(0.9)
                painter.setPen(QPen(QColor(palette.BLACK), pt(1.8)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
            x += column.width
        return y + height


def grid_pages(snapshot: GridSnapshot, numbers: SourceNumbers, footnotes: FootnoteArea,
               content: QRectF, pax_codes: bool = False) -> list[GridPage]:
    """Lay the snapshot out on pages whose content area is `content` (issue rows
    with their PA-X codes when `pax_codes`)."""
    pages: list[GridPage] = []
    for chunk, with_gap in _party_chunks(list(snapshot.parties), content.width()):
        columns = _columns(chunk, with_gap, content.width(), numbers)
        header_height = max(c.header.height for c in columns)
        rows = []
        for issue in snapshot.issues:
            row = {"issue": cells.issue_cell(issue, columns[0].width, numbers, pax_codes)}
            for column in columns:
                if column.key == "gap":
                    row["gap"] = cells.gap_cell(snapshot.gaps[issue.id], column.width)
                elif column.key != "issue":
                    row[column.key] = cells.position_cell(
                        snapshot.cell(column.key, issue.id), snapshot.since, column.width,
                        numbers)
            rows.append(row)
        pages += _paginate(columns, header_height, rows, footnotes,
                           content.height())
    return pages


def _party_chunks(parties: list[Party], width: float) -> list[tuple[list[Party], bool]]:
    """Parties per page across, balanced; the gap column goes with the last chunk."""
    room = width - ISSUE_WIDTH - GAP_WIDTH
    per_page = max(1, int(room // MIN_PARTY_WIDTH))
    if not parties:
        return [([], True)]
    count = math.ceil(len(parties) / per_page)
    size = math.ceil(len(parties) / count)
    chunks = [parties[i:i + size] for i in range(0, len(parties), size)]
    return [(chunk, n == len(chunks) - 1) for n, chunk in enumerate(chunks)]


def _columns(parties: list[Party], with_gap: bool, width: float,
             numbers: SourceNumbers) -> list[Column]:
    room = width - ISSUE_WIDTH - (GAP_WIDTH if with_gap else 0.0)
    party_width = room / len(parties) if parties else 0.0
    columns = [Column("issue", ISSUE_WIDTH, cells.text_header("Issue", ISSUE_WIDTH))]
    columns += [Column(p.id, party_width, cells.party_header(p, party_width, numbers))
                for p in parties]
    if with_gap:
        gap_width = GAP_WIDTH if parties else width - ISSUE_WIDTH
        columns.append(Column("gap", gap_width, cells.text_header("Gap", gap_width)))
    return columns


def _paginate(columns: list[Column], header_height: float, rows: list[dict],
              footnotes: FootnoteArea, height: float) -> list[GridPage]:
    pages = [GridPage(columns, header_height)]
    if not rows:
        pages[0].empty_note = cells.text_header("This case has no issues yet.",
                                                sum(c.width for c in columns))
        pages[0].empty_note.fill = None
        return pages
    room = height - header_height
    for row in rows:
        starts = dict.fromkeys(row, 0)
        while True:
            page = pages[-1]
            used = sum(p.height for p in page.pieces)
            piece = _piece(row, starts, None)
            cited = page.source_ids | piece.source_ids
            if used + piece.height + footnotes.height(cited) <= room:
                page.pieces.append(piece)
                break
            if page.pieces:
                pages.append(GridPage(columns, header_height))
                continue
            # Even an empty page is too short for the rest of this row: split it.
            limit = room - footnotes.height(page.header_ids | piece.source_ids)
            piece = _piece(row, starts, limit)
            page.pieces.append(piece)
            for key, (_, last) in piece.spans.items():
                if key != "issue":
                    starts[key] = last
            if all(starts[key] >= len(row[key].lines) for key in row if key != "issue"):
                break
            pages.append(GridPage(columns, header_height))
    return pages


def _piece(row: dict[str, cells.CellContent], starts: dict[str, int],
           limit: float | None) -> RowPiece:
    """The rest of a row from `starts`, or as much of it as fits in `limit`.

    The issue cell is always shown whole: it is the repeated row label.
    """
    spans: dict[str, tuple[int, int]] = {}
    source_ids: set[str] = set()
    for key, content in row.items():
        first = 0 if key == "issue" else starts[key]
        last = len(content.lines)
        if limit is not None and key != "issue":
            last = first + 1 if first < last else first  # always make progress
            while last < len(content.lines) and content.height_of(first, last + 1) <= limit:
                last += 1
        spans[key] = (first, last)
        for line in content.lines[first:last]:
            source_ids.update(line.source_ids)
    height = max(content.height_of(*spans[key]) for key, content in row.items())
    return RowPiece(row, spans, height, source_ids)
