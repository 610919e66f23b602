"""`TimelineView`: party lanes over time, with the shared as-of cursor.

Listens to `CaseState` (as-of and compare-with dates, selection, event
filter, data changes) and sets values on it (cursor drags, clicks); never
talks to another view. Records come from the store as compact arrays
(`store.timeline_queries`); titles are fetched only for what is drawn.

An event involving several parties is drawn in each of their lanes, not as
one item spanning them: lanes of the parties in between would otherwise seem
involved, and a party's lane would no longer read as "everything this party
did". Selecting it rings every copy and joins them with a dotted line.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...domain import PartialDate
from ...domain.timeline_axis import TimeScale
from ...store import CaseStore, DamagedFileError
from ...store.timeline_positions import many_positions, read_stance_changes_apart
from ...store.timeline_queries import (
    RecordLabel,
    load_timeline,
    load_timeline_apart,
    many_events,
    record_days,
    record_labels,
    record_number,
    reload_stance_changes,
    update_timeline,
)
from .. import prompts
from ..case_state import CaseState, RecordChange, SelectedId
from ..settings import Settings
from ..user_folders import documents_folder, export_folder, remember_export_folder
from . import export, style
from .background_read import BackgroundRead
from .canvas import TimelineCanvas

# tables whose changes alter what the timeline shows
_TIMELINE_TABLES = {"events", "proposals", "parties", "positions"}
# a change to more records than this reads the case again: one bulk read is then
# quicker than finding and moving each record's items
_INCREMENTAL_LIMIT = 200
_LABEL_CACHE = 20_000


class TimelineView(QWidget):
    # kind ("event" or "proposal"), id: the user asked to edit this record
    editRequested = Signal(str, str)

    def __init__(self, store: CaseStore, state: CaseState, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.state = state
        # the window's settings, for where exports are saved (None: Documents each time)
        self.settings: Settings | None = None
        self._labels: OrderedDict[int, RecordLabel] = OrderedDict()
        # id → record number of records selected or changed here: a deleted record's
        # number is no longer in the store, and finding it otherwise takes a scan
        self._record_of: dict[str, int] = {}
        self._dragging_cursor = False
        self.canvas = TimelineCanvas(self.labels, self)
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._build_actions()
        lanes = QHBoxLayout()
        lanes.setContentsMargins(0, 0, 0, 0)
        lanes.setSpacing(0)
        lanes.addWidget(self.canvas)
        lanes.addWidget(self.scrollbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addLayout(lanes)

        self.scrollbar.valueChanged.connect(lambda v: self.canvas.set_y_offset(float(v)))
        self.canvas.scrolled.connect(self._sync_scrollbar)
        self.canvas.itemClicked.connect(self._clicked)
        self.canvas.itemActivated.connect(self._activated)
        self.canvas.asOfDragged.connect(self._cursor_dragged)
        self.canvas.zoomToSelectionRequested.connect(self.zoom_to_selection)
        self.canvas.fitAllRequested.connect(self.fit_all)
        state.asOfChanged.connect(self._as_of_moved)
        state.compareWithChanged.connect(self._show_compare)
        state.selectionChanged.connect(self._show_selection)
        # reloads are coalesced: an undo of many records, or a filter typed key by
        # key, reads the store once (a million-event case takes seconds to read)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self.items_loader = BackgroundRead(load_timeline_apart, "timeline", self)
        self.items_loader.loaded.connect(self._items_loaded)
        self.items_loader.failed.connect(self._items_failed)
        self.stance_loader = BackgroundRead(read_stance_changes_apart, "changes of stance", self)
        self.stance_loader.loaded.connect(self._stances_loaded)
        state.eventFilterChanged.connect(lambda _filter: self._reload_timer.start())
        state.recordsChanged.connect(self._records_changed)
        self._show_as_of(state.as_of)
        self._show_compare(state.compare_with)
        self.reload()

    def _build_actions(self) -> None:
        def action(text, tip, slot, shortcut=None):
            act = QAction(text, self)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            return act

        self.zoom_in_action = action("Zoom in", "Zoom in (+, or the mouse wheel)",
                                     lambda: self.canvas.zoom(1.25))
        self.zoom_out_action = action("Zoom out", "Zoom out (−)",
                                      lambda: self.canvas.zoom(1 / 1.25))
        self.fit_action = action("Fit all", "Show the whole timeline (Home)", self.fit_all)
        self.zoom_selection_action = action("Zoom to selection",
                                            "Zoom to the selected item (Z)",
                                            self.zoom_to_selection)
        for act in (self.zoom_in_action, self.zoom_out_action, self.fit_action,
                    self.zoom_selection_action):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.export_actions = [
            action("Export visible timeline to PNG…", "Save what is shown as an image",
                   lambda: self._export("png", whole=False)),
            action("Export whole timeline to PNG…", "Save the whole timeline as an image",
                   lambda: self._export("png", whole=True)),
            action("Export visible timeline to PDF…", "Save what is shown as a PDF page",
                   lambda: self._export("pdf", whole=False)),
            action("Export whole timeline to PDF…", "Save the whole timeline as a PDF page",
                   lambda: self._export("pdf", whole=True)),
        ]
        self.toolbar.addWidget(self.summary)

    # -- data ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the timeline again from the store (after edits, or a filter change): a large
        case on a worker thread (`BackgroundRead`), so the window paints at once."""
        self._reload_timer.stop()
        apart = many_positions(self.store)
        if many_events(self.store):
            self.stance_loader.cancel()
            self.items_loader.start(self.store.path, self.state.event_filter, not apart)
            self.summary.setText("  Reading the timeline…")
            return
        try:
            self._show_items(load_timeline(self.store, self.state.event_filter,
                                           stances=not apart), apart)
        except DamagedFileError:  # the window says so and offers salvage (ui/salvage.py)
            self._items_failed("the case file is damaged")

    def _items_loaded(self, data) -> None:
        if self._reload_timer.isActive():
            return  # changed meanwhile: the coming reload reads it again
        self._show_items(data, many_positions(self.store))

    def _items_failed(self, reason: str) -> None:
        self.summary.setText(f"  The timeline could not be read: {reason}")

    def _show_items(self, data, stances_apart: bool) -> None:
        self._labels.clear()
        self._record_of.clear()
        self.canvas.set_data(data)
        if stances_apart:
            self.stance_loader.start(self.store.path, self.state.event_filter)
        self._show_selection(*self.state.selection, reveal=False)
        self._sync_scrollbar(self.canvas.y_offset)
        if self.canvas.auto_fit:
            self.canvas.fit_all()
        self._update_summary()

    def labels(self, records: list[int]) -> dict[int, RecordLabel]:
        """Titles of the records drawn, from a bounded cache in front of the store."""
        missing = [r for r in records if r not in self._labels]
        if missing:
            self._labels.update(record_labels(self.store, missing))
            while len(self._labels) > _LABEL_CACHE:
                self._labels.popitem(last=False)
        return {r: self._labels[r] for r in records if r in self._labels}

    def _records_changed(self, change: RecordChange) -> None:
        """Move only the items of the records named; read the case again when unsure."""
        tables = change.tables
        if tables and not tables & _TIMELINE_TABLES:
            return
        if tables and not tables & (_TIMELINE_TABLES - {"positions"}):
            # only positions: their changes of stance are read again (one indexed scan)
            if not self._reload_timer.isActive():
                self._reload_stances()
            return
        if "positions" in tables and not self._reload_timer.isActive():
            self._reload_stances()
        events, proposals = change.ids_in("events"), change.ids_in("proposals")
        if (not tables or "parties" in tables or self._reload_timer.isActive()
                or self.items_loader.busy  # the items being read may miss this change
                or ("events" in tables and events is None)
                or ("proposals" in tables and proposals is None)
                or len(events or ()) + len(proposals or ()) > _INCREMENTAL_LIMIT):
            self._reload_timer.start()  # lanes may change, or the ids are not known
            return
        touched = update_timeline(self.store, self.canvas.data, self.state.event_filter,
                                  set(events or ()), set(proposals or ()), self._record_of)
        for record in touched:
            self._labels.pop(record, None)
        self._after_update()

    def _after_update(self) -> None:
        self._labels = OrderedDict((r, label) for r, label in self._labels.items()
                                   if label.kind != "position")  # summaries may be edited
        self.canvas.set_data(self.canvas.data)
        self._show_selection(*self.state.selection, reveal=False)
        self._sync_scrollbar(self.canvas.y_offset)
        if self.canvas.auto_fit:
            self.canvas.fit_all()
        self._update_summary()

    def _reload_stances(self) -> None:
        if many_positions(self.store):
            self.stance_loader.start(self.store.path, self.state.event_filter)
        else:
            self.stance_loader.cancel()
            reload_stance_changes(self.store, self.canvas.data, self.state.event_filter)
            self._after_update()

    def _stances_loaded(self, rows: list[tuple]) -> None:
        reload_stance_changes(self.store, self.canvas.data, self.state.event_filter, rows)
        self._after_update()

    @property
    def reload_pending(self) -> bool:
        """A reload (or a background read of the changes of stance) is still to come."""
        return (self._reload_timer.isActive() or self.items_loader.busy
                or self.stance_loader.busy)

    # -- view -----------------------------------------------------------------------

    def fit_all(self) -> None:
        """Show the whole timeline, and keep it whole as the view is resized."""
        self.canvas.auto_fit = True
        self.canvas.fit_all()

    def zoom_to_selection(self) -> None:
        days = self.canvas.selected_days
        if days is None:
            return
        first, end = days
        pad = max((end - first) * 0.5, 3)
        self.canvas.fit_days(first - pad, end + pad)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._sync_scrollbar(self.canvas.y_offset)

    def _sync_scrollbar(self, offset: float) -> None:
        self.scrollbar.blockSignals(True)
        self.scrollbar.setRange(0, int(self.canvas.max_y_offset()))
        self.scrollbar.setPageStep(max(self.canvas.height() - 40, 1))
        self.scrollbar.setValue(int(offset))
        self.scrollbar.blockSignals(False)
        self.scrollbar.setVisible(self.canvas.max_y_offset() > 0)

    def _update_summary(self) -> None:
        data = self.canvas.data
        filtered = "" if self.state.event_filter.is_empty else " (filtered)"
        changes = data.stance_change_count
        stances = f", {changes:,} change{'s' if changes != 1 else ''} of stance" if changes else ""
        self.summary.setText(
            f"  {data.item_count:,} items{stances} in {len(data.lanes)} lanes{filtered}")

    # -- shared state -----------------------------------------------------------------

    def _show_as_of(self, date: PartialDate) -> None:
        self.canvas.as_of_end = date.end().toordinal() + 1
        self.canvas.as_of_text = f"As of {date.display}"
        self.canvas.update()

    def _as_of_moved(self, date: PartialDate) -> None:
        self._show_as_of(date)
        if not self._dragging_cursor:  # moved from elsewhere: bring the cursor into view
            self.ensure_as_of_visible()

    def ensure_as_of_visible(self) -> None:
        """Pan (keeping the zoom) so the as-of cursor is in view, a tenth in from the edge."""
        canvas = self.canvas
        if canvas.as_of_end is None or canvas.width() <= 0:
            return
        width, scale = canvas.content_width, canvas.scale
        margin = width / 10 / scale.px_per_day
        left, right = scale.left, scale.right(width)
        day = canvas.as_of_end
        if left + margin <= day <= right - margin:
            return
        span = width / scale.px_per_day
        new_left = day - margin if day < left + margin else day + margin - span
        canvas.auto_fit = False  # the view now follows the date, not the fit
        canvas.set_scale(TimeScale(new_left, scale.px_per_day))

    def _show_compare(self, date: PartialDate | None) -> None:
        self.canvas.compare_end = None if date is None else date.end().toordinal() + 1
        self.canvas.compare_text = "" if date is None else f"Since {date.display}"
        self.canvas.update()

    def _show_selection(self, kind: str, record_id: SelectedId, reveal: bool = True) -> None:
        shown = record_id if isinstance(record_id, str) else ""  # a grid cell is not on it
        record = record_number(self.store, kind, shown) if shown else None
        canvas = self.canvas
        if record is None:
            canvas.selected, canvas.selected_days, canvas.selected_lanes = 0, None, ()
        else:
            canvas.selected = self._record_of[shown] = record
            canvas.selected_days = record_days(self.store, record)
            canvas.selected_lanes = tuple(sorted({lane for lane, _, _ in
                                                  canvas.data.locate(record)}))
            if reveal:
                self.ensure_selection_visible()
        canvas.update()

    def ensure_selection_visible(self) -> None:
        """Bring the selected item into view (selected in a list, say), keeping the zoom."""
        canvas = self.canvas
        if canvas.selected_days is None or canvas.width() <= 0:
            return
        first, end = canvas.selected_days
        left, right = canvas.scale.left, canvas.scale.right(canvas.content_width)
        if end <= left or first >= right:
            middle = (first + end) / 2
            canvas.set_scale(TimeScale(middle - canvas.content_width / 2 / canvas.scale.px_per_day,
                                       canvas.scale.px_per_day))
        rows = [row for lane in canvas.selected_lanes
                if (row := canvas.geometry_.row_of(lane)) is not None]
        visible = canvas.height() - style.AXIS_HEIGHT
        if rows and not any(canvas.y_offset <= row.top <= canvas.y_offset + visible - row.height
                            for row in rows):
            canvas.set_y_offset(rows[0].top - style.GROUP_GAP)

    def _cursor_dragged(self, day: int) -> None:
        day = min(max(day, 1), dt.date.max.toordinal())
        self._dragging_cursor = True  # the user's hand is on it: the view stays put
        try:
            self.state.set_as_of(PartialDate.from_date(dt.date.fromordinal(day)))
        finally:
            self._dragging_cursor = False

    def _clicked(self, record: int) -> None:
        label = self.labels([record]).get(record) if record else None
        if label is None:
            self.state.clear_selection()
        else:
            self.state.select(label.kind, label.id)

    def _activated(self, record: int) -> None:
        label = self.labels([record]).get(record)
        if label is not None:
            self.state.select(label.kind, label.id)
            self.editRequested.emit(label.kind, label.id)

    # -- export -----------------------------------------------------------------------

    def _export(self, fmt: str, whole: bool) -> None:
        if not export.fonts_ready(self):
            return
        what = "whole" if whole else "visible"
        filters = "PNG image (*.png)" if fmt == "png" else "PDF document (*.pdf)"
        start = export_folder(self.settings) if self.settings is not None else documents_folder()
        path = prompts.save_path(self, f"Export {what} timeline", str(start / f"timeline.{fmt}"),
                                 filters)
        if not path:
            return
        if self.settings is not None:
            remember_export_folder(self.settings, path)
        try:
            if fmt == "png":
                export.save_png(self, path, whole=whole)
            else:
                export.save_pdf(self, path, whole=whole)
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"The timeline could not be saved: {exc}")
