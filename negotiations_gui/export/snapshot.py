"""The grid snapshot PDF: every party's position on every issue as of a date."""

from __future__ import annotations

import datetime as _dt

from ..domain import CaseInfo, GridSnapshot
from ..domain.grid_text import snapshot_heading
from .document import PagedDocument, export_stamp
from .flow import flow_pages, full_text_blocks
from .footnotes import FootnoteArea, SourceNumbers, SourcesAtEnd
from .page import PageGeometry, Paper
from .page_frame import FrameText, PageFrame
from .snapshot_layout import grid_pages


def snapshot_frame(geometry: PageGeometry, info: CaseInfo, snapshot: GridSnapshot,
                   footnotes: FootnoteArea, generated: str, pax_codes: bool = False,
                   sources_at_end: bool = False) -> PageFrame:
    text = FrameText(
        title=info.title, subtitle=snapshot_heading(snapshot), marking=info.marking,
        generated=generated, legend=True,
        since_display=snapshot.since.display if snapshot.since else None,
        pax_codes=pax_codes and any(i.pax_code for i in snapshot.issues),
        sources_at_end=sources_at_end)
    return PageFrame(geometry, text, footnotes)


def add_snapshot_pages(document: PagedDocument, info: CaseInfo, snapshot: GridSnapshot,
                       numbers: SourceNumbers, generated: str,
                       footnotes: FootnoteArea | None = None, pax_codes: bool = False) -> None:
    """Append the grid's pages to `document`, numbering sources on from `numbers`
    (footnoted on each page, unless `footnotes` lists them at the end)."""
    at_end = isinstance(footnotes, SourcesAtEnd)
    footnotes = footnotes or FootnoteArea(numbers, document.geometry.body.width())
    frame = snapshot_frame(document.geometry, info, snapshot, footnotes, generated, pax_codes,
                           at_end)
    for page in grid_pages(snapshot, numbers, footnotes, frame.content, pax_codes):
        document.pages.append((frame, page))


def snapshot_document(snapshot: GridSnapshot, info: CaseInfo, paper: Paper = Paper.A4, *,
                      generated: _dt.datetime | None = None,
                      pax_codes: bool = False,
                      known_on: str | None = None) -> PagedDocument:
    """Lay out the snapshot on landscape pages of `paper` (issue rows with their PA-X
    codes when `pax_codes`), stamped as known on `known_on` when given."""
    geometry = PageGeometry(paper)
    document = PagedDocument(geometry, f"{info.title}: {snapshot_heading(snapshot)}",
                             known_on=known_on)
    sources = {s.id: s for cell in snapshot.cells.values() for s in cell.sources}
    numbers = SourceNumbers(sources)
    stamp = export_stamp(known_on, generated)
    add_snapshot_pages(document, info, snapshot, numbers, stamp, pax_codes=pax_codes)
    at_end = full_text_blocks(numbers)
    if at_end:  # texts too long for a footnote, after the grid
        frame = document.pages[-1][0]
        for page in flow_pages(at_end, numbers, frame.footnotes, frame.content):
            document.pages.append((frame, page))
    return document
