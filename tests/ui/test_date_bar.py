"""The toolbar's As of and Compare with fields, typed and picked as a user does
(issue 14 items 2-4): what is typed is what is shown, or it is refused in words."""

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView

from negotiations_gui.domain import Party, Position, Stance

from ..dates import d


def type_into(qtbot, field, text):
    """Click into the field, select what is there, type over it and press Enter."""
    qtbot.mouseClick(field.edit, Qt.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(field.edit, Qt.Key_Backspace)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key_Return)


@pytest.fixture
def bar(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    return window.date_bar


@pytest.mark.parametrize("typed, date, shown", [
    ("20 Nov 2025", "2025-11-20", "20 Nov 2025"),
    ("2025-11-20", "2025-11-20", "20 Nov 2025"),
    ("Nov 2025", "2025-11", "Nov 2025"),
    ("1 August 2025", "2025-08-01", "1 Aug 2025"),
])
def test_as_of_is_exactly_what_was_typed(qtbot, window, bar, typed, date, shown):
    window.state.set_as_of(d("2025-10-09"))
    assert bar.as_of_input.edit.text() == "9 Oct 2025"
    type_into(qtbot, bar.as_of_input, typed)
    assert window.state.as_of == d(date)
    assert bar.as_of_input.edit.text() == shown
    assert bar.as_of_input.problem() == ""


def test_a_bad_as_of_date_is_refused_in_words_and_esc_goes_back(qtbot, window, bar):
    window.state.set_as_of(d("2025-10-09"))
    refused = []
    bar.problemShown.connect(refused.append)
    type_into(qtbot, bar.as_of_input, "31 Sep 2025")
    assert window.state.as_of == d("2025-10-09")  # unchanged
    assert bar.as_of_input.edit.text() == "31 Sep 2025"  # what was typed is kept
    assert "Sep 2025 has no day 31" in bar.as_of_input.problem()
    assert refused and "no day 31" in refused[0]
    assert "no day 31" in bar.as_of_input.edit.toolTip()
    qtbot.keyClick(bar.as_of_input.edit, Qt.Key_Escape)
    assert bar.as_of_input.edit.text() == "9 Oct 2025" and bar.as_of_input.problem() == ""


@pytest.mark.parametrize("typed, date", [
    ("2025-08-01", "2025-08-01"), ("1 Aug 2025", "2025-08-01"), ("Aug 2025", "2025-08"),
])
def test_compare_with_takes_the_forms_the_entry_forms_take(qtbot, window, bar, typed, date):
    window.state.set_as_of(d("2025-09-01"))
    type_into(qtbot, bar.compare_input, typed)
    assert window.state.compare_with == d(date)
    assert bar.compare_input.edit.text() == d(date).display
    assert "changes since" in window.grid_pane.heading.text()
    # emptied, it means "no compare date"
    type_into(qtbot, bar.compare_input, "")
    assert window.state.compare_with is None


def test_the_entry_forms_take_the_same_forms(qtbot, store):
    from negotiations_gui.ui.forms.event_form import EventForm

    form = EventForm(store)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.title_edit, "Talks")
    qtbot.keyClicks(form.date_field.edit, "1 Aug 2025")
    assert form.date_field.date() == d("2025-08-01") and not form.problems()
    form.date_field.edit.clear()
    qtbot.keyClicks(form.date_field.edit, "Aug 2025")
    assert form.date_field.date() == d("2025-08")


def test_compare_after_as_of_is_refused_in_words(qtbot, window, bar):
    window.state.set_as_of(d("2025-09-01"))
    type_into(qtbot, bar.compare_input, "11 Oct 2025")
    assert window.state.compare_with is None
    problem = bar.compare_input.problem()
    assert "11 Oct 2025 is after the as-of date 1 Sep 2025" in problem
    assert "changes since" not in window.grid_pane.heading.text()


