"""How timeline items look: glyphs that survive grayscale, colours, fonts, sizes.

Shape carries the meaning (circle = event, star = agreement, diamond =
proposal, bar = period, hatched band = date known only to the month or
year); the party's colour only reinforces it.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from math import isqrt
from operator import add, floordiv

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from ...domain import Stance, palette
from ...domain.timeline_data import ItemType
from ...export.fonts import FAMILIES

HEADER_WIDTH = 128
# the axis: a row of context labels (the year or month), a row of tick labels,
# then a band of its own for the as-of and compare flags, so they hide no label
AXIS_LABELS_HEIGHT = 38
FLAG_HEIGHT = 16
AXIS_HEIGHT = AXIS_LABELS_HEIGHT + FLAG_HEIGHT + 2
GROUP_GAP = 18
GLYPH = 12.0
# y offsets inside a lane: the points row's centre, then the span rows
POINT_ROW_CENTRE = 14.0
SPAN_ROWS_TOP = 26.0
SPAN_ROW_PITCH = 15.0
SPAN_ROW_HEIGHT = 12.0
MIN_SPAN_ROWS = 2
MAX_SPAN_ROWS = 5
LANE_HEIGHT = 60.0  # of a lane with two span rows: a keyboard scroll step


def span_row_top(row: int) -> float:
    return SPAN_ROWS_TOP + row * SPAN_ROW_PITCH


# a party lane ends with a row of its changes of stance, one small mark each
STANCE_ROW_HEIGHT = 16.0
STANCE_MARK = 13.0


def lane_height(span_rows: int, stance_row: bool = False) -> float:
    return SPAN_ROWS_TOP + span_rows * SPAN_ROW_PITCH + 4 + (STANCE_ROW_HEIGHT if stance_row else 0)


def stance_row_centre(span_rows: int) -> float:
    """y of the stance row's middle inside a lane with `span_rows` span rows."""
    return SPAN_ROWS_TOP + span_rows * SPAN_ROW_PITCH + 2 + STANCE_ROW_HEIGHT / 2

# the timeline is a chart on white, in a light or a dark window alike (palette.py)
PAPER = QColor(palette.PAPER)
INK = QColor(palette.TIMELINE_INK)
MUTED_INK = QColor(palette.MUTED_INK)
GRID = QColor(*palette.TIMELINE_GRID)
GRID_STRONG = QColor(*palette.TIMELINE_GRID_STRONG)
LANE_SHADE = QColor(*palette.TIMELINE_LANE_SHADE)
HEADER_BACKGROUND = QColor(palette.TIMELINE_HEADER)
AXIS_BACKGROUND = QColor(palette.TIMELINE_AXIS)
SELECTION = QColor(palette.TIMELINE_SELECTION)
AS_OF = QColor(palette.MARKING)
MARKING = QColor(palette.MARKING)
COMPARE = QColor(palette.TIMELINE_COMPARE)
LABEL_BACKGROUND = QColor(*palette.TIMELINE_LABEL_GROUND)


@lru_cache(maxsize=16)
def stance_fill(stance: Stance) -> QColor:
    return QColor(palette.stance_fill(stance))


@lru_cache(maxsize=32)
def ui_font(point_size: float, bold: bool = False) -> QFont:
    """The timeline's font, on screen and in its PNG and PDF exports: the bundled Noto
    families (export/fonts.py), not the system's, so an export is laid out and drawn
    exactly as the view and embeds no font the machine happens to have."""
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # a "fi" ligature would extract from the PDF as U+FB01 and defeat a search
    font.setFeature(QFont.Tag("liga"), 0)
    return font


