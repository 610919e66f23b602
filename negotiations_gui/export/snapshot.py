"""The grid snapshot PDF: every party's position on every issue as of a date."""

from __future__ import annotations

import datetime as _dt

from ..domain import CaseInfo, GridSnapshot
from ..domain.grid_text import snapshot_heading
from .document import PagedDocument, generated_text
from .footnotes import FootnoteArea, SourceNumbers
from .page import PageGeometry, Paper
from .page_frame import FrameText, PageFrame
from .snapshot_layout import grid_pages


def snapshot_frame(geometry: PageGeometry, info: CaseInfo, snapshot: GridSnapshot,
                   footnotes: FootnoteArea, generated: str) -> PageFrame:
    text = FrameText(
        title=info.title, subtitle=snapshot_heading(snapshot), marking=info.marking,
        generated=generated, legend=True,
        since_display=snapshot.since.display if snapshot.since else None)
    return PageFrame(geometry, text, footnotes)


def add_snapshot_pages(document: PagedDocument, info: CaseInfo, snapshot: GridSnapshot,
                       numbers: SourceNumbers, generated: str,
                       footnotes: FootnoteArea | None = None) -> None:
    """Append the grid's pages to `document`, numbering sources on from `numbers`
    (footnoted on each page, unless `footnotes` says otherwise)."""
    footnotes = footnotes or FootnoteArea(numbers, document.geometry.body.width())
    frame = snapshot_frame(document.geometry, info, snapshot, footnotes, generated)
    for page in grid_pages(snapshot, numbers, footnotes, frame.content):
        document.pages.append((frame, page))


def snapshot_document(snapshot: GridSnapshot, info: CaseInfo, paper: Paper = Paper.A4, *,
                      generated: _dt.datetime | None = None) -> PagedDocument:
    """Lay out the snapshot on landscape pages of `paper`."""
    geometry = PageGeometry(paper)
    document = PagedDocument(geometry, f"{info.title}: {snapshot_heading(snapshot)}")
    sources = {s.id: s for cell in snapshot.cells.values() for s in cell.sources}
    add_snapshot_pages(document, info, snapshot, SourceNumbers(sources),
                       generated_text(generated))
    return document
