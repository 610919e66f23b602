"""The toolbar's "As of", "As known on" and "Compare with" dates, tied to `CaseState`.

Both are `DateInput`s: typed in the forms the entry forms take, with a
calendar that opens at the as-of month and quick picks. The as-of date steps
from one recorded change to the next (the buttons beside it), so an analyst
can walk through the history of the grid. A compare date after the as-of date
is refused in words, as the brief dialog and the command line refuse it.
"As known on" (empty: now) shows the case as it was recorded up to the end of
that day, UTC (ui/known_on_view.py); a day after today is refused.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from ..domain import PartialDate
from ..domain.as_of_steps import (
    before_latest_change,
    month_earlier,
    next_change,
    previous_change,
    weeks_earlier,
)
from ..store import CaseStore
from .case_state import CaseState
from .date_input import DateInput


def compare_problem(compare: PartialDate | None, as_of: PartialDate) -> str:
    """Why `compare` cannot be the compare-with date for `as_of` ("" when it can)."""
    if compare is not None and compare > as_of:
        return (f"Compare with {compare.display} is after the as-of date {as_of.display}: "
                "changes are marked from the compare date up to the as-of date.")
    return ""


def known_on_problem(day: PartialDate | None) -> str:
    """Why `day` cannot be the as-known-on day ("" when it can; None is now)."""
    if day is not None and day.start() > PartialDate.today().start():
        return (f"As known on {day.display} is in the future: the case can be shown as it "
                "was recorded up to a past day, or as it is now (leave the field empty).")
    return ""


class DateBar(QWidget):
    # a refused date, in words (the window shows it in the status bar too)
    problemShown = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: CaseStore | None = None
        self.state: CaseState | None = None
        self.as_of_input = DateInput(optional=False, parent=self)
        self.as_of_input.set_hint("Show positions as of this date.")
        self.as_of_input.quick_picks = self._as_of_picks
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip("Previous recorded change (Ctrl+Left in the grid)")
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next recorded change (Ctrl+Right in the grid)")
        self.known_on_input = DateInput(optional=True, parent=self)
        self.known_on_input.set_hint(
            "Show the case as it was recorded up to the end of this day (UTC): records "
            "added later are absent, records edited later show their values then. "
            "Empty: now.")
        self.known_on_input.rule = known_on_problem
        self.known_on_input.quick_picks = self._known_on_picks
        self.compare_input = DateInput(optional=True, parent=self)
        self.compare_input.set_hint("Mark what changed since this date (empty for none).")
        self.compare_input.rule = self._compare_rule
        self.compare_input.quick_picks = self._compare_picks
        # the compare calendar opens where the analyst is looking: the as-of month
        self.compare_input.calendar_month = lambda: (self.state.as_of if self.state else None)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        as_of_label = QLabel("&As of:", self)
        as_of_label.setBuddy(self.as_of_input)
        known_on_label = QLabel("As &known on:", self)
        known_on_label.setBuddy(self.known_on_input)
        compare_label = QLabel("Co&mpare with:", self)
        compare_label.setBuddy(self.compare_input)
        for widget in (as_of_label, self.previous_button, self.as_of_input, self.next_button,
                       known_on_label, self.known_on_input, compare_label, self.compare_input):
            row.addWidget(widget)
        self.as_of_input.dateEntered.connect(self._as_of_entered)
        self.compare_input.dateEntered.connect(self._compare_entered)
        self.known_on_input.dateEntered.connect(self._known_on_entered)
        for field in (self.as_of_input, self.known_on_input, self.compare_input):
            field.problemShown.connect(self.problemShown)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.set_case(None, None)

    def set_case(self, store: CaseStore | None, state: CaseState | None) -> None:
        if self.state is not None:
            self.state.asOfChanged.disconnect(self._show_as_of)
            self.state.compareWithChanged.disconnect(self._show_compare)
            self.state.knownOnChanged.disconnect(self.known_on_input.set_date)
        self.store, self.state = store, state
        self.setEnabled(state is not None)
        # with no case, both fields read "—" rather than an arbitrary date
        self.as_of_input.edit.setPlaceholderText("—" if state is None else "")
        self.compare_input.edit.setPlaceholderText("—" if state is None else "none")
        self.known_on_input.edit.setPlaceholderText("—" if state is None else "now")
        if state is None:
            self.as_of_input.set_date(None)
            self.compare_input.set_date(None)
            self.known_on_input.set_date(None)
        else:
            state.asOfChanged.connect(self._show_as_of)
            state.compareWithChanged.connect(self._show_compare)
            state.knownOnChanged.connect(self.known_on_input.set_date)
            self.known_on_input.set_date(state.known_on)
            self._show_as_of(state.as_of)
            self._show_compare(state.compare_with)

    def _show_as_of(self, date: PartialDate) -> None:
        self.as_of_input.set_date(date)
        if self.state is not None:  # it may now be after the as-of date
            self._show_compare(self.state.compare_with)

    def _show_compare(self, date: PartialDate | None) -> None:
        self.compare_input.set_date(date)
        if self.state is not None:
            problem = compare_problem(date, self.state.as_of)
            if problem:  # kept, but marked: the grid marks no changes until it is fixed
                self.compare_input.show_problem(problem + " No changes are marked.")

    def _as_of_entered(self, date: PartialDate) -> None:
        if self.state is not None:
            self.state.set_as_of(date)

    def _compare_entered(self, date: PartialDate | None) -> None:
        if self.state is not None:
            self.state.set_compare_with(date)

    def _known_on_entered(self, day: PartialDate | None) -> None:
        if self.state is not None:
            self.state.set_known_on(day)

    def _compare_rule(self, date: PartialDate | None) -> str:
        return compare_problem(date, self.state.as_of) if self.state is not None else ""

    # -- quick picks -------------------------------------------------------------------------

    def _changes(self) -> list[PartialDate]:
        return list(self.store.dated_changes()) if self.store is not None else []

    def _as_of_picks(self) -> list[tuple[str, PartialDate | None]]:
        if self.state is None:
            return []
        as_of = self.state.as_of
        picks: list[tuple[str, PartialDate | None]] = []
        previous = previous_change(self._changes(), as_of)
        if previous is not None:
            picks.append((f"Previous change ({previous.display})", previous))
        for label, date in (("A week earlier", weeks_earlier(as_of)),
                            ("A month earlier", month_earlier(as_of))):
            picks.append((f"{label} ({date.display})", date))
        today = PartialDate.today()
        picks.append((f"Today ({today.display})", today))
        return picks

    def _known_on_picks(self) -> list[tuple[str, PartialDate | None]]:
        today = PartialDate.today()
        yesterday = PartialDate.from_date(today.end() - _dt.timedelta(days=1))
        picks: list[tuple[str, PartialDate | None]] = [("Now", None)]
        for label, day in (("Yesterday", yesterday), ("A week ago", weeks_earlier(today)),
                           ("A month ago", month_earlier(today))):
            picks.append((f"{label} ({day.display})", day))
        return picks

    def _compare_picks(self) -> list[tuple[str, PartialDate | None]]:
        if self.state is None:
            return []
        as_of = self.state.as_of
        picks: list[tuple[str, PartialDate | None]] = []
        before = before_latest_change(self._changes(), as_of)
        if before is not None:
            picks.append((f"Previous change (as of {before.display})", before))
        for label, date in (("A week earlier", weeks_earlier(as_of)),
                            ("A month earlier", month_earlier(as_of))):
            picks.append((f"{label} ({date.display})", date))
        picks.append(("None", None))
        return picks

    # -- stepping ----------------------------------------------------------------------------

    def step(self, direction: int) -> None:
        """Move the as-of date to the previous (-1) or next (+1) date with a recorded change.

        The same rule as the grid's Ctrl+Left/Right (domain/as_of_steps.py): land
        on the first day a change shows, so no change within a month is skipped.
        """
        if self.store is None or self.state is None:
            return
        step = next_change if direction > 0 else previous_change
        target = step(self._changes(), self.state.as_of)
        if target is not None:
            self.state.set_as_of(target)
