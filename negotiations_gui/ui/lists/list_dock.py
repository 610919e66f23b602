"""`RecordListDock`: a dockable, sortable, filterable list of one kind of record.

Selecting a row selects the record everywhere (through `CaseState`); the
row follows selections made elsewhere; double-click or Enter opens the form.
Right-click on the header chooses the columns; the header (order, widths,
hidden columns, sort) is remembered per list.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...store import CaseStore, RecordNotFound
from ..case_state import CaseState, RecordChange, SelectedId
from ..record_kinds import KINDS
from ..settings import Settings, list_header_key
from .columns import Names
from .record_model import RECORD_ID_ROLE, RecordTableModel

# the tables whose change means a list must reload (its own, and those it names)
_DEPENDS = {
    "event": {"events", "parties", "issues", "sources"},
    "proposal": {"proposals", "parties", "issues"},
    "position": {"positions", "parties", "issues", "proposals", "events", "sources"},
    "source": {"sources"},
    "party": {"parties"},
}


_READ_COLUMNS = ("Title", "Summary", "Name")
_ROWS_FITTED = 50

# more records than this in one change (a bulk edit) and the list reloads whole:
# one reset is then cheaper than that many row updates
_MOST_ROWS_ONE_BY_ONE = 200


class RecordListDock(QDockWidget):
    # kind, id: the user asked to edit this record (double-click, Enter)
    editRequested = Signal(str, str)

    def __init__(self, kind: str, settings: Settings, parent: QWidget | None = None):
        self.record_kind = KINDS[kind]
        super().__init__(self.record_kind.plural, parent)
        self.setObjectName(f"list_dock_{kind}")
        self.kind = kind
        self.settings = settings
        self.store: CaseStore | None = None
        self.state: CaseState | None = None
        self._stale = False
        self._fit_pending = False  # fit the columns once the table shows the first rows
        self.visibilityChanged.connect(self._visibility_changed)
        self.model = RecordTableModel(kind, self)
        body = QWidget(self)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText(f"Filter {self.record_kind.plural.lower()}…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        # rare matches are searched for off the GUI thread: say so, and how many so far
        self.search_status = QLabel(body)
        self.search_status.hide()
        self.model.searchProgressed.connect(self._search_progressed)
        self.model.modelReset.connect(self._show_search)
        self.table = QTableView(body)
        self.table.setModel(self.model)
        # a new sort or filter starts the rows again: the selection finds its row again
        # (connected after the view's own reset handling, which clears the current row)
        self.model.modelReset.connect(self._follow_current_selection)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # fit columns to the first rows, not to every row read (200 a page, five lists
        # on open: 0.26 s of the start)
        self.table.horizontalHeader().setResizeContentsPrecision(_ROWS_FITTED)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.activated.connect(self._edit_index)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        # the status beside the filter, not under it: the rows do not jump when it goes
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.search_status)
        layout.addLayout(filter_row)
        layout.addWidget(self.table)
        self.setWidget(body)
        self._restore_header()

    # -- case ------------------------------------------------------------------------------

    def set_case(self, store: CaseStore | None, state: CaseState | None) -> None:
        """Show the records of `store`; None for no open case."""
        if self.state is not None:
            self.state.recordsChanged.disconnect(self._records_changed)
            self.state.selectionChanged.disconnect(self._follow_selection)
        self.store, self.state = store, state
        if state is not None:
            state.recordsChanged.connect(self._records_changed)
            state.selectionChanged.connect(self._follow_selection)
        self.reload()

    def reload(self) -> None:
        self._stale = False
        store = self.store
        if store is None:
            self.model.set_store(None, None)
            return
        first_fill = self.model.rowCount() == 0
        self.model.set_store(store, Names.of(store))
        if first_fill and not self._header_restored:
            # column widths come from the rows on screen: fit once the table shows them
            self._fit_pending = True
            if self.table.isVisible():
                QTimer.singleShot(0, self._fit_columns)
        self._follow_current_selection()

    def _records_changed(self, change: RecordChange) -> None:
        tables = change.tables
        store = self.store
        if store is None or not (tables & _DEPENDS[self.kind] or not tables):
            return
        if self._stale or self._out_of_sight():
            self._stale = True  # reload when it comes forward (visibilityChanged)
            return
        ids = self._own_ids(change)
        if ids is None or (self.model.rowCount() == 0 and not self.filter_edit.text().strip()):
            # (an empty list fits its columns on fill)
            self.reload()
            return
        selected = self.selected_id()
        if selected in ids:
            try:
                self.record_kind.get(store, selected)
            except RecordNotFound:
                # not handing the selection on to the next row: a deletion
                # leaves nothing selected, as the window expects
                self.table.selectionModel().clear()
        self.model.records_changed(ids)
        if tables & _DEPENDS[self.kind] - {self.record_kind.table}:
            # the names this list shows for other records may have changed (a party
            # renamed or deleted): rows sorted by them may move; the rows stay
            self.model.set_names(Names.of(store))
        self._follow_current_selection()

    def _own_ids(self, change: RecordChange) -> list[str] | None:
        """Ids of this list's records the change touched (none when it touched only
        records this list names), so only those rows need updating; None when the
        list must reload: a change without ids (an import), or a bulk change."""
        table = self.record_kind.table
        if not change.tables:
            return None
        if table not in change.tables:
            return []
        ids = change.ids_in(table)
        if ids is None or len(ids) > _MOST_ROWS_ONE_BY_ONE:
            return None
        return sorted(ids)

    def _show_search(self) -> None:
        model = self.model
        if model.searching:
            self.search_status.setText(f"Searching… {model.found:,} found so far")
        self.search_status.setVisible(model.searching)

    def _search_progressed(self) -> None:
        self._show_search()
        self._follow_current_selection()  # the selected record may be among those found

    def _out_of_sight(self) -> bool:
        """Closed, or a tab behind another dock, in a window on screen."""
        window = self.window()
        if window is self or not window.isVisible() or window.isMinimized():
            return False
        return not self.isVisible() or self.visibleRegion().isEmpty()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self.reload()

    # -- selection -------------------------------------------------------------------------

    def selected_id(self) -> str:
        index = self.table.currentIndex()
        return index.data(RECORD_ID_ROLE) if index.isValid() else ""

    def _row_changed(self, current, _previous) -> None:
        if self.state is not None and current.isValid():
            self.state.select(self.kind, current.data(RECORD_ID_ROLE))

    def _follow_current_selection(self) -> None:
        if self.state is not None:
            self._follow_selection(*self.state.selection)

    def _follow_selection(self, kind: str, record_id: SelectedId) -> None:
        if kind != self.kind or not isinstance(record_id, str) or not record_id:
            return
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        if index.isValid() and index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _edit_index(self, index) -> None:
        if index.isValid():
            self.editRequested.emit(self.kind, index.data(RECORD_ID_ROLE))

    # -- columns ---------------------------------------------------------------------------

    def _column_menu(self, pos) -> None:
        self.column_menu().popup(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for section, column in enumerate(self.model.columns):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.toggled.connect(lambda on, s=section: self.set_column_visible(s, on))
            menu.addAction(action)
        return menu

    def set_column_visible(self, section: int, visible: bool) -> None:
        header = self.table.horizontalHeader()
        shown = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        if not visible and shown == [section]:
            return  # keep at least one column
        header.setSectionHidden(section, not visible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            QTimer.singleShot(0, self._fit_columns)  # after the layout has given it its width

    def _fit_columns(self) -> None:
        """Widths from the contents, within reason, until the user sets their own.

        Room left over goes first to the column people read (title, summary,
        name) rather than all to the last column.
        """
        if not self.table.isVisible():
            return  # stays pending until shown
        self._fit_pending = False
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        wanted = {s: header.sectionSize(s) for s in range(header.count())
                  if not header.isSectionHidden(s)}
        fitted = {s: max(60, min(width, 320)) for s, width in wanted.items()}
        main = next((s for s, c in enumerate(self.model.columns)
                     if c.title in _READ_COLUMNS and s in fitted), None)
        if main is not None:
            # (the last column stretches to fill whatever is left after this)
            room = self.table.viewport().width() - sum(fitted.values())
            fitted[main] += max(0, min(room, wanted[main] - fitted[main]))
        for section, width in fitted.items():
            header.resizeSection(section, width)
        # explicit sizes pin the last column too; let it fill the rest again
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)

    def _restore_header(self) -> None:
        header = self.table.horizontalHeader()
        saved = self.settings.get(list_header_key(self.kind))
        self._header_restored = not saved.isEmpty() and header.restoreState(saved)
        if not self._header_restored:
            for section, column in enumerate(self.model.columns):
                header.setSectionHidden(section, not column.visible)
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def save_header(self) -> None:
        self.settings.set(list_header_key(self.kind), self.table.horizontalHeader().saveState())
