"""`CaseState`: the as-of date, compare-with date, selection and event filter
that every view of one open case shares.

Views never talk to each other: they set values here and listen to the
signals. Setting a value equal to the current one emits nothing, so views
may echo values back without loops.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..domain import CellKey, EventFilter, PartialDate

# what a selection names: a record's id, or for kind "cell" the grid cell's key
SelectedId = str | CellKey


def initial_as_of(bounds: tuple[PartialDate, PartialDate] | None) -> PartialDate:
    """The as-of date a case opens at, from its earliest and latest dates: the latest
    (today for a case with none, or one that reaches past today), so the grid shows
    the latest positions and the timeline's as-of cursor sits where the records are."""
    today = PartialDate.today()
    if bounds is None:
        return today
    # dates compare as ISO text, so "2025-08" and "2025" count as on or before
    # "2025-08-08": the latest text date includes every record
    last = bounds[1].upper_key
    return today if last >= today.iso else PartialDate.parse(last)


@dataclass(frozen=True)
class RecordChange:
    """What a change touched: table names, and per table the ids of the records
    created, updated or deleted in it; `ids` is None when they are not known
    (an import, a reorder), and then every view reloads those tables whole."""

    tables: frozenset[str]
    ids: Mapping[str, frozenset[str]] | None = None

    def ids_in(self, table: str) -> frozenset[str] | None:
        """The ids touched in `table`, or None when they are not known."""
        if self.ids is None or table not in self.ids:
            return None
        return self.ids[table]


class CaseState(QObject):
    # new as-of date (PartialDate)
    asOfChanged = Signal(object)
    # new compare-with date (PartialDate or None)
    compareWithChanged = Signal(object)
    # new "as known on" day (PartialDate; None: now, the case as it is)
    knownOnChanged = Signal(object)
    # kind ("event", "proposal", "position", "party", "issue", "source", "cell"), id
    # (a `SelectedId`: the record's id, for "cell" a `CellKey`); ("", "") when nothing is
    selectionChanged = Signal(str, object)
    # new EventFilter
    eventFilterChanged = Signal(object)
    # records changed in the store: a set of table names ("events", "positions", ...)
    dataChanged = Signal(object)
    # the same change as a `RecordChange`, with the ids of the records touched when known
    # (emitted right after dataChanged; views that can update row by row listen to this)
    recordsChanged = Signal(object)

    def __init__(self, as_of: PartialDate | None = None, parent: QObject | None = None,
                 read_only: bool = False):
        super().__init__(parent)
        self._as_of = as_of or PartialDate.today()
        self._compare_with: PartialDate | None = None
        self._known_on: PartialDate | None = None
        self._selection: tuple[str, SelectedId] = ("", "")
        self._event_filter = EventFilter()
        self.read_only = read_only

    @property
    def as_of(self) -> PartialDate:
        return self._as_of

    def set_as_of(self, date: PartialDate) -> None:
        if date != self._as_of:
            self._as_of = date
            self.asOfChanged.emit(date)

    @property
    def compare_with(self) -> PartialDate | None:
        return self._compare_with

    def set_compare_with(self, date: PartialDate | None) -> None:
        if date != self._compare_with:
            self._compare_with = date
            self.compareWithChanged.emit(date)

    @property
    def known_on(self) -> PartialDate | None:
        """The day the views show the case as recorded up to (its end, UTC); None: now."""
        return self._known_on

    def set_known_on(self, date: PartialDate | None) -> None:
        if date != self._known_on:
            self._known_on = date
            self.knownOnChanged.emit(date)

    @property
    def selection(self) -> tuple[str, SelectedId]:
        return self._selection

    @property
    def selected_cell(self) -> CellKey | None:
        """The grid cell selected (an empty one: a cell with a position selects that)."""
        selected = self._selection[1]
        return selected if isinstance(selected, CellKey) else None

    def select(self, kind: str, record_id: SelectedId) -> None:
        """Select a record by kind and id, or ("cell", a `CellKey`) a grid cell."""
        if (kind == "cell") != isinstance(record_id, CellKey):
            raise ValueError(f"a {kind or 'no'} selection with the id {record_id!r}")
        if (kind, record_id) != self._selection:
            self._selection = (kind, record_id)
            self.selectionChanged.emit(kind, record_id)

    def select_cell(self, key: CellKey) -> None:
        self.select("cell", key)

    def clear_selection(self) -> None:
        self.select("", "")

    @property
    def event_filter(self) -> EventFilter:
        return self._event_filter

    def set_event_filter(self, event_filter: EventFilter) -> None:
        if event_filter != self._event_filter:
            self._event_filter = event_filter
            self.eventFilterChanged.emit(event_filter)

    def notify_changed(self, tables: Iterable[str],
                       ids: Mapping[str, Iterable[str]] | None = None) -> None:
        """Tell every view that records in `tables` changed (after a command or undo).

        `ids` maps a table name to the ids of the records created, updated or
        deleted in it; give it only when it names every record touched in
        every table of `tables` (a table left out of it reloads whole)."""
        tables = frozenset(tables)
        known = None if ids is None else {t: frozenset(i) for t, i in ids.items()}
        self.dataChanged.emit(tables)
        self.recordsChanged.emit(RecordChange(tables, known))
