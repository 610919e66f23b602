"""Shapes a frame repeats hundreds of times, drawn once into pixmaps: glyphs and pills.

Rasterising an antialiased ellipse, star or rounded rectangle costs 10-12 µs;
copying the same pixels from a pixmap costs about 1 µs, and a small case's
whole span draws some two hundred counted pills and a hundred glyphs a frame.
A narrow pill is one copy of a pill of its whole-pixel width; a wider one is
three copies from the shortest pill with a straight stretch: the left end, a
straight column stretched, the right end.

Sprites are for raster painting at whole device pixels (the screen, PNG
export); a PDF, or a painter that scales, keeps the vector shapes
(`sprite_ratio` is then 0). Each pixmap is keyed by everything it shows
(shape, colour, size, device pixel ratio), never by an item, so changed data,
a zoom step or a filter cannot leave a stale one behind.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPaintEngine, QPainter, QPixmap, QTransform

from ...domain.timeline_data import ItemType
from . import style

GLYPH_BOX = style.GLYPH + 6  # the star's points and the pen, with room to spare
PILL_PEN = 1.5
_MARGIN = 1  # the pen reaches PILL_PEN / 2 outside the pill
# pills up to this wide are kept whole, one per width: some hundred small pixmaps a colour
WHOLE_PILL_WIDTH = 64


def sprite_ratio(p: QPainter) -> float:
    """The device pixel ratio to draw sprites at with `p`, or 0 to draw vector shapes."""
    engine = p.paintEngine()
    if engine is None or engine.type() != QPaintEngine.Type.Raster:
        return 0.0
    if p.transform().type().value > QTransform.TransformationType.TxTranslate.value:
        return 0.0
    ratio = p.device().devicePixelRatioF()
    return ratio if ratio == int(ratio) else 0.0  # halves of a pill must meet on a pixel


def _snap(value: float, ratio: float) -> float:
    return round(value * ratio) / ratio


def _canvas(width: float, height: float, ratio: float) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@lru_cache(maxsize=512)
def glyph_sprite(kind: ItemType, colour: str, hollow: bool, ratio: float) -> QPixmap:
    """`style.draw_glyph` drawn once, centred in a GLYPH_BOX square."""
    pixmap, painter = _canvas(GLYPH_BOX, GLYPH_BOX, ratio)
    style.draw_glyph(painter, kind, GLYPH_BOX / 2, GLYPH_BOX / 2, colour, hollow)
    painter.end()
    return pixmap


def draw_glyph(p: QPainter, ratio: float, kind: ItemType, x: float, y: float, colour: str,
               hollow: bool = False) -> None:
    """The item's glyph centred on (x, y), from its sprite when `ratio` allows."""
    if not ratio:
        style.draw_glyph(p, kind, x, y, colour, hollow)
        return
    corner = QPointF(_snap(x - GLYPH_BOX / 2, ratio), _snap(y - GLYPH_BOX / 2, ratio))
    p.drawPixmap(corner, glyph_sprite(kind, colour, hollow, ratio))


@lru_cache(maxsize=4096)  # 51 widths x 2 heights x each party's colour, made once each
def whole_pill(colour: str, height: float, width: float, ratio: float) -> QPixmap:
    """A pill `width` wide (whole device pixels, up to WHOLE_PILL_WIDTH), with a margin.

    Put together from `pill_ends` (~10 us) rather than drawn (~25 us): the
    first frame at a new zoom meets dozens of new widths.
    """
    pixmap, painter = _canvas(width + 2 * _MARGIN, height + 2 * _MARGIN, ratio)
    if width > height + 2:
        _copy_pill(painter, ratio, _MARGIN, _MARGIN + width, 0, height, colour)
    else:
        _vector_pill(painter, QRectF(_MARGIN, _MARGIN, width, height), colour)
    painter.end()
    return pixmap


@lru_cache(maxsize=256)
def pill_ends(colour: str, height: float, ratio: float) -> tuple[QPixmap, QRectF, QRectF, QRectF]:
    """The shortest pill with a straight stretch (2 px) between its round ends, and where
    in it (device pixels) the left end, a straight column and the right end lie."""
    side = height + 2 * _MARGIN
    pixmap, painter = _canvas(side + 2, side, ratio)
    _vector_pill(painter, QRectF(_MARGIN, _MARGIN, height + 2, height), colour)
    painter.end()
    left_end = (_MARGIN + height / 2) * ratio
    right_end, wide, tall = left_end + 2 * ratio, (side + 2) * ratio, side * ratio
    return (pixmap, QRectF(0, 0, left_end, tall), QRectF(left_end + ratio / 2, 0, 1, tall),
            QRectF(right_end, 0, wide - right_end, tall))


def _vector_pill(p: QPainter, rect: QRectF, colour: str) -> None:
    p.setPen(style.pen(colour, PILL_PEN))
    p.setBrush(style.tint(colour))
    p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)


def _copy_pill(p: QPainter, ratio: float, left: float, right: float, top: float, h: float,
               colour: str) -> None:
    """A pill over [left, right) at whole device pixels, `top` being its margin's top:
    its two ends and a straight column stretched between them, from `pill_ends`."""
    pixmap, left_end, middle, right_end = pill_ends(colour, h, ratio)
    r, side = h / 2, h + 2 * _MARGIN
    p.drawPixmap(QRectF(left - _MARGIN, top, _MARGIN + r, side), pixmap, left_end)
    if right - left > h:
        p.drawPixmap(QRectF(left + r, top, right - left - h, side), pixmap, middle)
    p.drawPixmap(QRectF(right - r, top, r + _MARGIN, side), pixmap, right_end)


def draw_pill(p: QPainter, ratio: float, rect: QRectF, colour: str) -> None:
    """A rounded pill filling `rect` in the party's tint, edged in its colour."""
    h = rect.height()
    if not ratio or h != int(h):
        _vector_pill(p, rect, colour)
        return
    left, right = round(rect.left() * ratio) / ratio, round(rect.right() * ratio) / ratio
    top = round(rect.top() * ratio) / ratio - _MARGIN
    if right - left <= WHOLE_PILL_WIDTH:  # most clusters: one copy, not three
        p.drawPixmap(QPointF(left - _MARGIN, top), whole_pill(colour, h, right - left, ratio))
    else:
        _copy_pill(p, ratio, left, right, top, h, colour)
