"""`DateInput`: one typed date with a calendar and quick picks, for toolbars.

The text is read only when the user commits it (Enter, leaving the field, a
day clicked in the calendar, a quick pick), so half-typed text never moves the
grid, and what is committed is exactly what was typed: "20 Nov 2025" is that
day, "Aug 2025" that month. A text that is not a date, or one the caller's
rule refuses (a compare date after the as-of date), stays in the field marked
red with the reason in words (`problem()`, the tooltip, `problemShown`); Esc
puts the current date back.

Reusable: the owner gives the date to show, an optional rule, the month the
calendar opens at and the quick picks, all as plain callables.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QWidget,
    QWidgetAction,
)

from ..domain import DateError, PartialDate, palette
from .date_text import TYPED_FORMS, read_typed_date

Rule = Callable[[PartialDate | None], str]
QuickPicks = Callable[[], list[tuple[str, PartialDate | None]]]

# a field whose text cannot be read: a red border (the grid's compare field too)
PROBLEM_FIELD_STYLE = f"QLineEdit {{ border: 2px solid {palette.PROBLEM}; border-radius: 3px; }}"


def to_qdate(date: PartialDate) -> QDate:
    day = date.end()
    return QDate(day.year, day.month, day.day)


class DateInput(QWidget):
    """`dateEntered(PartialDate | None)` when a valid date is committed (None: cleared,
    only when `optional`); `problemShown(str)` when a commit is refused."""

    dateEntered = Signal(object)
    problemShown = Signal(str)

    def __init__(self, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self.rule: Rule = lambda _date: ""
        self.calendar_month: Callable[[], PartialDate | None] = lambda: self._date
        self.quick_picks: QuickPicks = lambda: []
        self.hint = ""
        self._date: PartialDate | None = None
        self._problem = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("none" if optional else "")
        self.edit.setClearButtonEnabled(optional)
        self.edit.installEventFilter(self)
        self.pick_button = QToolButton(self)
        self.pick_button.setText("▾")
        self.pick_button.setToolTip("Calendar and quick picks")
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick_button.clicked.connect(self.open_menu)
        self.menu = QMenu(self)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._calendar_clicked)
        self.calendar.activated.connect(self._calendar_clicked)  # Enter on a day
        self._picks_end = self.menu.addSeparator()
        calendar_action = QWidgetAction(self.menu)
        calendar_action.setDefaultWidget(self.calendar)
        self.menu.addAction(calendar_action)
        self._pick_actions: list = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(1)
        row.addWidget(self.edit)
        row.addWidget(self.pick_button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.edit.editingFinished.connect(self.commit)
        # wide enough for the longest date shown, and no wider: toolbars keep their place
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("c. 30 Sep 2025") + 34)
        self._update_tooltip()

    # -- what the owner shows --------------------------------------------------------------

    def date(self) -> PartialDate | None:
        """The committed date (None: none, or a required field with no case)."""
        return self._date

    def problem(self) -> str:
        return self._problem

    def set_date(self, date: PartialDate | None) -> None:
        """Show `date` (the value now in force), dropping any refused text."""
        self._date = date
        self.edit.setText(date.display if date else "")
        self.show_problem("")

    # -- committing ------------------------------------------------------------------------

    def commit(self) -> bool:
        """Read the text; True when it is the date in force now (new or unchanged)."""
        text = self.edit.text().strip()
        shown = self._date.display if self._date else ""
        if text == shown and not self._problem:
            return True
        try:
            date = read_typed_date(text) if text else None
        except DateError as exc:
            return self._refuse(str(exc))
        if date is None and not self.optional:
            return self._refuse(f"A date is needed ({TYPED_FORMS}).")
        return self._offer(date)

    def _offer(self, date: PartialDate | None) -> bool:
        problem = self.rule(date)
        if problem:
            self.edit.setText(date.display if date else "")
            return self._refuse(problem)
        self.set_date(date)
        self.dateEntered.emit(date)
        return True

    def _refuse(self, message: str) -> bool:
        self.show_problem(message)
        self.problemShown.emit(message)
        if self.isVisible():
            QToolTip.showText(self.edit.mapToGlobal(QPoint(0, self.edit.height())),
                              message, self.edit)
        return False

    def show_problem(self, message: str) -> None:
        self._problem = message
        self.edit.setStyleSheet(PROBLEM_FIELD_STYLE if message else "")
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        lines = [self._problem] if self._problem else []
        lines += [self.hint, f"Type {TYPED_FORMS}; Enter to apply, Esc to go back."]
        self.edit.setToolTip("\n".join(line for line in lines if line))

    def set_hint(self, hint: str) -> None:
        self.hint = hint
        self._update_tooltip()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and (self._problem or self.edit.isModified()):
                self.set_date(self._date)
                return True
            if event.matches(QKeySequence.StandardKey.MoveToNextLine):
                self.open_menu()  # Down opens the calendar, as a date box does
                return True
        return super().eventFilter(watched, event)

    # -- the menu: quick picks, then the calendar --------------------------------------------

    def open_menu(self) -> None:
        """Show the quick picks and the calendar under the field (not blocking)."""
        self._fill_menu()
        self.menu.popup(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self.calendar.setFocus()

    def _fill_menu(self) -> None:
        for action in self._pick_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._pick_actions = []
        for label, date in self.quick_picks():
            action = QAction(label, self.menu)
            action.triggered.connect(lambda _checked=False, d=date: self._picked(d))
            self.menu.insertAction(self._picks_end, action)
            self._pick_actions.append(action)
        self._picks_end.setVisible(bool(self._pick_actions))
        month = self.calendar_month() or self._date or PartialDate.today()
        if self._date is not None:
            self.calendar.setSelectedDate(to_qdate(self._date))
        self.calendar.setCurrentPage(month.year, month.month or 1)

    def _calendar_clicked(self, qdate: QDate) -> None:
        self.menu.close()
        self._picked(PartialDate(qdate.year(), qdate.month(), qdate.day()))

    def _picked(self, date: PartialDate | None) -> None:
        self._offer(date)
