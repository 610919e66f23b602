"""The toolbar's "As of" and "Compare with" dates, tied to `CaseState`.

The as-of date steps from one recorded change to the next (the buttons
beside it), so an analyst can walk through the history of the grid.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from ..domain import PartialDate
from ..domain.as_of_steps import next_change, previous_change

_NO_DATE = QDate(1900, 1, 1)  # the compare field's "none" (shown as "—")


def to_qdate(date: PartialDate) -> QDate:
    day = date.end()
    return QDate(day.year, day.month, day.day)


def to_partial(qdate: QDate) -> PartialDate:
    return PartialDate.from_date(_dt.date(qdate.year(), qdate.month(), qdate.day()))


class DateBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = None
        self.state = None
        self.as_of_edit = QDateEdit(self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("d MMM yyyy")
        self.as_of_edit.setToolTip("Show positions as of this date")
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip("Previous recorded change")
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next recorded change")
        self.compare_edit = QDateEdit(self)
        self.compare_edit.setCalendarPopup(True)
        self.compare_edit.setDisplayFormat("d MMM yyyy")
        self.compare_edit.setMinimumDate(_NO_DATE)
        self.compare_edit.setSpecialValueText("—")
        self.compare_edit.setDate(_NO_DATE)
        self.compare_edit.setToolTip("Mark what changed since this date (— for none)")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        as_of_label = QLabel("&As of:", self)
        as_of_label.setBuddy(self.as_of_edit)
        compare_label = QLabel("Co&mpare with:", self)
        compare_label.setBuddy(self.compare_edit)
        for widget in (as_of_label, self.previous_button, self.as_of_edit, self.next_button,
                       compare_label, self.compare_edit):
            row.addWidget(widget)
        self.as_of_edit.dateChanged.connect(self._as_of_edited)
        self.compare_edit.dateChanged.connect(self._compare_edited)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.set_case(None, None)

    def set_case(self, store, state) -> None:
        if self.state is not None:
            self.state.asOfChanged.disconnect(self._show_as_of)
            self.state.compareWithChanged.disconnect(self._show_compare)
        self.store, self.state = store, state
        self.setEnabled(state is not None)
        # with no case, both fields read "—" rather than an arbitrary date
        self.as_of_edit.setSpecialValueText("" if state is not None else "—")
        if state is None:
            self.as_of_edit.setDate(self.as_of_edit.minimumDate())
            self.compare_edit.setDate(_NO_DATE)
        if state is not None:
            state.asOfChanged.connect(self._show_as_of)
            state.compareWithChanged.connect(self._show_compare)
            self._show_as_of(state.as_of)
            self._show_compare(state.compare_with)

    def _show_as_of(self, date: PartialDate) -> None:
        self.as_of_edit.setDate(to_qdate(date))

    def _show_compare(self, date: PartialDate | None) -> None:
        self.compare_edit.setDate(to_qdate(date) if date else _NO_DATE)

    def _as_of_edited(self, qdate: QDate) -> None:
        if self.state is not None and to_qdate(self.state.as_of) != qdate:
            self.state.set_as_of(to_partial(qdate))

    def _compare_edited(self, qdate: QDate) -> None:
        if self.state is None:
            return
        if qdate == _NO_DATE:
            self.state.set_compare_with(None)
        elif self.state.compare_with is None or to_qdate(self.state.compare_with) != qdate:
            self.state.set_compare_with(to_partial(qdate))

    def step(self, direction: int) -> None:
        """Move the as-of date to the previous (-1) or next (+1) date with a recorded change.

        The same rule as the grid's Ctrl+Left/Right (domain/as_of_steps.py): land
        on the first day a change shows, so no change within a month is skipped.
        """
        if self.store is None:
            return
        changes = self.store.dated_changes()
        step = next_change if direction > 0 else previous_change
        target = step(changes, self.state.as_of)
        if target is not None:
            self.state.set_as_of(target)
