"""The frame's fixed parts: the date axis, the as-of and compare cursors, lane headers.

Drawn over the lanes, so lane headers stay visible however far the view
is panned, and the axis however far the lanes are scrolled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ...domain.timeline_axis import AxisTicks
from . import style
from .text_cache import draw_at_baseline, draw_left_centred, elided, static_text

if TYPE_CHECKING:
    from .painter import Frame


def paint_axis(p: QPainter, frame: Frame, axis: AxisTicks) -> None:
    x0, w = style.HEADER_WIDTH, frame.width
    p.fillRect(QRectF(x0, 0, w - x0, style.AXIS_HEIGHT), style.AXIS_BACKGROUND)
    p.save()
    p.setClipRect(QRectF(x0, 0, w - x0, style.AXIS_HEIGHT))
    p.setFont(style.ui_font(8.5, True))
    context = list(axis.context)
    for n, tick in enumerate(context):
        x = x0 + frame.scale.x(tick.day)
        next_x = x0 + frame.scale.x(context[n + 1].day) if n + 1 < len(context) else w
        p.setPen(QPen(style.GRID_STRONG, 1))
        p.drawLine(QPointF(x, 0), QPointF(x, style.AXIS_HEIGHT))
        left = max(x, x0) + 4  # the label sticks to the left edge while its period is in view
        metrics = style.metrics(8.5, True)
        if next_x - left > metrics.horizontalAdvance(tick.label) + 4:
            p.setPen(style.INK)
            p.drawText(QPointF(left, 13), tick.label)
    p.setFont(style.ui_font(8.5))
    top = 18 if context else 10
    if axis.leading is not None:
        # the unit begun left of the view keeps its label at the edge while there is room
        room = (x0 + frame.scale.x(axis.ticks[0].day) if axis.ticks else w) - x0
        if room > style.text_width(8.5, False, axis.leading.label) + 8:
            p.setPen(style.INK)
            p.drawText(QPointF(x0 + 3, top + 14), axis.leading.label)
    for tick in axis.ticks:
        x = x0 + frame.scale.x(tick.day)
        p.setPen(QPen(style.GRID_STRONG, 1))
        p.drawLine(QPointF(x, top), QPointF(x, style.AXIS_HEIGHT))
        p.setPen(style.INK)
        p.drawText(QPointF(x + 3, top + 14), tick.label)
    p.restore()
    p.setPen(QPen(style.GRID_STRONG, 1))
    p.drawLine(QPointF(x0, style.AXIS_HEIGHT - 0.5), QPointF(w, style.AXIS_HEIGHT - 0.5))


class Flag(NamedTuple):
    rect: QRectF
    text: str
    colour: QColor
    dashed: bool


def cursor_flags(frame: Frame) -> list[Flag]:
    """Where the compare and as-of flags go in the axis's flag band.

    The as-of flag reads rightwards from its cursor, the compare flag leftwards
    from its own (it is the earlier date); each turns round at the edge of the
    view, and when they would still overlap the compare flag steps aside to the
    left, or, with no room, says only "Since" (its full text is in the tooltip).
    """
    flags: list[Flag] = []
    top = style.AXIS_LABELS_HEIGHT
    lo, hi = style.HEADER_WIDTH, frame.width

    def place(x: float, text: str, bold: bool, rightwards: bool) -> QRectF:
        width = style.metrics(8, bold).horizontalAdvance(text) + 10
        left = x - 1 if rightwards else x - width + 1
        left = min(max(left, lo), hi - width)
        return QRectF(left, top, width, style.FLAG_HEIGHT)

    as_of_x = frame.cursor_x(frame.as_of_end)
    as_of_rect = None
    if as_of_x is not None and lo <= as_of_x <= hi and frame.as_of_text:
        as_of_rect = place(as_of_x, frame.as_of_text, True, True)
        flags.append(Flag(as_of_rect, frame.as_of_text, style.AS_OF, False))
    compare_x = frame.cursor_x(frame.compare_end)
    if compare_x is not None and lo <= compare_x <= hi and frame.compare_text:
        for text in (frame.compare_text, "Since"):
            rect = place(compare_x, text, False, False)
            if as_of_rect is not None and rect.intersects(as_of_rect.adjusted(-4, 0, 4, 0)):
                rect.moveRight(as_of_rect.left() - 4)
            if rect.left() >= lo and (as_of_rect is None or not rect.intersects(as_of_rect)):
                flags.insert(0, Flag(rect, text, style.COMPARE, True))
                break
    return flags


def paint_cursors(p: QPainter, frame: Frame) -> None:
    """The compare (dashed) and as-of cursors across the lanes, with their flags."""
    for end_day, colour, dashed in ((frame.compare_end, style.COMPARE, True),
                                    (frame.as_of_end, style.AS_OF, False)):
        x = frame.cursor_x(end_day)
        if x is None or not style.HEADER_WIDTH <= x <= frame.width:
            continue
        p.setPen(QPen(colour, 1.5 if dashed else 2,
                      Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
        # from the flag band down: the line crosses no axis label
        p.drawLine(QPointF(x, style.AXIS_LABELS_HEIGHT), QPointF(x, frame.height))
    for flag in cursor_flags(frame):
        p.setFont(style.ui_font(8, not flag.dashed))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(flag.colour)
        p.drawRoundedRect(flag.rect, 4, 4)
        p.setPen(style.PAPER)
        p.drawText(flag.rect, Qt.AlignmentFlag.AlignCenter, flag.text)


def paint_headers(p: QPainter, frame: Frame) -> None:
    w = style.HEADER_WIDTH
    raster = bool(frame.sprite_ratio)
    p.fillRect(QRectF(0, 0, w, frame.height), style.HEADER_BACKGROUND)
    p.save()
    p.setClipRect(QRectF(0, style.AXIS_HEIGHT, w, frame.height))
    for row in frame.geometry.rows:
        top = style.AXIS_HEIGHT + row.top - frame.y_offset
        if top > frame.height or top + row.height < style.AXIS_HEIGHT - style.GROUP_GAP:
            continue
        lane = frame.data.lanes[row.index]
        if row.caption:
            p.setFont(style.ui_font(7.5, True))
            p.setPen(style.MUTED_INK)
            draw_left_centred(p, raster, 7.5, True,
                              static_text(7.5, True, row.caption.upper())[0], 6,
                              top - style.GROUP_GAP / 2)
            p.setPen(QPen(style.GRID_STRONG, 1))
            p.drawLine(QPointF(0, top - 1), QPointF(frame.width, top - 1))
        solid, _, _ = style.party_colours(lane.lane.colour)
        p.fillRect(QRectF(4, top + 6, 5, row.height - 12), solid)
        p.setFont(style.ui_font(9, True))
        p.setPen(style.INK)
        draw_at_baseline(p, raster, 9, True, elided(9, True, lane.lane.label, w - 18)[0], 14,
                         top + style.POINT_ROW_CENTRE + style.metrics(9, True).ascent() / 2 - 1)
        p.setFont(style.ui_font(7.5))
        p.setPen(style.MUTED_INK)
        count = f"{len(lane):,} item" + ("" if len(lane) == 1 else "s")
        draw_at_baseline(p, raster, 7.5, False, static_text(7.5, False, count)[0], 14,
                         top + style.span_row_top(1) + 4)
    p.restore()
    p.setPen(QPen(style.GRID_STRONG, 1))
    p.drawLine(QPointF(w - 0.5, 0), QPointF(w - 0.5, frame.height))
    p.setFont(style.ui_font(8))
    p.setPen(style.MUTED_INK)
    p.drawText(QRectF(6, 0, w - 8, style.AXIS_HEIGHT), Qt.AlignmentFlag.AlignLeft
               | Qt.AlignmentFlag.AlignVCenter, "Parties")
