"""'As known on K' in the window: every view shows the case as recorded up to K.

When the date bar's "As known on" holds a day, the store makes a read-only
copy of the case as it was recorded up to the end of that day, UTC
(store/known_on.py), and the grid, the timeline, the lists, the inspector and
every export started from the window show that copy; exports stamp the
moment ("As known on 2025-08-20 23:59:59.999999 UTC") beside the as-of date.
The live file stays open underneath, unchanged.

While a past is shown nothing can be changed: the editing actions (and Undo,
Redo, Merge, Import) are off, and a change asked for anyway (a double-click
on a cell, Edit on a record) is refused in words, with one click back to now.
Why refuse rather than write: an edit typed over a past view could only be
written to the present, over whatever was recorded since K, which the user
cannot see; a silent write there would lose or hide later work. The status
bar says which past is shown for as long as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..domain import PartialDate, palette
from ..domain.revisions import known_on_day_stamp
from ..store import CaseFileError, CaseStore
from . import prompts
from .central_panes import make_grid_pane, make_timeline_pane

_BANNER_STYLE = (f"QWidget#known_on_banner {{ background: {palette.NOTICE_GROUND}; "
                 f"border: 1px solid {palette.NOTICE_EDGE}; border-radius: 3px; }} "
                 f"QLabel {{ color: {palette.NOTICE_INK}; font-weight: bold; }}")


class KnownOnBanner(QWidget):
    """'Showing the case as known on 20 Aug 2025 (end of day, UTC); read-only' + Back to now."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("known_on_banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_BANNER_STYLE)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton("Back to now", self)
        self.back_button.setToolTip("Show the case as it is now, and allow changes again")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 1, 2, 1)
        row.addWidget(self.label)
        row.addWidget(self.back_button)
        self.hide()

    def show_day(self, day: PartialDate | None) -> None:
        if day is None:
            self.hide()
            return
        self.label.setText(f"Showing the case as known on {day.display} (end of day, UTC) "
                           "— read-only")
        self.label.setMinimumWidth(self.label.sizeHint().width())  # the file name gives way
        self.show()


class KnownOnView(QObject):
    """The window's part that swaps the views between the live case and a past of it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.live: CaseStore | None = None
        self.past: CaseStore | None = None
        self.state = None
        self.banner = KnownOnBanner(window)
        self.banner.back_button.clicked.connect(self.back_to_now)
        window.statusBar().addPermanentWidget(self.banner)
        for dock in window.list_docks.values():
            dock.editRequested.connect(self.refuse_change)

    @property
    def shown(self) -> CaseStore | None:
        """The store the views show: the case as known on K, or the live case."""
        return self.past or self.live

    @property
    def in_past(self) -> bool:
        return self.past is not None

    def set_case(self, store: CaseStore | None, state) -> None:
        if self.state is not None:
            self.state.knownOnChanged.disconnect(self._known_on_changed)
        old, self.past = self.past, None
        self.live, self.state = store, state
        if old is not None:  # its views go with the old case's, later in this event
            QTimer.singleShot(0, old.close)
        if state is not None:
            state.knownOnChanged.connect(self._known_on_changed)
        self._show_banner(None)

    def back_to_now(self) -> None:
        if self.state is not None:
            self.state.set_known_on(None)

    def refusal(self) -> str:
        """Why nothing can be changed now ("" when changes can be made)."""
        if not self.in_past or self.state is None or self.state.known_on is None:
            return ""
        return (f"The window shows the case as known on {self.state.known_on.display}: "
                "nothing can be changed in a past view, because the change would be written "
                "over what was recorded since. Click “Back to now” (or clear “As known on”) "
                "to make changes.")

    def refuse_change(self, *_args) -> None:
        """A change asked for while a past is shown: say why nothing happens."""
        text = self.refusal()
        if text:
            self.window.statusBar().showMessage(text, 12000)

    # -- swapping --------------------------------------------------------------------------

    def _known_on_changed(self, day: PartialDate | None) -> None:
        if self.live is None:
            return
        old = self.past
        try:
            self.past = self._past_of(day) if day is not None else None
        except CaseFileError as exc:
            self.past = old
            prompts.warn(self.window, "As known on", str(exc))
            QTimer.singleShot(0, self.back_to_now)
            return
        self._show_views()
        if old is not None:
            old.close()
        self._show_banner(day if self.past is not None else None)

    def _show_banner(self, day: PartialDate | None) -> None:
        # the banner takes the file name's place in the status bar (the title has it too)
        self.banner.show_day(day)
        self.window.file_label.setVisible(day is None)

    def _past_of(self, day: PartialDate) -> CaseStore:
        assert self.live is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.live.as_known_on(known_on_day_stamp(day))
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _show_views(self) -> None:
        """Give every view the store now shown; the two central panes are made again."""
        import shiboken6

        w = self.window
        shown = self.shown
        for part in (*w.docks(), w.date_bar, w.records):
            part.set_case(shown, w.state)
        if w.splitter is not None and shown is not None and w.state is not None:
            sizes = w.splitter.sizes()
            old = (w.timeline_pane, w.grid_pane)
            w.timeline_pane = make_timeline_pane(w, shown, w.state)
            w.grid_pane = make_grid_pane(w, shown, w.state)
            for index, (before, after) in enumerate(zip(old, (w.timeline_pane, w.grid_pane),
                                                        strict=True)):
                w.splitter.replaceWidget(index, after)
                shiboken6.delete(before)
            w.splitter.setSizes(sizes)
            w.grid_pane.newPositionRequested.connect(self.refuse_change)
            w.grid_pane.editRequested.connect(self.refuse_change)
            w.grid_pane.keepPositionRequested.connect(self.refuse_change)
            w.timeline_pane.editRequested.connect(self.refuse_change)
        w._data_changed(frozenset())
        w._update_actions()
