"""The brief as PDF: the brief's blocks flowed onto pages, then the grid as of D.

The grid pages that follow continue the same source numbering and page count;
the sources are listed at the end, then any text shortened on the pages, in full.
"""

from __future__ import annotations

import datetime as _dt

from .brief_content import BlockKind, Brief, BriefBlock
from .document import PagedDocument, export_stamp
from .flow import flow_pages, full_text_blocks
from .footnotes import SOURCES_TITLE, SourceNumbers, SourcesAtEnd, footnote_text
from .page import PageGeometry, Paper
from .page_frame import FrameText, PageFrame
from .snapshot import add_snapshot_pages


def brief_document(brief: Brief, paper: Paper = Paper.A4, *,
                   generated: _dt.datetime | None = None,
                   pax_codes: bool = False) -> PagedDocument:
    """The brief's pages, the grid as of its end date, then the sources cited and
    the text shortened on the pages, in full."""
    geometry = PageGeometry(paper)
    document = PagedDocument(geometry, f"{brief.info.title}: {brief.title}",
                             known_on=brief.known_on)
    stamp = export_stamp(brief.known_on, generated)
    numbers = SourceNumbers(brief.sources)
    footnotes = SourcesAtEnd(numbers, geometry.body.width())  # listed once, at the end
    frame = PageFrame(geometry, FrameText(brief.info.title, brief.title, brief.info.marking,
                                          stamp), footnotes)
    for page in flow_pages(brief.blocks, numbers, footnotes, frame.content):
        document.pages.append((frame, page))
    add_snapshot_pages(document, brief.info, brief.snapshot, numbers, stamp, footnotes,
                       pax_codes)
    listed = [BriefBlock(BlockKind.HEADING, SOURCES_TITLE)]
    listed += [BriefBlock(BlockKind.ITEM, footnote_text(n, source))
               for n, source in numbers.all_numbered()]
    if len(listed) == 1:
        listed = []
    listed += full_text_blocks(numbers, every=True)
    if listed:
        for page in flow_pages(listed, numbers, footnotes, frame.content):
            document.pages.append((frame, page))
    return document
