"""Paint one frame of the timeline, on screen or into an export.

The frame is drawn straight from the lane arrays: only lanes in view, only
items in view, merged into clusters or density bars when too many (see
`domain.timeline_layout`). Painting returns the hit areas of what it drew,
which the canvas uses for hover, click and double-click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from ...domain import Stance
from ...domain.timeline_axis import TimeScale, axis_ticks
from ...domain.timeline_data import (
    ItemType,
    TimelineData,
    Track,
    certain_part,
    item_type,
    stance_of,
)
from ...domain.timeline_layout import (
    Density,
    Mark,
    TrackLayout,
    layout_stances,
    layout_track,
)
from ...store.timeline_queries import RecordLabel
from ..plain_text import isolate
from . import sprites, style
from .axis_and_headers import paint_axis, paint_cursors, paint_headers
from .geometry import LaneGeometry
from .text_cache import draw_at_baseline, draw_centred, elided, static_text

MIN_LABEL_PX = 28.0


class Hit(NamedTuple):  # a tuple, not a frozen dataclass: made ~700 times a frame, 3x faster
    rect: QRectF  # in widget coordinates
    lane: int
    record: int  # 0 for a cluster or a density run
    # a field named as tuple.count: what the canvas and its tests read, worth the shadowing
    count: int  # type: ignore[assignment]
    first_day: float
    end_day: float
    members: tuple[int, ...] = ()  # records of a small cluster, for its tooltip


@dataclass
class Frame:
    width: float
    height: float
    scale: TimeScale  # x = 0 is the left edge of the lanes area, right of the headers
    data: TimelineData
    geometry: LaneGeometry
    labels: Callable[[list[int]], dict[int, RecordLabel]]
    y_offset: float = 0.0
    selected: int = 0
    selected_days: tuple[int, int] | None = None
    selected_lanes: tuple[int, ...] = ()
    as_of_end: int | None = None  # cursor at the end of the as-of day (ordinal + 1)
    as_of_text: str = ""
    compare_end: int | None = None
    compare_text: str = ""
    hits: list[Hit] = field(default_factory=list)
    sprite_ratio: float = 0.0  # set by paint_frame: see `sprites.sprite_ratio`

    @property
    def content_width(self) -> float:
        return max(self.width - style.HEADER_WIDTH, 1.0)

    def cursor_x(self, end_day: int | None) -> float | None:
        if end_day is None:
            return None
        return style.HEADER_WIDTH + self.scale.x(end_day)


@dataclass
class _LaneLayout:
    index: int
    top: float  # widget y
    colour: str
    points: TrackLayout
    spans: TrackLayout
    span_rows: int
    stances: TrackLayout | None = None  # None: no stance row (the "no party" lane)


def paint_frame(p: QPainter, frame: Frame) -> list[Hit]:
    """Draw `frame` with `p` and return what can be hovered or clicked."""
    frame.hits = []
    frame.sprite_ratio = sprites.sprite_ratio(p)
    width, height = frame.width, frame.height
    p.save()
    # within a clip, Qt's raster engine draws a long vertical line (the cursors,
    # the headers' edge) some fifty times faster: ~10 us instead of ~500
    p.setClipRect(QRectF(0, 0, width, height))
    p.fillRect(QRectF(0, 0, width, height), style.PAPER)
    axis = axis_ticks(frame.scale, frame.content_width)
    lanes = _layouts(frame)
    wanted = [lane_track.record[m.index] for lane in lanes
              for lane_track, layout in _tracks(frame, lane) for m in layout.marks if m.count == 1]
    labels = frame.labels(wanted) if wanted else {}

    p.save()
    p.setClipRect(QRectF(style.HEADER_WIDTH, style.AXIS_HEIGHT, width, height))
    _grid(p, frame, axis)
    for lane in lanes:
        _lane(p, frame, lane, labels)
    _connector(p, frame)
    p.restore()

    paint_axis(p, frame, axis)
    paint_cursors(p, frame)
    paint_headers(p, frame)
    p.restore()
    return frame.hits


def _layouts(frame: Frame) -> list[_LaneLayout]:
    found = []
    visible_top = frame.y_offset
    visible_bottom = frame.y_offset + frame.height - style.AXIS_HEIGHT
    # past about one item per 8 pixels, single items would mostly merge anyway
    dense_limit = max(100, int(frame.content_width / 8))
    for row in frame.geometry.rows:
        if row.top + row.height < visible_top or row.top > visible_bottom:
            continue
        lane = frame.data.lanes[row.index]
        points = layout_track(lane.points, frame.scale, frame.content_width, min_px=style.GLYPH,
                              gap_px=2, rows=1, dense_limit=dense_limit, glyphs=True)
        spans = layout_track(lane.spans, frame.scale, frame.content_width, min_px=8,
                             gap_px=3, rows=row.span_rows, dense_limit=dense_limit)
        stances = None
        if row.stance_row:
            stances = layout_stances(lane.stances, frame.scale, frame.content_width,
                                     mark_px=style.STANCE_MARK, gap_px=2, dense_limit=dense_limit)
        found.append(_LaneLayout(row.index, style.AXIS_HEIGHT + row.top - frame.y_offset,
                                 lane.lane.colour, points, spans, row.span_rows, stances))
    return found


def _tracks(frame: Frame, lane: _LaneLayout) -> tuple[tuple[Track, TrackLayout], ...]:
    items = frame.data.lanes[lane.index]
    return ((items.points, lane.points), (items.spans, lane.spans))


def _grid(p: QPainter, frame: Frame, axis) -> None:
    x0 = style.HEADER_WIDTH
    for row in frame.geometry.rows[1::2]:
        top = style.AXIS_HEIGHT + row.top - frame.y_offset
        p.fillRect(QRectF(x0, top, frame.width, row.height), style.LANE_SHADE)
    for ticks, colour in ((axis.ticks, style.GRID), (axis.context, style.GRID_STRONG)):
        p.setPen(QPen(colour, 1))
        for tick in ticks:
            x = x0 + frame.scale.x(tick.day)
            p.drawLine(QPointF(x, style.AXIS_HEIGHT), QPointF(x, frame.height))


def _lane(p: QPainter, frame: Frame, lane: _LaneLayout, labels: dict[int, RecordLabel]) -> None:
    items = frame.data.lanes[lane.index]
    point_y = lane.top + style.POINT_ROW_CENTRE
    if lane.points.dense:
        _density(p, frame, lane, lane.points, lane.top + 2, style.POINT_ROW_CENTRE + 8)
    else:
        marks = lane.points.marks
        for n, mark in enumerate(marks):
            limit = marks[n + 1].x0 - 4 if n + 1 < len(marks) else frame.content_width
            _point_mark(p, frame, lane, items.points, mark, point_y, limit, labels)
    if lane.spans.dense:
        top = lane.top + style.span_row_top(0)
        height = (style.span_row_top(lane.span_rows - 1) + style.SPAN_ROW_HEIGHT
                  - style.span_row_top(0))
        _density(p, frame, lane, lane.spans, top, height)
    else:
        for mark in lane.spans.marks:
            _span_mark(p, frame, lane, items.spans, mark, labels)
    if lane.stances is not None:
        _stance_row(p, frame, lane, items.stances)


def _stance_row(p, frame, lane: _LaneLayout, track: Track) -> None:
    """The lane's changes of stance: a mark each, clustered or shaded when crowded."""
    if lane.stances is None:  # the "no party" lane has no stance row
        return
    y = lane.top + style.stance_row_centre(lane.span_rows)
    if lane.stances.dense:
        _density(p, frame, lane, lane.stances, y - style.STANCE_MARK / 2, style.STANCE_MARK)
        return
    for mark in lane.stances.marks:
        if mark.count > 1:
            _cluster(p, frame, lane, track, mark, y, style.STANCE_MARK)
        else:
            _stance_mark(p, frame, lane, track, mark, y)


