"""A laid-out, paginated export, and how it is drawn on PDF, image and printer.

Everything is laid out once in layout units (`page.LAYOUT_DPI`); each device
is drawn on with a scale, so the preview shows exactly the pages the PDF and
the printer get.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import QColor, QImage, QPagedPaintDevice, QPageLayout, QPainter, QPdfWriter

from .. import APP_NAME
from ..domain import palette
from .page import LAYOUT_DPI, PageGeometry
from .page_frame import PageFrame


class PageContent(Protocol):
    @property
    def source_ids(self) -> set[str]: ...

    def paint(self, painter: QPainter, area: QRectF) -> None: ...


@dataclass
class PagedDocument:
    geometry: PageGeometry
    title: str
    # each page with the frame (header, legend, footer) it is printed in
    pages: list[tuple[PageFrame, PageContent]] = field(default_factory=list)
    # the exact moment it is as known on (pages print it to the minute; pdf_bytes
    # keeps it whole in the PDF's metadata, for `--known-on` to make it again)
    known_on: str | None = None

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Draw page `index` (0-based) in layout units."""
        frame, content = self.pages[index]
        frame.paint(painter, index + 1, len(self.pages), content.source_ids)
        content.paint(painter, frame.content)


def export_stamp(known_on: str | None, generated: _dt.datetime | None = None) -> str:
    """What an export says it shows: the moment it is as known on, to the minute (the
    exact moment, for making the same export again from a later file, is in its
    metadata: `known_on_metadata`); without one, when it was made."""
    from ..domain.revisions import known_on_words

    return known_on_words(known_on) if known_on else generated_text(generated)


def known_on_metadata(known_on: str) -> str:
    """The exact moment as the PDF's keywords and the Markdown's closing comment say it:
    'as known on 2025-08-20T14:02:03.123456+00:00' (what `--known-on` reads)."""
    return f"as known on {known_on}"


def _xmp(title: str, keywords: str) -> bytes:
    """XMP metadata (title, creator, keywords: the PDF's document properties)."""
    from xml.sax.saxutils import escape

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        f'</rdf:Alt></dc:title><dc:subject><rdf:Bag><rdf:li>{escape(keywords)}</rdf:li>'
        f'</rdf:Bag></dc:subject><pdf:Keywords>{escape(keywords)}</pdf:Keywords>'
        f'<xmp:CreatorTool>{escape(APP_NAME)}</xmp:CreatorTool>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def generated_text(when: _dt.datetime | None = None) -> str:
    """"Generated 25 Nov 2026 01:30 UTC"."""
    moment = (when or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    return f"Generated {moment:%d %b %Y %H:%M} UTC"


def pdf_bytes(document: PagedDocument) -> bytes:
    """The document as a PDF (vector, text selectable, fonts embedded as subsets)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(LAYOUT_DPI)
    writer.setPageLayout(QPageLayout(document.geometry.paper.page_size,
                                     QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(document.title)
    writer.setCreator(APP_NAME)
    if document.known_on:
        writer.setDocumentXmpMetadata(QByteArray(_xmp(
            document.title, known_on_metadata(document.known_on))))
    paint_on(writer, document, scale=1.0)
    buffer.close()
    return bytes(data.data())


def paint_on(device: QPagedPaintDevice, document: PagedDocument, scale: float,
             pages: list[int] | None = None) -> None:
    """Draw pages (all by default) on a PDF writer or printer, one per sheet."""
    painter = QPainter(device)
    try:
        for n, index in enumerate(pages if pages is not None else range(document.page_count)):
            if n and not device.newPage():
                raise OSError("the printer or PDF writer refused a new page")
            painter.save()
            painter.scale(scale, scale)
            document.paint_page(painter, index)
            painter.restore()
    finally:
        painter.end()


def page_image(document: PagedDocument, index: int, dpi: float = 96.0) -> QImage:
    """Page `index` as an image at `dpi`, white background, for preview and tests."""
    size = document.geometry.size
    scale = dpi / LAYOUT_DPI
    image = QImage(round(size.width() * scale), round(size.height() * scale),
                   QImage.Format.Format_RGB32)
    image.fill(QColor(palette.PAPER))
    dots_per_metre = round(LAYOUT_DPI / 0.0254)  # fonts resolve as at layout time
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        document.paint_page(painter, index)
    finally:
        painter.end()
    # report the real resolution so viewers size it right
    real = round(dpi / 0.0254)
    image.setDotsPerMeterX(real)
    image.setDotsPerMeterY(real)
    return image