def test_as_of_moved_before_the_compare_date_marks_nothing_and_says_so(qtbot, window, bar):
    hamas = window.store.add_party(Party("Hamas"))
    issue = window.store.issues()[0].id
    for day in ("2025-08-10", "2025-08-20"):
        window.store.add_position(Position(hamas.id, issue, d(day), Stance.DEMANDS))
    window.state.notify_changed({"positions", "parties"})
    window.state.set_as_of(d("2025-08-25"))
    type_into(qtbot, bar.compare_input, "15 Aug 2025")
    assert "1 cell changed" in window.grid_pane.heading.text()
    qtbot.mouseClick(bar.previous_button, Qt.LeftButton)
    qtbot.mouseClick(bar.previous_button, Qt.LeftButton)
    assert window.state.as_of == d("2025-08-10")
    assert "is after the as-of date" in bar.compare_input.problem()
    heading = window.grid_pane.heading.text()
    assert "changes since" not in heading and "no changes marked" in heading


def _calendar_cell(calendar, day):
    """The calendar's cell for `day` of the month it shows (each day number
    from 13 to 22 appears once in its six weeks)."""
    view = calendar.findChild(QTableView)
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if model.data(index) == day:
                return view, view.visualRect(index).center()
    raise AssertionError(f"no cell for day {day}")


def test_compare_calendar_opens_at_the_as_of_month_and_a_click_picks(qtbot, window, bar):
    window.state.set_as_of(d("2025-09-01"))
    qtbot.mouseClick(bar.compare_input.pick_button, Qt.LeftButton)
    calendar = bar.compare_input.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 9)
    view, point = _calendar_cell(calendar, 16)
    # in September 2025 the as-of date limits nothing before it; pick a day in August instead
    qtbot.keyClick(view, Qt.Key_PageUp)  # previous month
    assert calendar.monthShown() == 8
    view, point = _calendar_cell(calendar, 16)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=point)
    assert window.state.compare_with == d("2025-08-16")
    assert not bar.compare_input.menu.isVisible()
    assert bar.compare_input.edit.text() == "16 Aug 2025"


def test_as_of_calendar_opens_at_its_month(qtbot, window, bar):
    window.state.set_as_of(d("2025-10-09"))
    qtbot.mouseClick(bar.as_of_input.pick_button, Qt.LeftButton)
    calendar = bar.as_of_input.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2025, 10, 9)
    view, point = _calendar_cell(calendar, 20)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=point)
    assert window.state.as_of == d("2025-10-20")


def _pick(qtbot, field, label_start):
    qtbot.mouseClick(field.pick_button, Qt.LeftButton)
    qtbot.waitUntil(field.menu.isVisible)
    labels = [a.text() for a in field.menu.actions() if a.text()]
    action = next(a for a in field.menu.actions() if a.text().startswith(label_start))
    qtbot.mouseClick(field.menu, Qt.LeftButton, pos=field.menu.actionGeometry(action).center())
    return labels


def test_compare_quick_picks(qtbot, window, bar):
    hamas = window.store.add_party(Party("Hamas"))
    issue = window.store.issues()[0].id
    for day in ("2025-08-10", "2025-08-20"):
        window.store.add_position(Position(hamas.id, issue, d(day), Stance.DEMANDS))
    window.state.set_as_of(d("2025-10-31"))
    labels = _pick(qtbot, bar.compare_input, "A week earlier")
    assert labels[:4] == ["Previous change (as of 19 Aug 2025)", "A week earlier (24 Oct 2025)",
                          "A month earlier (30 Sep 2025)", "None"]
    assert window.state.compare_with == d("2025-10-24")
    _pick(qtbot, bar.compare_input, "A month earlier")
    assert window.state.compare_with == d("2025-09-30")
    _pick(qtbot, bar.compare_input, "Previous change")
    # compared with the day before the latest change, the grid marks what that change did
    assert window.state.compare_with == d("2025-08-19")
    assert "1 cell changed" in window.grid_pane.heading.text()
    _pick(qtbot, bar.compare_input, "None")
    assert window.state.compare_with is None


def test_as_of_quick_picks(qtbot, window, bar):
    hamas = window.store.add_party(Party("Hamas"))
    window.store.add_position(Position(hamas.id, window.store.issues()[0].id, d("2025-08-10"),
                                       Stance.DEMANDS))
    window.state.set_as_of(d("2025-10-31"))
    _pick(qtbot, bar.as_of_input, "A month earlier")
    assert window.state.as_of == d("2025-09-30")
    _pick(qtbot, bar.as_of_input, "Previous change")
    assert window.state.as_of == d("2025-08-10")