def _stance_mark(p, frame, lane: _LaneLayout, track: Track, mark: Mark, y: float) -> None:
    """A small square in the stance's colour with its symbol, as in the grid's cells;
    a date known only to the month or year is drawn under it as a thin bracket over
    its span, so the mark does not claim a day."""
    i = mark.index
    record, first, end = track.record[i], mark.first_day, mark.end_day
    stance = Stance(stance_of(track.code[i]))
    x = style.HEADER_WIDTH + (mark.x0 + mark.x1) / 2
    left, right = style.HEADER_WIDTH + frame.scale.x(first), style.HEADER_WIDTH + frame.scale.x(end)
    if end - first > 1 and right - left > style.STANCE_MARK:
        p.setPen(QPen(style.GRID_STRONG, 1))
        p.drawLine(QPointF(left, y + 3), QPointF(left, y + 6))
        p.drawLine(QPointF(left, y + 6), QPointF(right, y + 6))
        p.drawLine(QPointF(right, y + 3), QPointF(right, y + 6))
    half = style.STANCE_MARK / 2
    rect = QRectF(x - half, y - half, style.STANCE_MARK, style.STANCE_MARK)
    p.setPen(QPen(style.INK, 1))
    p.setBrush(style.stance_fill(stance))
    p.drawRoundedRect(rect, 2, 2)
    text, text_width = static_text(7, True, stance.symbol)
    p.setFont(style.ui_font(7, True))
    draw_centred(p, bool(frame.sprite_ratio), 7, True, text, text_width, x, y)
    if record == frame.selected:
        _ring(p, rect)
    frame.hits.append(Hit(rect, lane.index, record, 1, first, end))


