"""Timeline to PNG and PDF: what is visible, or the whole of it.

Both paint the same frame the screen shows (`painter.paint_frame`), so an
export reads exactly like the view; the PDF is vector (text stays text) on
a landscape A4 page with the case title and handling marking. The text is
in the bundled fonts only (`style.ui_font`); without them neither export is
made (`MissingFontsError`, naming the missing files).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ...domain.timeline_axis import TimeScale
from ...export.fonts import MissingFontsError, require_bundled_fonts
from .. import prompts
from ..plain_text import isolate
from . import style
from .painter import Frame, paint_frame

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .view import TimelineView

WHOLE_MIN_WIDTH = 1600


def export_frame(view: TimelineView, whole: bool) -> Frame:
    """The frame to export: the canvas as shown, or every lane over the whole span."""
    canvas = view.canvas
    if not whole:
        return canvas.frame()
    width = max(canvas.width(), WHOLE_MIN_WIDTH)
    height = style.AXIS_HEIGHT + canvas.geometry_.height
    bounds = canvas.data.bounds()
    if bounds is None:
        scale = canvas.scale
    else:
        scale = TimeScale.fit(bounds[0], bounds[1], width - style.HEADER_WIDTH)
    return canvas.frame(width=width, height=height, scale=scale, y_offset=0.0)


def fonts_ready(parent: QWidget) -> bool:
    """False, after saying why, when the export would be drawn without the bundled fonts."""
    try:
        require_bundled_fonts()
    except MissingFontsError as exc:
        prompts.warn(parent, "Cannot export", f"Nothing was exported: {exc}")
        return False
    return True


def render_image(view: TimelineView, whole: bool = False) -> QImage:
    frame = export_frame(view, whole)
    image = QImage(QSize(int(frame.width), int(frame.height)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(style.PAPER)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_frame(painter, frame)
    painter.end()
    return image


def save_png(view: TimelineView, path: str, whole: bool = False) -> None:
    require_bundled_fonts()
    # PySide6's stub types the format as bytes, but the binding takes only str (b"PNG" raises)
    if not render_image(view, whole).save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {path}")


def save_pdf(view: TimelineView, path: str, whole: bool = False) -> None:
    """One landscape A4 page: title and marking above, the timeline scaled to fit."""
    require_bundled_fonts()
    frame = export_frame(view, whole)
    with open(path, "wb"):
        pass  # a folder that is missing or read-only fails here, with the reason
    writer = QPdfWriter(str(path))
    writer.setTitle("Timeline")
    writer.setCreator("negotiations_gui")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    # The frame is laid out in screen pixels (96 per inch) with fonts in points;
    # at any other resolution Qt would size the text for that resolution while
    # the layout stays in screen pixels, and labels would overflow their rows.
    # At 96 dpi both agree, and the page scale below shrinks them together.
    writer.setResolution(96)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {path}")
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
        page.moveTo(0, 0)
        info = view.store.case_info()
        header, footer = 40.0, 24.0
        painter.setFont(style.ui_font(11, bold=True))
        painter.setPen(style.MARKING)
        painter.drawText(QRectF(0, 0, page.width(), 16), Qt.AlignmentFlag.AlignHCenter
                         | Qt.AlignmentFlag.AlignTop,
                         info.marking)
        painter.setPen(style.INK)
        as_of = view.state.as_of.display
        scope = "whole timeline" if whole else "visible part"
        painter.drawText(QRectF(0, 17, page.width(), 20), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter,
                         f"{isolate(info.title)} — Timeline ({scope}), as of {as_of}")
        stamp = dt.datetime.now().strftime("%d %b %Y %H:%M")
        painter.setFont(style.ui_font(8))
        painter.drawText(QRectF(0, page.height() - footer, page.width(), footer),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"Generated {stamp}" + _known_on_words(view.store))
        painter.setFont(style.ui_font(11, bold=True))
        painter.setPen(style.MARKING)
        painter.drawText(QRectF(0, page.height() - footer, page.width(), footer),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         info.marking)
        room = QRectF(0, header, page.width(), page.height() - header - footer)
        factor = min(room.width() / frame.width, room.height() / frame.height)
        painter.translate(room.left(), room.top())
        painter.scale(factor, factor)
        painter.setClipRect(QRectF(0, 0, frame.width, frame.height))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_frame(painter, frame)
    finally:
        painter.end()


def _known_on_words(store) -> str:
    """' · As known on …' when the timeline shows a past of the case (an 'As known on'
    day in the window), so the page says what it is, as the grid PDF and brief do."""
    from ...domain.revisions import known_on_words

    return f" · {known_on_words(store.known_on)}" if store.known_on else ""
