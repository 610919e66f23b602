"""Exports for briefing staff: the grid snapshot PDF and the "what changed" brief.

Rendered from domain data (never from widgets), so the command line exports
with no window and no display. Laid out with QPainter on QPdfWriter: Qt's own
text engine shapes Arabic and orders right-to-left text with the bundled Noto
fonts, and writes vector text with embedded font subsets that can be selected
and searched; no extra dependency, and the same code paints the preview and
the printer.

The names below are imported on first use (PEP 562, `lazy_names`), not with the
package: the window needs only `page` and `fonts` to start, and opening a case
should not wait for the snapshot and brief layouts to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import lazy_names

if TYPE_CHECKING:  # what type checkers see: the names as if imported here
    from .document import PagedDocument, page_image, pdf_bytes
    from .fonts import register_bundled_fonts
    from .page import Paper
    from .save import ExportError, write_atomically
    from .snapshot import snapshot_document

# each public name, by the module of this package that defines it
_HOMES = {
    "document": ("PagedDocument", "page_image", "pdf_bytes"),
    "fonts": ("register_bundled_fonts",),
    "page": ("Paper",),
    "save": ("ExportError", "write_atomically"),
    "snapshot": ("snapshot_document",),
}
__all__ = [
    "ExportError", "PagedDocument", "Paper", "page_image", "pdf_bytes",
    "register_bundled_fonts", "snapshot_document", "write_atomically",
]

__getattr__ = lazy_names(__name__, _HOMES)