def _point_mark(p, frame, lane, track, mark: Mark, y, limit, labels) -> None:
    if mark.count > 1:
        _cluster(p, frame, lane, track, mark, y, 14)
        return
    x = style.HEADER_WIDTH + (mark.x0 + mark.x1) / 2
    record = track.record[mark.index]
    sprites.draw_glyph(p, frame.sprite_ratio, item_type(track.code[mark.index]), x, y,
                       lane.colour)
    rect = QRectF(x - style.GLYPH / 2, y - style.GLYPH / 2, style.GLYPH, style.GLYPH)
    if record == frame.selected:
        _ring(p, rect)
    label = labels.get(record)
    space = limit - (mark.x1 + 3)
    if label is not None and space >= MIN_LABEL_PX:
        p.setFont(style.ui_font(8.5))
        text, text_width = elided(8.5, False, isolate(label.title), space)
        p.setPen(style.INK)
        draw_at_baseline(p, bool(frame.sprite_ratio), 8.5, False, text,
                         style.HEADER_WIDTH + mark.x1 + 3, y + style.metrics(8.5).ascent() / 2 - 1)
        rect = rect.united(QRectF(rect.right(), rect.top(), text_width + 3, rect.height()))
    frame.hits.append(Hit(rect, lane.index, record, 1, track.first[mark.index],
                          track.end[mark.index]))


def _span_mark(p, frame, lane, track, mark: Mark, labels) -> None:
    top = lane.top + style.span_row_top(mark.row)
    if mark.count > 1:
        half = style.SPAN_ROW_HEIGHT / 2
        _cluster(p, frame, lane, track, mark, top + half, style.SPAN_ROW_HEIGHT)
        return
    i = mark.index
    record, code = track.record[i], track.code[i]
    kind = item_type(code)
    first, end = track.first[i], track.end[i]
    scale, h = frame.scale, style.SPAN_ROW_HEIGHT
    x0 = style.HEADER_WIDTH + mark.x0
    whole = QRectF(x0, top, mark.x1 - mark.x0, h)
    a, b = certain_part(first, end, code)
    if a < b:
        left, right = style.HEADER_WIDTH + scale.x(a), style.HEADER_WIDTH + scale.x(b)
        if left > whole.left():
            style.draw_uncertain(p, QRectF(whole.left(), top, left - whole.left(), h), lane.colour)
        if right < whole.right():
            style.draw_uncertain(p, QRectF(right, top, whole.right() - right, h), lane.colour)
        style.draw_certain(p, QRectF(left, top, max(right - left, 2), h), lane.colour, kind)
    else:
        style.draw_uncertain(p, whole, lane.colour)
    # agreements and proposals keep their glyph (hollow when the day is unknown),
    # drawn at the band's visible start as a legend, not as a date
    glyph = kind in (ItemType.AGREEMENT, ItemType.PROPOSED, ItemType.ADDRESSED) \
        and whole.width() >= style.GLYPH + 2
    if glyph:
        glyph_x = max(whole.left(), style.HEADER_WIDTH) + style.GLYPH / 2 + 1
        sprites.draw_glyph(p, frame.sprite_ratio, kind, glyph_x, top + h / 2, lane.colour,
                           hollow=a >= b)
    if record == frame.selected:
        _ring(p, whole)
    label = labels.get(record)
    text_left = max(whole.left(), style.HEADER_WIDTH) + (style.GLYPH + 4 if glyph else 3)
    space = min(whole.right(), frame.width) - text_left - 3
    if label is not None and space >= MIN_LABEL_PX:
        p.setFont(style.ui_font(7.5))
        text, text_width = elided(7.5, False, isolate(label.title), space)
        # on a pale backing: the text crosses solid bars and hatched bands alike
        p.fillRect(QRectF(text_left - 2, top + 1, text_width + 4, h - 2), style.LABEL_BACKGROUND)
        p.setPen(style.INK)
        draw_at_baseline(p, bool(frame.sprite_ratio), 7.5, False, text, text_left,
                         top + h / 2 + style.metrics(7.5).ascent() / 2 - 1)
    frame.hits.append(Hit(whole, lane.index, record, 1, first, end))


