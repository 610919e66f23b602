"""Forms say what is wrong next to the field, keep OK disabled until valid,
and work from the keyboard alone."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import CaseInfo, Party, PartyRole
from negotiations_gui.ui.forms.assessment_form import AssessmentForm
from negotiations_gui.ui.forms.case_forms import CaseInfoForm, IssueForm, PartyForm, SourceForm
from negotiations_gui.ui.forms.event_form import EventForm
from negotiations_gui.ui.forms.position_form import PositionForm
from negotiations_gui.ui.forms.proposal_form import ProposalForm


@pytest.fixture
def parent(qtbot):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    return w


def visible_errors(form):
    return form.shown_problems()


def test_event_end_before_start_is_explained(qtbot, store, parent):
    form = EventForm(store, parent=parent)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.date_field.edit, "2025-08-12")
    qtbot.keyClicks(form.title_edit, "Talks")
    assert not form.problems()
    qtbot.keyClicks(form.end_field.edit, "2025-08-03")
    assert form.problems()
    assert "End date is before start date." in visible_errors(form)
    form.end_field.edit.clear()
    qtbot.keyClicks(form.end_field.edit, "2025-08")  # the month overlaps the start day
    assert not form.problems()


@pytest.mark.parametrize("text, message", [
    ("", "A date is needed."),
    ("2025-02-30", "Feb 2025 has no day 30."),
    ("12/08/2025", "is not a date"),
    ("2025-13", "Month 13 does not exist."),
])
def test_bad_dates_are_explained(qtbot, store, parent, text, message):
    form = EventForm(store, parent=parent)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.title_edit, "Talks")
    qtbot.keyClicks(form.date_field.edit, text)
    assert form.problems()
    if not text:  # nothing typed: said when OK is pressed
        qtbot.mouseClick(form.ok_button, Qt.LeftButton)
        assert form.isVisible() or form.result() == 0
    assert any(message in e for e in visible_errors(form)), visible_errors(form)


def test_date_precision_narrows_but_never_invents(qtbot, store, parent):
    form = EventForm(store, parent=parent)
    qtbot.addWidget(form)
    field = form.date_field
    qtbot.keyClicks(field.edit, "2025-08-12")
    assert field.precision_combo.currentText() == "Day"
    field.precision_combo.setCurrentIndex(field.precision_combo.findText("Month"))
    field.precision_combo.activated.emit(field.precision_combo.currentIndex())
    assert field.text() == "2025-08" and field.date().precision.label == "month"
    field.precision_combo.setCurrentIndex(field.precision_combo.findText("Day"))
    field.precision_combo.activated.emit(field.precision_combo.currentIndex())
    assert field.text() == "2025-08"  # no day was invented
    assert field.precision_combo.currentText() == "Month"
    field.approximate_box.click()
    assert field.text() == "~2025-08" and field.reading.text() == "c. Aug 2025"
    field.approximate_box.click()
    assert field.text() == "2025-08"


def test_required_and_duplicate_names(qtbot, store, parent):
    store.add_party(Party("Hamas"))
    form = PartyForm(store, parent=parent)
    qtbot.addWidget(form)
    assert form.problems()
    assert visible_errors(form) == []  # nothing said before anything is typed
    qtbot.mouseClick(form.ok_button, Qt.LeftButton)
    assert visible_errors(form) == ["A name is needed."] and form.result() == 0
    qtbot.keyClicks(form.name_edit, "hamas")
    assert visible_errors(form) == ["There is already one named “hamas”."]
    qtbot.keyClicks(form.name_edit, " movement")
    assert not form.problems() and visible_errors(form) == []


def test_issue_name_is_unique_but_may_keep_its_own(qtbot, store, parent):
    issue = store.issues()[0]
    form = IssueForm(store, issue, parent=parent)
    qtbot.addWidget(form)
    assert not form.problems()
    form.name_edit.setText(store.issues()[1].name.upper())
    assert form.problems()


def test_proposer_cannot_be_addressee(qtbot, store, parent):
    party = store.add_party(Party("Egypt", role=PartyRole.MEDIATOR))
    form = ProposalForm(store, parent=parent)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.date_field.edit, "2025-08")
    qtbot.keyClicks(form.title_edit, "Plan")
    assert not form.problems()
    form.proposers_list.set_checked(party.id)
    form.addressees_list.set_checked(party.id)
    assert form.problems()
    assert "A party cannot both make the proposal and receive it." in visible_errors(form)


def test_position_needs_a_party(qtbot, store, parent):
    form = PositionForm(store, parent=parent)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.date_field.edit, "2025-08-18")
    assert "Add a party first." in visible_errors(form)
    assert form.problems()


def test_enter_on_invalid_form_does_not_accept(qtbot, store, parent):
    form = SourceForm(store, parent=parent)
    qtbot.addWidget(form)
    form.open()
    qtbot.keyClick(form.title_edit, Qt.Key_Return)
    assert form.isVisible() and form.result() == 0


def test_keyboard_only_source_entry(qtbot, store, parent):
    """Tab walks the fields in order; arrows choose grades; Enter accepts."""
    form = SourceForm(store, parent=parent)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    assert form.focusWidget() is form.title_edit
    typed = ["Statement", "Reuters", "2025-08-18", "reuters.com"]
    for text in typed:
        qtbot.keyClicks(form.focusWidget(), text)
        qtbot.keyClick(form.focusWidget(), Qt.Key_Tab)
    assert form.focusWidget() is form.reliability_combo
    qtbot.keyClick(form.reliability_combo, Qt.Key_Home)
    qtbot.keyClick(form.reliability_combo, Qt.Key_Tab)
    assert form.focusWidget() is form.credibility_combo
    qtbot.keyClick(form.credibility_combo, Qt.Key_Home)
    with qtbot.waitSignal(form.accepted):
        qtbot.keyClick(form.credibility_combo, Qt.Key_Return)
    source = form.record()
    assert (source.title, source.outlet, source.date.iso, source.location) == (
        "Statement", "Reuters", "2025-08-18", "reuters.com")
    assert source.grade == "A1"


def test_escape_cancels(qtbot, store, parent):
    form = CaseInfoForm(CaseInfo("Case"), parent)
    qtbot.addWidget(form)
    form.open()
    with qtbot.waitSignal(form.rejected):
        qtbot.keyClick(form.title_edit, Qt.Key_Escape)


@pytest.mark.parametrize("make", [
    lambda s, p: EventForm(s, parent=p), lambda s, p: ProposalForm(s, parent=p),
    lambda s, p: PositionForm(s, parent=p), lambda s, p: PartyForm(s, parent=p),
    lambda s, p: IssueForm(s, parent=p), lambda s, p: SourceForm(s, parent=p),
    lambda s, p: CaseInfoForm(CaseInfo("x"), p),
    lambda s, p: AssessmentForm(s, parent=p),
])
def test_tab_walks_the_fields_in_order(qtbot, store, parent, make):
    store.add_party(Party("Hamas"))
    form = make(store, parent)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    order = form._focus_order
    visited = []
    for _ in range(len(order)):
        focused = form.focusWidget()
        owner = next((w for w in order if w is focused or w.isAncestorOf(focused)), focused)
        visited.append(owner)
        qtbot.keyClick(focused, Qt.Key_Tab)
    assert visited == order


def test_messages_wait_for_an_edit_or_ok_and_never_move_the_fields(qtbot, store, parent):
    form = EventForm(store, parent=parent)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert visible_errors(form) == []  # a new form says nothing is wrong before typing
    tops = {w: w.mapTo(form, w.rect().topLeft()).y() for w in (form.title_edit,
                                                                form.date_field.edit)}
    qtbot.keyClicks(form.title_edit, "T")
    qtbot.keyClick(form.title_edit, Qt.Key_Backspace)  # edited, then emptied
    assert visible_errors(form) == ["A title is needed."]
    qtbot.keyClicks(form.title_edit, "Talks")
    assert visible_errors(form) == []
    # the message's line is reserved: the fields below never jump under the pointer
    assert {w: w.mapTo(form, w.rect().topLeft()).y() for w in tops} == tops
    qtbot.mouseClick(form.ok_button, Qt.LeftButton)  # OK with the date still empty
    assert visible_errors(form) == ["A date is needed."]
    assert form.result() == 0 and form.focusWidget() is form.date_field.edit
    assert {w: w.mapTo(form, w.rect().topLeft()).y() for w in tops} == tops
