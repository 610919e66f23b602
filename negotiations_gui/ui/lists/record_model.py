"""`RecordTableModel`: one kind of record as a table of plain strings, read from
the store a window at a time.

The model never holds every record: it holds the ids of the rows read so far,
in the order the store gives under the current sort and filter
(`CaseStore.record_listing`), and fetches more as the view scrolls to the end
(`canFetchMore` / `fetchMore`). The records behind the rows on screen are read
a block at a time and a few thousand are kept. A million-event case therefore
shows its first rows, sorts and filters in the time of one page, not of a
million records.

Changes to a few records move, insert or remove just their rows (so
selections follow them); the store says where each now sorts.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from ...domain import Position
from ...store import DamagedFileError
from ...store.list_search import SearchReport, main_file
from ..plain_text import plain_tooltip
from .background_search import BackgroundSearch
from .columns import COLUMNS, Column, Names
from .id_rows import IdRows

if TYPE_CHECKING:
    from ...store import CaseStore
    from ...store.record_lists import RecordListing

Index = QModelIndex | QPersistentModelIndex

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# roles as plain ints: looking Qt's enums up on every data() call was most of the
# time of fitting five lists' columns on open (16,000 calls, 0.5 s)
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)
_RECORD_ID = int(RECORD_ID_ROLE.value) if hasattr(RECORD_ID_ROLE, "value") else int(RECORD_ID_ROLE)


class RecordTableModel(IdRows):
    BATCH = 200  # rows read from the store at a time
    RECORDS_KEPT = 3000  # records kept for the rows on screen and near them
    # how long a filter's first page may walk the sort's index on the GUI thread
    # before its matches count as rare and are searched for on a worker thread
    QUICK_FILTER_S = 0.02
    # tables this small are searched here as before (a pass takes ~10 ms at 20,000)
    SEARCH_APART_FROM = 20_000
    # a search for rare matches has found more, or ended (`searching`, `found`)
    searchProgressed = Signal()

    def __init__(self, kind: str, parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.columns: tuple[Column[Any], ...] = COLUMNS[kind]
        self._store: CaseStore | None = None
        self._names: Names | None = None
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._needle = ""
        self._listing: RecordListing | None = None
        self._done = True  # every row of the listing is in _ids
        self._records: OrderedDict[str, Any] = OrderedDict()
        self._search = BackgroundSearch(self)
        self._search.reported.connect(self._search_reported)
        self._search.failed.connect(self._search_failed)
        self.searching = False  # the rows are a search's matches found so far
        self.found = 0  # how many matches the search has found so far
        self._searched = False  # the rows came from a search (the matches are rare)
        self._rechecks: list[str] = []  # records changed during the search, in order

    # -- what the list shows -----------------------------------------------------------

    def set_store(self, store: CaseStore | None, names: Names | None) -> None:
        """Show the records of `store` (None: none); a reset, as after an import."""
        self._begin_reset()
        self._store, self._names = store, names
        self._relist()
        self._end_reset()

    def set_filter_text(self, text: str) -> None:
        """Show only the rows whose text contains `text` (case-insensitive)."""
        needle = text.strip()
        if needle == self._needle:
            return
        self._begin_reset()
        self._needle = needle
        self._relist()
        self._end_reset()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or (column, order) == self._sort:
            return
        self._begin_reset()
        self._sort = (column, order)
        self._relist()
        self._end_reset()

    def _relist(self) -> None:
        self._ids, self._row_index, self._records = [], None, OrderedDict()
        self._stop_search()
        if self._store is None:
            self._listing, self._done = None, True
            return
        column, order = self._sort
        self._listing = self._store.record_listing(
            self.kind, self.columns[column].title, order == Qt.SortOrder.DescendingOrder,
            self._needle)
        self._done = False
        if self._needle and self._first_filtered_page(self._listing, self._store):
            return
        # a column with no index (names of parties, say) or a rare filter match can
        # take a second or two at a million records: say so with the busy cursor
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._read_more(insert=False)
        finally:
            QGuiApplication.restoreOverrideCursor()

    # -- a filter's rare matches, searched for off the GUI thread ------------------------

    def _first_filtered_page(self, listing: RecordListing, store: CaseStore) -> bool:
        """The first page of a filter's matches when quick to find; else the search for
        them started on a worker thread (True), or False: read them here after all."""
        path = main_file(store.db.conn)
        if path is None or listing.size_at_most() < self.SEARCH_APART_FROM:
            return False  # (a case upgraded in memory cannot be read apart)
        try:
            rows, complete = listing.first_page(self.BATCH, self.QUICK_FILTER_S)
        except DamagedFileError:
            self._done = True  # the window says the file is damaged (ui/salvage.py)
            return True
        if complete:
            self._ids, self._done = rows, len(rows) < self.BATCH
            return True
        self._ids, self.searching, self._searched = rows, True, True
        self.found, self._rechecks = len(rows), []
        self._search.start(path, listing.search_plan(), rows)
        return True

    def _stop_search(self) -> None:
        self._search.cancel()
        self.searching = self._searched = False

    def _search_reported(self, report: SearchReport) -> None:
        if not self.searching:
            return
        self._merge(report.ids, self._rechecks)
        self.found = report.found
        if report.done:
            self.searching = False
            self._done = report.found <= len(self._ids)
            missed = self._rechecks[report.rechecked:]  # changed after it ended
            if missed:
                self.records_changed(missed)
        self.searchProgressed.emit()

    def _search_failed(self, _reason: str) -> None:
        """(The file locked or gone meanwhile, say): read the matches here after all."""
        self._begin_reset()
        self._ids, self._row_index, self._done = [], None, False
        self.searching = self._searched = False
        self._read_more(insert=False)
        self._end_reset()
        self.searchProgressed.emit()

    def set_names(self, names: Names) -> None:
        """New names for the records referred to (a party renamed, say): rows sorted or
        filtered by a name may move, and every row's text may change. The same rows
        in a new order are a layout change (selections and scrolling stay); a reset
        only when the rows themselves changed."""
        self._names = names
        if self._searched:
            # rare matches: finding them again by name would read the table here
            self._begin_reset()
            self._relist()
            self._end_reset()
            return
        if self._listing is None or self._store is None or not self._ids:
            return
        column, order = self._sort
        self._listing = self._store.record_listing(
            self.kind, self.columns[column].title, order == Qt.SortOrder.DescendingOrder,
            self._needle)
        count = len(self._ids)
        fresh = self._listing.after(None, count + 1)
        if not self._done:
            fresh = fresh[:count]
        if len(fresh) != count or set(fresh) != set(self._ids):
            # rows came or went (a filter on a name): start again from the top
            self._begin_reset()
            self._relist()
            self._end_reset()
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {record_id: row for row, record_id in enumerate(fresh)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [
            self.index(new_row[self._ids[i.row()]], i.column()) for i in persistent])
        self._ids, self._row_index = fresh, None
        self.layoutChanged.emit()
        self.dataChanged.emit(self.index(0, 0),
                              self.index(len(self._ids) - 1, len(self.columns) - 1),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    # -- reading rows ------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._done and not self.searching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        # not while a reset or an insertion is being announced (listeners may ask):
        # rows read then would be announced inside it, or read twice
        if not parent.isValid() and not self._done and not self._busy and not self.searching:
            self._read_more(insert=True)

    def _read_more(self, insert: bool, through: tuple | None = None) -> None:
        listing = self._listing
        if listing is None:
            return
        # the key of the last row read, where the next rows start (None: at the top)
        tail = listing.key_of(self._ids[-1]) if self._ids else None
        try:
            if through is None:
                rows = listing.after(tail, self.BATCH)
                self._done = len(rows) < self.BATCH
            else:
                rows = listing.through(tail, through)
        except DamagedFileError:
            # the rows read so far stay; the window says the file is damaged (ui/salvage.py)
            rows, self._done = [], True
        if not rows:
            return
        first = len(self._ids)
        if not insert:
            self._ids.extend(rows)
            return
        busy, self._busy = self._busy, True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._ids.extend(rows)
            self._row_index = None
            self.endInsertRows()
        finally:
            self._busy = busy

    def row_of(self, record_id: str, fetch: bool = True) -> int:
        """Row of the record, reading rows down to it when it sorts below those read
        (`fetch`); -1 when the list does not show it (deleted, or filtered out)."""
        if self._row_index is None:
            self._row_index = {record_id: row for row, record_id in enumerate(self._ids)}
        row = self._row_index.get(record_id)
        if row is not None:
            return row
        if not fetch or self._done or self._listing is None or self.searching:
            return -1
        key = self._listing.key_of(record_id)
        if key is None:
            return -1
        self._read_more(insert=True, through=key)
        return self.row_of(record_id, fetch=False)

    def record(self, row: int) -> Any:
        """The record shown in `row` (read from the store with its neighbours)."""
        record_id = self._ids[row]
        record = self._records.get(record_id)
        if record is None:
            self._read_records(row)
            record = self._records.get(record_id)
        else:
            self._records.move_to_end(record_id)
        return record

    def _read_records(self, row: int) -> None:
        low = max(0, row - self.BATCH // 2)
        wanted = [i for i in self._ids[low:low + self.BATCH] if i not in self._records]
        if self._store is None:
            return
        try:
            found = self._store.records_with_ids(self.kind, wanted)
        except DamagedFileError:
            found = {}  # on a damaged page: those rows show empty (ui/salvage.py says why)
        if self.kind == "position" and self._names is not None:
            # the titles the "Answers" column shows, for the whole block at once
            positions = [r for r in found.values() if isinstance(r, Position)]
            self._names.proposals.prefetch(p.proposal_id for p in positions)
            self._names.events.prefetch(p.event_id for p in positions)
        self._records.update(found)
        while len(self._records) > self.RECORDS_KEPT:
            self._records.popitem(last=False)

    # -- changes to a few records --------------------------------------------------------

    def records_changed(self, ids: list[str]) -> None:
        """The records with these ids were added, edited or deleted: update their rows."""
        listing = self._listing
        if listing is None:
            return
        for record_id in ids:
            self._records.pop(record_id, None)
        if self.searching:
            # where they go now, the search's next report says (it may have gone by them)
            self._rechecks.extend(ids)
            self._search.recheck(ids)
            for row in (self.row_of(i, fetch=False) for i in ids):
                if row >= 0:
                    self.dataChanged.emit(self.index(row, 0),
                                          self.index(row, len(self.columns) - 1))
            return
        if len(ids) == 1:
            self._one_changed(listing, ids[0])
            return
        index = {record_id: row for row, record_id in enumerate(self._ids)}
        for row in sorted((index[i] for i in ids if i in index), reverse=True):
            self._remove(row)
        keys = {i: key for i in ids if (key := listing.key_of(i)) is not None}
        placed = [(self._rows_before(listing, key, i, keys), i) for i, key in keys.items()]
        for before, record_id in sorted(placed):
            if before > len(self._ids) or (before == len(self._ids) and not self._done):
                break  # below the rows read: it comes when the list scrolls down to it
            self._insert(before, record_id)

    def _rows_before(self, listing: RecordListing, key: tuple, record_id: str,
                     placing: dict[str, tuple]) -> int:
        """How many rows (those shown, and the others being placed) sort before the
        record's, counting up to one past the rows shown."""
        if self._searched and self._done:
            # every match is shown, and the matches are rare: count among them
            return listing.rows_before_among(key, [i for i in [*self._ids, *placing]
                                                   if i != record_id])
        return listing.rows_before(key, len(self._ids) - (record_id in self._ids)
                                   + len(placing) + 1)

    def _one_changed(self, listing: RecordListing, record_id: str) -> None:
        old = self.row_of(record_id, fetch=False)
        key = listing.key_of(record_id)
        others = len(self._ids) - (old >= 0)
        before = -1 if key is None else self._rows_before(listing, key, record_id, {})
        inside = 0 <= before <= others and (before < others or self._done or old >= 0)
        if old < 0:
            if inside:
                self._insert(before, record_id)
        elif not inside:
            self._remove(old)
        else:
            self._move(old, before)
            self.dataChanged.emit(self.index(before, 0),
                                  self.index(before, len(self.columns) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                   RECORD_ID_ROLE])

    # -- the model interface -----------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> str | None:
        if role != _DISPLAY and role != _TOOLTIP and role != _RECORD_ID:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            return None
        if role == _RECORD_ID:
            return self._ids[row]
        record = self.record(row)
        if record is None or self._names is None:
            return None  # deleted by another program; the next change notice drops it
        text = self.columns[index.column()].text(record, self._names)
        if role == _DISPLAY:
            return text.replace("\n", " ")
        return plain_tooltip(text) or None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