def _cluster(p, frame, lane, track, mark: Mark, y, h) -> None:
    """A counted pill over the cluster's extent."""
    text, text_width = static_text(7.5, True, f"{mark.count:,}")
    p.setFont(style.ui_font(7.5, True))
    width = max(mark.x1 - mark.x0, text_width + 8)
    middle = style.HEADER_WIDTH + (mark.x0 + mark.x1) / 2
    left = min(style.HEADER_WIDTH + mark.x0, middle - width / 2)
    rect = QRectF(left, y - h / 2, max(width, style.HEADER_WIDTH + mark.x1 - left), h)
    sprites.draw_pill(p, frame.sprite_ratio, rect, lane.colour)
    p.setPen(style.INK)
    # the count stays in sight when the cluster runs off either edge
    shown_left, shown_right = max(left, style.HEADER_WIDTH), min(rect.right(), frame.width)
    if shown_right <= shown_left:
        shown_left, shown_right = left, rect.right()
    draw_centred(p, bool(frame.sprite_ratio), 7.5, True, text, text_width,
                 (shown_left + shown_right) / 2, y)
    record = track.record
    if frame.selected and any(record[i] == frame.selected for i in mark.members):
        _ring(p, rect)
    frame.hits.append(Hit(rect, lane.index, 0, mark.count, mark.first_day, mark.end_day,
                          tuple([record[i] for i in mark.members[:12]])))


def _density(p, frame, lane, layout: TrackLayout, top: float, height: float) -> None:
    """A strip shaded by how many items start in each bucket, each run of items counted.

    The strip is one small image (a pixel per bucket) stretched over the
    track: one draw call however many buckets, which keeps a million-event
    frame within budget.
    """
    found = layout.density
    if found is None:  # drawn only for a dense layout, which has one
        return
    x0 = style.HEADER_WIDTH
    strip = style.density_strip(lane.colour, found.counts)
    p.drawImage(QRectF(x0 + found.x0, top, found.step * len(found.counts), height), strip)
    if found.step >= 28:  # wide buckets (a day or more) are counted one by one
        groups = [(i, i + 1, c) for i, c in enumerate(found.counts) if c]
    else:
        groups = found.runs()
    _density_counts(p, frame, lane.index, found, groups, top, height)


def _density_counts(p, frame, lane_index: int, found: Density,
                    groups: list[tuple[int, int, int]], top: float, height: float) -> None:
    """Each run's hit area, and its count on a pale backing where it fits (a month's
    view of a dense lane counts some thirty buckets: laid-out text, drawn by copy)."""
    p.setFont(style.ui_font(7.5, True))
    p.setPen(style.INK)
    x0, right_edge, raster = style.HEADER_WIDTH, frame.width, bool(frame.sprite_ratio)
    metrics = style.metrics(7.5, True)
    text_height = metrics.height()
    text_top, centre_y = top + (height - text_height) / 2, top + height / 2
    glyphs_top = centre_y - (metrics.ascent() + metrics.descent()) / 2  # as draw_centred
    selected = frame.selected_days if lane_index in frame.selected_lanes else None
    hits, days, step, first_x = frame.hits, found.days, found.step, x0 + found.x0
    background = style.LABEL_BACKGROUND
    for start, end, total in groups:
        left, width = first_x + start * step, (end - start) * step
        rect = QRectF(left, top, width, height)
        hits.append(Hit(rect, lane_index, 0, total, days[start], days[end]))
        if selected and days[start] <= selected[0] < days[end]:
            _ring(p, rect)
            p.setPen(style.INK)
        text, text_width = static_text(7.5, True, f"{total:,}")
        if width >= text_width + 6:
            middle = (max(left, x0) + min(left + width, right_edge)) / 2
            half = text_width / 2
            p.fillRect(QRectF(middle - half - 3, text_top, text_width + 6, text_height), background)
            if raster:  # draw_centred's copy, inlined: hundreds a frame
                p.drawStaticText(QPointF(middle - half, glyphs_top), text)
            else:
                draw_centred(p, False, 7.5, True, text, text_width, middle, centre_y)


def _ring(p: QPainter, rect: QRectF) -> None:
    p.setPen(QPen(style.SELECTION, 2.5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 4, 4)


def _connector(p: QPainter, frame: Frame) -> None:
    """A dotted line joining the copies of a selected event that involves several parties."""
    if len(frame.selected_lanes) < 2 or frame.selected_days is None:
        return
    tops = [r.top for r in frame.geometry.rows if r.index in frame.selected_lanes]
    first, end = frame.selected_days
    x = style.HEADER_WIDTH + frame.scale.x(first + min(end - first, 1) / 2)
    pen = QPen(style.SELECTION, 1.5, Qt.PenStyle.DotLine)
    p.setPen(pen)
    y = style.AXIS_HEIGHT - frame.y_offset + style.POINT_ROW_CENTRE
    p.drawLine(QPointF(x, y + min(tops)), QPointF(x, y + max(tops)))