@lru_cache(maxsize=32)
def metrics(point_size: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(ui_font(point_size, bold))


@lru_cache(maxsize=4096)
def text_width(point_size: float, bold: bool, text: str) -> float:
    return metrics(point_size, bold).horizontalAdvance(text)


@lru_cache(maxsize=256)
def pen(hex_colour: str, width: float) -> QPen:
    return QPen(party_colours(hex_colour)[0], width)


@lru_cache(maxsize=256)
def tint(hex_colour: str) -> QColor:
    """The party colour, mixed three parts to one with white: an opaque light fill."""
    solid = party_colours(hex_colour)[0]
    return QColor((solid.red() + 3 * 255) // 4, (solid.green() + 3 * 255) // 4,
                  (solid.blue() + 3 * 255) // 4)


@lru_cache(maxsize=256)
def _strip_pixels(hex_colour: str) -> tuple[bytes, ...]:
    """Premultiplied BGRA pixels of the party colour at 256 opacities."""
    solid = party_colours(hex_colour)[0]
    pixels = []
    for alpha in range(256):
        pixels.append(bytes((solid.blue() * alpha // 255, solid.green() * alpha // 255,
                             solid.red() * alpha // 255, alpha)))
    return tuple(pixels)


def density_strip(hex_colour: str, counts: list[int]) -> QImage:
    """A one-pixel-high image: each bucket's opacity grows with its count (square root).

    A bucket of `count` items against the strip's `peak` takes opacity
    50 + floor(205 * sqrt(count / peak)), computed in integers, and an empty
    one none: a few maps over the counts at C speed, however many the items.
    """
    peak = max(counts) or 1
    roots = map(isqrt, map(floordiv, map(_ROOT_SCALE.__mul__, counts), repeat(peak)))
    indexes = map(add, roots, map(bool, counts))  # 0: empty, else 1 + the root
    data = b"".join(map(_indexed_pixels(hex_colour).__getitem__, indexes))
    image = QImage(data, len(counts), 1, 4 * len(counts), QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # own the pixels: `data` dies with this call


_ROOT_SCALE = 205 * 205  # floor(205 * sqrt(c / p)) == isqrt(205² * c // p)


@lru_cache(maxsize=256)
def _indexed_pixels(hex_colour: str) -> tuple[bytes, ...]:
    """The strip's pixels by index: clear, then opacities 50 to 255."""
    pixels = _strip_pixels(hex_colour)
    return (pixels[0], *pixels[50:])


@lru_cache(maxsize=256)
def party_colours(hex_colour: str) -> tuple[QColor, QColor, QColor]:
    """(solid, faded fill, text-on-solid) for a party colour."""
    solid = QColor(hex_colour)
    if not solid.isValid():
        solid = QColor(palette.PARTY_DEFAULT)
    faded = QColor(solid)
    faded.setAlpha(70)
    text = PAPER if solid.lightnessF() < 0.55 else INK
    return solid, faded, text


def _star(radius: float) -> QPolygonF:
    import math

    points = []
    for n in range(10):
        r = radius if n % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + n * math.pi / 5
        points.append(QPointF(r * math.cos(angle), r * math.sin(angle)))
    return QPolygonF(points)


def _diamond(radius: float) -> QPolygonF:
    return QPolygonF([QPointF(0, -radius), QPointF(radius, 0), QPointF(0, radius),
                      QPointF(-radius, 0)])


_STAR = _star(GLYPH / 2 + 1)
_DIAMOND = _diamond(GLYPH / 2)


def draw_glyph(p: QPainter, kind: ItemType, x: float, y: float, colour: str,
               hollow: bool = False) -> None:
    """The item's glyph centred on (x, y)."""
    solid, _, _ = party_colours(colour)
    if hollow or kind is ItemType.ADDRESSED:
        p.setPen(QPen(solid, 2))
        p.setBrush(PAPER)
    else:
        p.setPen(QPen(INK, 1))
        p.setBrush(solid)
    if kind is ItemType.AGREEMENT:
        p.drawPolygon(_STAR.translated(x, y))
    elif kind in (ItemType.PROPOSED, ItemType.ADDRESSED):
        p.drawPolygon(_DIAMOND.translated(x, y))
    else:
        r = GLYPH / 2 - 1
        p.drawEllipse(QRectF(x - r, y - r, 2 * r, 2 * r))


@lru_cache(maxsize=256)
def _hatch(hex_colour: str) -> tuple[QBrush, QPen]:
    """A faded fill crossed by diagonal lines (one tile, drawn once), and a dashed edge."""
    solid, faded, _ = party_colours(hex_colour)
    tile = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    tile.fill(faded)
    painter = QPainter(tile)
    painter.setPen(QPen(solid, 1))
    painter.drawLine(QPointF(0, 8), QPointF(8, 0))
    painter.end()
    return QBrush(tile), QPen(solid, 1, Qt.PenStyle.DashLine)


def draw_uncertain(p: QPainter, rect: QRectF, colour: str) -> None:
    """A faded, hatched band: the item happened somewhere in here."""
    brush, pen = _hatch(colour)
    p.setPen(pen)
    p.setBrush(brush)
    p.drawRect(rect)


def draw_certain(p: QPainter, rect: QRectF, colour: str, kind: ItemType) -> None:
    """A solid bar: the days the item surely covered; agreements get a double edge."""
    solid, _, _ = party_colours(colour)
    p.setPen(QPen(INK, 1))
    p.setBrush(solid)
    p.drawRoundedRect(rect, 3, 3)
    if kind is ItemType.AGREEMENT and rect.width() > 6:
        p.setPen(QPen(PAPER, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 2, 2)
