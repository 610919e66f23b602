"""Paper, page geometry and the unit every export lays out in.

All layout happens in *layout units* at `LAYOUT_DPI` dots per inch, measured
against one reference device, so the on-screen preview, the PDF and the
printer all break lines and pages in the same places; each device is then
drawn on with a scale (see `document.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageSize

# QPdfWriter's own default resolution: fine enough that rounding never shows.
LAYOUT_DPI = 1200


def pt(points: float) -> float:
    """Layout units in `points` (1/72 inch)."""
    return points * LAYOUT_DPI / 72.0


def mm(millimetres: float) -> float:
    """Layout units in `millimetres`."""
    return millimetres * LAYOUT_DPI / 25.4


class Paper(str, Enum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return "A4" if self is Paper.A4 else "Letter"

    @property
    def page_size(self) -> QPageSize:
        return QPageSize(QPageSize.PageSizeId.A4 if self is Paper.A4
                         else QPageSize.PageSizeId.Letter)

    @property
    def landscape_mm(self) -> tuple[float, float]:
        size = self.page_size.size(QPageSize.Unit.Millimeter)
        return max(size.width(), size.height()), min(size.width(), size.height())


@dataclass(frozen=True)
class PageGeometry:
    """A landscape page in layout units, with its margins."""

    paper: Paper = Paper.A4
    margin_mm: float = 12.0

    @property
    def size(self) -> QSizeF:
        width, height = self.paper.landscape_mm
        return QSizeF(mm(width), mm(height))

    @property
    def body(self) -> QRectF:
        """The page inside its margins (header, content and footer go here)."""
        margin = mm(self.margin_mm)
        size = self.size
        return QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin)


_reference: QImage | None = None


def reference_device() -> QImage:
    """The device every layout is measured against (a 1×1 image at LAYOUT_DPI)."""
    global _reference
    if _reference is None:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        dots_per_metre = round(LAYOUT_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _reference = image
    return _reference
