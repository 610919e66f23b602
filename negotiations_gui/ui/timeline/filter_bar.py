"""`TimelineFilterBar`: party, issue, kind, tag and text filters for events.

The filter lives in `CaseState`, so the timeline and the event list show the
same events; this bar only edits it and reflects changes made elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget

from ...domain import EventFilter
from ...store import CaseStore
from ...store.timeline_queries import filter_choices
from ..case_state import CaseState

# (choice key, EventFilter field, button caption)
_DIMENSIONS = (("party", "party_ids", "Parties"), ("issue", "issue_ids", "Issues"),
               ("kind", "kinds", "Kinds"), ("tag", "tags", "Tags"))
# each field's choices put in a filter, spelt out so that the checker sees each field's type
_WITH_VALUES: dict[str, Callable[[EventFilter, frozenset[str]], EventFilter]] = {
    "party_ids": lambda event_filter, values: replace(event_filter, party_ids=values),
    "issue_ids": lambda event_filter, values: replace(event_filter, issue_ids=values),
    "kinds": lambda event_filter, values: replace(event_filter, kinds=values),
    "tags": lambda event_filter, values: replace(event_filter, tags=values),
}
TEXT_DELAY_MS = 300


class TimelineFilterBar(QWidget):
    def __init__(self, store: CaseStore, state: CaseState, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.state = state
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for key, field_name, caption in _DIMENSIONS:
            button = QToolButton(self)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            menu.aboutToShow.connect(lambda k=key, f=field_name, m=menu: self._fill_menu(k, f, m))
            button.setMenu(menu)
            button.setToolTip(f"Show only events of the chosen {caption.lower()}")
            self.buttons[field_name] = button
            row.addWidget(button)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText("Filter by text…")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setToolTip("Show only events whose title or description contains this")
        row.addWidget(self.text_edit, 1)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_text)
        self.text_edit.textEdited.connect(lambda _text: self._text_timer.start())
        self.text_edit.returnPressed.connect(self.apply_text)
        state.eventFilterChanged.connect(self._show)
        self._show(state.event_filter)

    def _fill_menu(self, key: str, field_name: str, menu: QMenu) -> None:
        """Rebuild the menu from the case as it is now (parties and tags change)."""
        menu.clear()
        chosen = getattr(self.state.event_filter, field_name)
        everything = menu.addAction("All")
        everything.setCheckable(True)
        everything.setChecked(not chosen)
        everything.triggered.connect(lambda: self.set_values(field_name, frozenset()))
        menu.addSeparator()
        for value, label in filter_choices(self.store)[key]:
            action = menu.addAction(label.replace("&", "&&"))  # a literal "&", not a mnemonic
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.toggled.connect(lambda on, v=value: self.toggle(field_name, v, on))

    def toggle(self, field_name: str, value: str, on: bool) -> None:
        chosen = set(getattr(self.state.event_filter, field_name))
        if on:
            chosen.add(value)
        else:
            chosen.discard(value)
        self.set_values(field_name, frozenset(chosen))

    def set_values(self, field_name: str, values: frozenset[str]) -> None:
        self.state.set_event_filter(_WITH_VALUES[field_name](self.state.event_filter, values))

    def apply_text(self) -> None:
        self._text_timer.stop()
        self.state.set_event_filter(replace(self.state.event_filter,
                                            text=self.text_edit.text().strip()))

    def clear(self) -> None:
        self._text_timer.stop()
        self.state.set_event_filter(EventFilter())

    def _show(self, event_filter: EventFilter) -> None:
        for _key, field_name, caption in _DIMENSIONS:
            count = len(getattr(event_filter, field_name))
            self.buttons[field_name].setText(f"{caption} ({count})" if count else caption)
        if self.text_edit.text().strip() != event_filter.text and not self._text_timer.isActive():
            self.text_edit.setText(event_filter.text)
        self.clear_button.setEnabled(not event_filter.is_empty)
