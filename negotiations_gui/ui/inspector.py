"""The inspector: the selected record in full, with links to related records.

It renders HTML for layout and links, so every piece of user text goes
through `html.escape` (with line breaks kept): `<b>x</b>` typed by a user
reads as `<b>x</b>`, never as bold.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QDockWidget, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..domain.revisions import describe
from ..store import CaseStore, RecordNotFound
from .case_state import CaseState, SelectedId
from .inspector_pages import LINK_SCHEME, RecordPages, esc, href, href_parts

RESTORE_SCHEME = "revision"
_EDITABLE = {"event", "proposal", "position", "party", "issue", "source", "assessment"}


class Inspector(QDockWidget):
    editRequested = Signal(str, str)
    # kind, record id, replica id and number of the change whose "before" to restore
    restoreRequested = Signal(str, str, str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Inspector", parent)
        self.setObjectName("inspector_dock")
        self.store: CaseStore | None = None
        self.state: CaseState | None = None
        self._kind, self._id = "", ""
        body = QWidget(self)
        self.browser = QTextBrowser(body)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.edit_button = QPushButton("&Edit…", body)
        self.edit_button.clicked.connect(self._edit)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.browser)
        layout.addWidget(self.edit_button)
        self.setWidget(body)
        self.show_selection("", "")

    def set_case(self, store: CaseStore | None, state: CaseState | None) -> None:
        if self.state is not None:
            self.state.selectionChanged.disconnect(self.show_selection)
            self.state.dataChanged.disconnect(self._refresh)
            self.state.asOfChanged.disconnect(self._refresh)
        self.store, self.state = store, state
        if state is not None:
            state.selectionChanged.connect(self.show_selection)
            state.dataChanged.connect(self._refresh)
            state.asOfChanged.connect(self._refresh)
            self.show_selection(*state.selection)
        else:
            self.show_selection("", "")

    def _refresh(self, *_args: object) -> None:
        if self.state is not None:
            self.show_selection(*self.state.selection)

    def text(self) -> str:
        return self.browser.toPlainText()

    def show_selection(self, kind: str, record_id: SelectedId) -> None:
        # a grid cell is not a record: it has no revisions and no form of its own
        self._kind, self._id = kind, record_id if isinstance(record_id, str) else ""
        body = ""
        if self.store is not None and self.state is not None and kind:
            try:
                body = RecordPages(self.store, self.state).page(kind, record_id)
                if body and kind in _EDITABLE and self._id:
                    body += self._revisions(kind, self._id)
            except RecordNotFound:  # deleted meanwhile
                body = ""
        if not body:
            body = "<p><i>Select an event, proposal, position or grid cell to see it here.</i></p>"
        self.browser.setHtml(body)
        self.edit_button.setEnabled(kind in _EDITABLE and self.store is not None
                                    and not self.store.read_only and body.startswith("<h3"))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == RESTORE_SCHEME:
            kind, record_id, replica, seq = href_parts(url)
            self.restoreRequested.emit(kind, record_id, replica, int(seq))
            return
        if url.scheme() == LINK_SCHEME and self.state is not None:
            kind, record_id = href_parts(url)
            self.state.select(kind, record_id)

    def _revisions(self, kind: str, record_id: str) -> str:
        """The record's changes, newest first, each able to restore what it replaced."""
        store = self.store
        if store is None:
            return ""
        revisions = store.revisions(record_id, kind)
        if not revisions:
            return ""
        items = []
        writable = not store.read_only
        for revision in reversed(revisions):
            line = esc(describe(revision))
            if writable and revision.before is not None and revision.after is not None:
                address = href(RESTORE_SCHEME, kind, record_id, revision.replica_id,
                               str(revision.seq))
                line += f' <a href="{address}">restore what it replaced</a>'
            items.append(f"<li>{line}</li>")
        return "<p><b>Revisions (newest first):</b></p><ul>" + "".join(items) + "</ul>"

    def _edit(self) -> None:
        if self._kind in _EDITABLE:
            self.editRequested.emit(self._kind, self._id)
