"""The interactive timeline surface: a custom-painted widget.

Chosen over a `QGraphicsScene` by measurement (docs/benchmarks.md): a scene
needs an item per event up front, which at a million events takes longer to
build than the whole case takes to load here. The canvas keeps only a
`TimeScale` and a vertical offset, paints what is in view and hit-tests
against what it last painted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...domain.timeline_axis import TimeScale, describe_span
from ...domain.timeline_data import TimelineData
from ...store.timeline_queries import RecordLabel
from ..plain_text import isolate, plain_tooltip
from . import style
from .geometry import LaneGeometry
from .painter import Frame, Hit, paint_frame

ZOOM_STEP = 1.25
DRAG_THRESHOLD = 4
CURSOR_GRAB_PX = 6


class TimelineCanvas(QWidget):
    # a record number (events > 0, proposals < 0), or 0 for a click on nothing
    itemClicked = Signal(int)
    itemActivated = Signal(int)
    # the day (ordinal) the as-of cursor was dragged to
    asOfDragged = Signal(int)
    # the vertical offset changed (from the wheel or the keyboard)
    scrolled = Signal(float)
    zoomToSelectionRequested = Signal()
    fitAllRequested = Signal()
    # the user zoomed or panned (the view stops refitting itself on resize)
    navigated = Signal()

    def __init__(self, labels: Callable[[list[int]], dict[int, RecordLabel]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.labels = labels
        self.data = TimelineData()
        self.geometry_ = LaneGeometry.of(self.data)
        self.scale = TimeScale(0.0, 1.0)
        self.y_offset = 0.0
        self.selected = 0
        self.selected_days: tuple[int, int] | None = None
        self.selected_lanes: tuple[int, ...] = ()
        self.as_of_end: int | None = None
        self.as_of_text = ""
        self.compare_end: int | None = None
        self.compare_text = ""
        self.hits: list[Hit] = []
        self._press: QPointF | None = None
        self._press_scale: TimeScale | None = None
        self._dragging_cursor = False
        self._panned = False
        # refit on resize and reload until the user zooms or pans
        self.auto_fit = True
        self.navigated.connect(self._stop_auto_fit)

    def _stop_auto_fit(self) -> None:
        self.auto_fit = False
    # -- state set by the view ---------------------------------------------------

    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self.geometry_ = LaneGeometry.of(data)
        self.set_y_offset(self.y_offset)
        self.update()

    def set_scale(self, scale: TimeScale) -> None:
        if scale != self.scale:
            self.scale = scale
            self.update()

    def set_y_offset(self, offset: float) -> None:
        offset = min(max(offset, 0.0), self.max_y_offset())
        if offset != self.y_offset:
            self.y_offset = offset
            self.scrolled.emit(offset)
            self.update()

    def max_y_offset(self) -> float:
        return max(0.0, self.geometry_.height - (self.height() - style.AXIS_HEIGHT))

    @property
    def content_width(self) -> float:
        return max(self.width() - style.HEADER_WIDTH, 1.0)

    def frame(self, width: float | None = None, height: float | None = None,
              scale: TimeScale | None = None, y_offset: float | None = None) -> Frame:
        """What to paint: this canvas's state, or the same at another size (exports)."""
        return Frame(
            width=self.width() if width is None else width,
            height=self.height() if height is None else height,
            scale=scale or self.scale, data=self.data, geometry=self.geometry_,
            labels=self.labels, y_offset=self.y_offset if y_offset is None else y_offset,
            selected=self.selected, selected_days=self.selected_days,
            selected_lanes=self.selected_lanes, as_of_end=self.as_of_end,
            as_of_text=self.as_of_text, compare_end=self.compare_end,
            compare_text=self.compare_text)

    # -- zoom and pan --------------------------------------------------------------

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        if anchor_x is None:
            anchor_x = self.content_width / 2
        self.set_scale(self.scale.zoomed(factor, anchor_x))
        self.navigated.emit()

    def pan(self, dx: float) -> None:
        self.set_scale(self.scale.panned(dx))
        self.navigated.emit()

    def fit_days(self, first_day: float, end_day: float) -> None:
        self.set_scale(TimeScale.fit(first_day, end_day, self.content_width))
        self.navigated.emit()

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.hits = paint_frame(painter, self.frame())
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit_all()
        self.set_y_offset(self.y_offset)

    # -- mouse --------------------------------------------------------------------------

    def hit_at(self, pos: QPointF) -> Hit | None:
        for hit in reversed(self.hits):  # the last drawn is on top
            if hit.rect.adjusted(-2, -2, 2, 2).contains(pos):
                return hit
        return None

    def _near_cursor(self, x: float) -> bool:
        if self.as_of_end is None:
            return False
        return abs(x - (style.HEADER_WIDTH + self.scale.x(self.as_of_end))) <= CURSOR_GRAB_PX

    def _drag_cursor_to(self, x: float) -> None:
        # the cursor stands at the end of the as-of day: snap to the nearest day end
        day = round(self.scale.day(x - style.HEADER_WIDTH)) - 1
        self.asOfDragged.emit(day)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.position().x() < style.HEADER_WIDTH:
            return super().mousePressEvent(event)
        pos = event.position()
        self._press, self._press_scale, self._panned = pos, self.scale, False
        in_axis = pos.y() < style.AXIS_HEIGHT
        self._dragging_cursor = self._near_cursor(pos.x()) or in_axis
        if self._dragging_cursor:
            self._drag_cursor_to(pos.x())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if (self._press is not None and self._press_scale is not None
                and event.buttons() & Qt.MouseButton.LeftButton):
            if self._dragging_cursor:
                self._drag_cursor_to(pos.x())
            elif self._panned or (pos - self._press).manhattanLength() >= DRAG_THRESHOLD:
                self._panned = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.set_scale(self._press_scale.panned(pos.x() - self._press.x()))
                self.navigated.emit()
            return
        near = self._near_cursor(pos.x()) or (pos.y() < style.AXIS_HEIGHT
                                              and pos.x() >= style.HEADER_WIDTH)
        self.setCursor(Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        clicked = not self._panned and not self._dragging_cursor
        self._press = None
        self._dragging_cursor = False
        self.setCursor(Qt.CursorShape.ArrowCursor)
        if clicked:
            hit = self.hit_at(event.position())
            if hit is None:
                self.itemClicked.emit(0)
            elif hit.record:
                self.itemClicked.emit(hit.record)
            else:
                self._zoom_into(hit)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and hit is not None and hit.record:
            self.itemActivated.emit(hit.record)

    def _zoom_into(self, hit: Hit) -> None:
        """A click on a cluster or a density run zooms in to its days."""
        first, end = hit.first_day, max(hit.end_day, hit.first_day + 1)
        pad = max((end - first) * 0.15, 0.5)
        self.fit_days(first - pad, end + pad)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.set_y_offset(self.y_offset - (delta.y() or delta.x()) / 2)
        elif abs(delta.x()) > abs(delta.y()):
            self.pan(delta.x() / 2)
        elif delta.y():
            x = event.position().x() - style.HEADER_WIDTH
            self.zoom(ZOOM_STEP ** (delta.y() / 120), max(x, 0.0))
        event.accept()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            pos = QPointF(event.pos())
            text = self.header_tooltip_text(pos) if pos.x() < style.HEADER_WIDTH else ""
            hit = None if text else self.hit_at(pos)
            if hit is not None:
                text = self.tooltip_text(hit)
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_text(self, hit: Hit) -> str:
        """Plain text describing what is under the mouse."""
        lane = self.data.lanes[hit.lane].lane.label if hit.lane < len(self.data.lanes) else ""
        if hit.record:
            label = self.labels([hit.record]).get(hit.record)
            if label is None:
                return ""
            return (f"{isolate(label.title)}\n{isolate(label.detail)} · {label.date}\n"
                    f"{isolate(lane)}")
        days = describe_span(int(hit.first_day), int(max(hit.end_day, hit.first_day + 1)))
        lines = [f"{hit.count:,} items · {isolate(lane)}", days]
        if hit.members:
            found = self.labels(list(hit.members))
            lines += [f"• {isolate(found[r].title)} ({found[r].date})" for r in hit.members
                      if r in found]
            if hit.count > len(hit.members):
                lines.append(f"… and {hit.count - len(hit.members):,} more")
        lines.append("Click to zoom in.")
        return "\n".join(lines)

    def header_tooltip_text(self, pos: QPointF) -> str:
        """The full name, group and item count of the lane whose header is at `pos`."""
        if pos.y() < style.AXIS_HEIGHT:
            return ""
        row = self.geometry_.row_at(pos.y() - style.AXIS_HEIGHT + self.y_offset)
        if row is None:
            return ""
        items = self.data.lanes[row.index]
        lane = items.lane
        name = (f"{isolate(lane.name)} ({isolate(lane.label)})"
                if lane.name and lane.name != lane.label else lane.name or lane.label)
        count = f"{len(items):,} item" + ("" if len(items) == 1 else "s")
        return f"{name}\n{lane.group} · {count}"

    def tooltip_html(self, hit: Hit) -> str:
        return plain_tooltip(self.tooltip_text(hit))

    # -- keyboard -----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        for _label, _what, keys, act in KEYS:
            if event.key() in keys:
                act(self)
                event.accept()
                return
        super().keyPressEvent(event)

    def _activate_selected(self) -> None:
        if self.selected:
            self.itemActivated.emit(self.selected)

    def fit_all(self) -> None:
        """Show every item (or the weeks around the as-of date when there are none)."""
        bounds = self.data.bounds()
        if bounds is None and self.as_of_end is not None:
            bounds = (self.as_of_end - 45, self.as_of_end + 45)
        if bounds is not None:
            self.set_scale(TimeScale.fit(bounds[0], bounds[1], self.content_width))


# The timeline's own keys, one table for the key handler and Help > Keyboard
# Shortcuts alike: (keys as shown, what they do, Qt keys, action)
KEYS: tuple[tuple[str, str, tuple[int, ...], Callable[[TimelineCanvas], object]], ...] = (
    ("+", "Zoom in", (Qt.Key.Key_Plus, Qt.Key.Key_Equal), lambda c: c.zoom(ZOOM_STEP)),
    ("−", "Zoom out", (Qt.Key.Key_Minus, Qt.Key.Key_Underscore), lambda c: c.zoom(1 / ZOOM_STEP)),
    ("←", "Pan to earlier dates", (Qt.Key.Key_Left,), lambda c: c.pan(c.content_width / 8)),
    ("→", "Pan to later dates", (Qt.Key.Key_Right,), lambda c: c.pan(-c.content_width / 8)),
    ("↑", "Scroll the lanes up", (Qt.Key.Key_Up,),
     lambda c: c.set_y_offset(c.y_offset - style.LANE_HEIGHT)),
    ("↓", "Scroll the lanes down", (Qt.Key.Key_Down,),
     lambda c: c.set_y_offset(c.y_offset + style.LANE_HEIGHT)),
    ("Home", "Fit all", (Qt.Key.Key_Home,), lambda c: c.fitAllRequested.emit()),
    ("Z", "Zoom to the selected item", (Qt.Key.Key_Z,),
     lambda c: c.zoomToSelectionRequested.emit()),
    ("Enter", "Edit the selected item", (Qt.Key.Key_Return, Qt.Key.Key_Enter),
     lambda c: c._activate_selected()),
    ("Esc", "Clear the selection", (Qt.Key.Key_Escape,), lambda c: c.itemClicked.emit(0)),
)
