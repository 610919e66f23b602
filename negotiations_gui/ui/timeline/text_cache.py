"""Laid-out text the timeline draws in every frame: cluster counts and item labels.

Laying out a string costs about ten microseconds (`QPainter.drawText`, and as
much again for `QFontMetricsF.elidedText`); a frame of a small case over its
whole span draws hundreds of them, nearly all the same as in the frame before.
A `QStaticText` keeps its layout, so drawing it only blits the glyphs.

Every entry is keyed by all its result depends on (font, text, and for an
elided title the room, to a quarter pixel), never by record or frame: a renamed
item, a zoom step or a new filter asks for another key, so no entry can be
stale and nothing needs clearing.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QStaticText, QTransform

from . import style


@lru_cache(maxsize=4096)
def static_text(point_size: float, bold: bool, text: str) -> tuple[QStaticText, float]:
    """`text` laid out once in the UI font, as plain text, and its advance width."""
    laid_out = QStaticText(text)
    laid_out.setTextFormat(Qt.TextFormat.PlainText)  # user text is never read as markup
    laid_out.prepare(QTransform(), style.ui_font(point_size, bold))
    return laid_out, style.metrics(point_size, bold).horizontalAdvance(text)


def elided(point_size: float, bold: bool, text: str, room: float) -> tuple[QStaticText, float]:
    """`text` shortened with an ellipsis to fit `room` pixels, laid out once.

    The room is floored to a quarter pixel so that a pan, which moves every
    item by the same amount, finds the same entries again.
    """
    return _elided(point_size, bold, text, math.floor(room * 4) / 4)


@lru_cache(maxsize=8192)
def _elided(point_size: float, bold: bool, text: str, room: float) -> tuple[QStaticText, float]:
    if style.text_width(point_size, bold, text) > room:
        text = style.metrics(point_size, bold).elidedText(text, Qt.TextElideMode.ElideRight, room)
    return static_text(point_size, bold, text)


# Laid-out text is drawn only where the frame copies sprites (raster, whole device
# pixels: `Frame.sprite_ratio`). Elsewhere (a PDF) fonts resolve at the device's
# own resolution, unlike the layout, so the text is drawn as before: drawText.
_FAR = 1e5  # half the size of a box that only fixes a centre or a left edge


def draw_at_baseline(p: QPainter, raster: bool, point_size: float, bold: bool,
                     laid_out: QStaticText, x: float, baseline: float) -> None:
    """Draw like `QPainter.drawText(QPointF(x, baseline), ...)`; the font must be set on `p`."""
    if raster:
        p.drawStaticText(QPointF(x, baseline - style.metrics(point_size, bold).ascent()), laid_out)
    else:
        p.drawText(QPointF(x, baseline), laid_out.text())


def draw_centred(p: QPainter, raster: bool, point_size: float, bold: bool,
                 laid_out: QStaticText, width: float, centre_x: float, centre_y: float) -> None:
    """Draw centred on a point, like `drawText(rect, Qt.AlignCenter, ...)`; the font must be set."""
    if raster:
        metrics = style.metrics(point_size, bold)
        top = centre_y - (metrics.ascent() + metrics.descent()) / 2
        p.drawStaticText(QPointF(centre_x - width / 2, top), laid_out)
    else:
        p.drawText(QRectF(centre_x - _FAR, centre_y - _FAR, 2 * _FAR, 2 * _FAR),
                   Qt.AlignmentFlag.AlignCenter,
                   laid_out.text())


def draw_left_centred(p: QPainter, raster: bool, point_size: float, bold: bool,
                      laid_out: QStaticText, left: float, centre_y: float) -> None:
    """Draw from `left`, centred on `centre_y`, like `drawText(rect, AlignLeft | AlignVCenter)`."""
    if raster:
        metrics = style.metrics(point_size, bold)
        p.drawStaticText(QPointF(left, centre_y - (metrics.ascent() + metrics.descent()) / 2),
                         laid_out)
    else:
        p.drawText(QRectF(left, centre_y - _FAR, 2 * _FAR, 2 * _FAR),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, laid_out.text())
