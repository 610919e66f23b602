"""Exports for briefing staff: the grid snapshot PDF and the "what changed" brief.

Rendered from domain data (never from widgets), so the command line exports
with no window and no display. Laid out with QPainter on QPdfWriter: Qt's own
text engine shapes Arabic and orders right-to-left text with the bundled Noto
fonts, and writes vector text with embedded font subsets that can be selected
and searched; no extra dependency, and the same code paints the preview and
the printer.
"""

from .document import PagedDocument, page_image, pdf_bytes
from .fonts import register_bundled_fonts
from .page import Paper
from .save import ExportError, write_atomically
from .snapshot import snapshot_document

__all__ = [
    "ExportError", "PagedDocument", "Paper", "page_image", "pdf_bytes",
    "register_bundled_fonts", "snapshot_document", "write_atomically",
]
