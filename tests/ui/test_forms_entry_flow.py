"""Drive the real window like a user: type into forms, undo and redo, reopen the file."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from negotiations_gui.domain import PartyRole, ProposalStatus, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.forms.case_forms import IssueForm, PartyForm, SourceForm
from negotiations_gui.ui.forms.event_form import EventForm
from negotiations_gui.ui.forms.position_form import PositionForm
from negotiations_gui.ui.forms.proposal_form import ProposalForm


def ok(qtbot, form):
    assert not form.problems(), form.problems()
    qtbot.mouseClick(form.ok_button, Qt.LeftButton)


def pick(combo, text):
    shown = [visible(combo.itemText(n)) for n in range(combo.count())]
    index = next((n for n, label in enumerate(shown) if text in label), -1)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def tick(checklist, label):
    for n in range(checklist.count()):
        if label in checklist.item(n).text():
            checklist.setCurrentRow(n)
            checklist.item(n).setCheckState(Qt.Checked)
            return
    raise AssertionError(label)


def type_term(qtbot, table, issue_name, text):
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == issue_name:
            table.setCurrentCell(row, 1)
            table.editItem(table.item(row, 1))
            editor = table.indexWidget(table.model().index(row, 1))
            assert isinstance(editor, QLineEdit)
            qtbot.keyClicks(editor, text)
            qtbot.keyClick(editor, Qt.Key_Return)
            return
    raise AssertionError(issue_name)


def add_party(qtbot, window, name, short, role):
    window.window_actions.new_party.trigger()
    form = window.active_form
    assert isinstance(form, PartyForm)
    qtbot.keyClicks(form.name_edit, name)
    qtbot.keyClicks(form.short_edit, short)
    pick(form.role_combo, role)
    ok(qtbot, form)


def build_case(qtbot, window):
    add_party(qtbot, window, "Israel", "ISR", "Principal")
    add_party(qtbot, window, "Hamas", "", "Principal")
    add_party(qtbot, window, "Egypt", "EGY", "Mediator")

    window.window_actions.new_issue.trigger()
    form = window.active_form
    assert isinstance(form, IssueForm)
    qtbot.keyClicks(form.name_edit, "Reconstruction")
    qtbot.keyClicks(form.description_edit, "Rebuilding <b>Gaza</b>")
    ok(qtbot, form)

    window.window_actions.new_source.trigger()
    form = window.active_form
    assert isinstance(form, SourceForm)
    qtbot.keyClicks(form.title_edit, "Mediators' statement")
    qtbot.keyClicks(form.outlet_edit, "Al-Ahram")
    qtbot.keyClicks(form.date_field.edit, "2025-08-18")
    pick(form.reliability_combo, "B —")
    pick(form.credibility_combo, "2 —")
    assert form.grade_label.text().startswith("B2 — Usually reliable, probably true")
    ok(qtbot, form)

    window.window_actions.new_event.trigger()
    form = window.active_form
    assert isinstance(form, EventForm)
    form.date_field.edit.clear()
    qtbot.keyClicks(form.date_field.edit, "2025-08")
    assert form.date_field.precision_combo.currentText() == "Month"
    assert form.date_field.reading.text() == "Aug 2025"
    form.kind_combo.setCurrentText("meeting")
    qtbot.keyClicks(form.title_edit, "Cairo talks")
    tick(form.parties_list, "Hamas")
    tick(form.parties_list, "Egypt")
    qtbot.keyClicks(form.tags_edit, "Cairo, talks")
    tick(form.sources_list, "Mediators")
    ok(qtbot, form)

    window.window_actions.new_proposal.trigger()
    form = window.active_form
    assert isinstance(form, ProposalForm)
    form.date_field.edit.clear()
    qtbot.keyClicks(form.date_field.edit, "2025-08-18")
    qtbot.keyClicks(form.title_edit, "Egyptian-Qatari framework")
    pick(form.status_combo, "Presented")
    tick(form.proposers_list, "Egypt")
    tick(form.addressees_list, "Hamas")
    tick(form.addressees_list, "Israel")
    type_term(qtbot, form.terms_table, "Hostages", "Half of the living hostages released")
    type_term(qtbot, form.terms_table, "Ceasefire", "60-day truce")
    ok(qtbot, form)

    window.window_actions.new_position.trigger()
    form = window.active_form
    assert isinstance(form, PositionForm)
    pick(form.party_combo, "Hamas")
    pick(form.issue_combo, "Ceasefire")
    form.date_field.edit.clear()
    qtbot.keyClicks(form.date_field.edit, "2025-08-18")
    pick(form.stance_combo, "Accepts")
    qtbot.keyClicks(form.summary_edit, "Accepts the 60-day truce")
    tick(form.sources_list, "Mediators")
    pick(form.link_combo, "Proposal: Egyptian")
    ok(qtbot, form)


def check_case(store):
    parties = {p.name: p for p in store.parties()}
    assert set(parties) == {"Israel", "Hamas", "Egypt"}
    assert parties["Egypt"].role is PartyRole.MEDIATOR and parties["Egypt"].short_name == "EGY"
    issues = {i.name: i for i in store.issues()}
    assert issues["Reconstruction"].description == "Rebuilding <b>Gaza</b>"
    (source,) = store.sources()
    assert source.grade == "B2" and source.date.iso == "2025-08-18"
    (event,) = store.events()
    assert event.date.iso == "2025-08" and event.kind == "meeting"
    assert set(event.party_ids) == {parties["Hamas"].id, parties["Egypt"].id}
    assert event.tags == ("Cairo", "talks") and event.source_ids == (source.id,)
    (proposal,) = store.proposals()
    assert proposal.status is ProposalStatus.PRESENTED
    assert proposal.proposer_ids == (parties["Egypt"].id,)
    assert proposal.terms == {issues["Hostages"].id: "Half of the living hostages released",
                              issues["Ceasefire"].id: "60-day truce"}
    (position,) = store.positions()
    assert (position.party_id, position.issue_id) == (parties["Hamas"].id, issues["Ceasefire"].id)
    assert position.stance is Stance.ACCEPTS and position.proposal_id == proposal.id
    assert position.summary == "Accepts the 60-day truce"


def test_enter_everything_undo_redo_and_reopen(qtbot, window, case_path, make_window):
    build_case(qtbot, window)
    check_case(window.store)
    steps = window.undo_stack.count()
    assert steps == 8
    assert "7 issues" in window.counts_label.text()

    for _ in range(steps):
        window.window_actions.undo.trigger()
    assert window.store.parties() == [] and window.store.events() == []
    assert window.store.positions() == [] and len(window.store.issues()) == 6
    assert not window.window_actions.undo.isEnabled()
    assert window.list_docks["party"].model.rowCount() == 0

    for _ in range(steps):
        window.window_actions.redo.trigger()
    check_case(window.store)
    assert window.list_docks["party"].model.rowCount() == 3
    assert window.list_docks["position"].model.rowCount() == 1

    window.close()
    with CaseStore.open(case_path) as reopened:
        check_case(reopened)
    again = make_window()
    assert again.open_case(case_path)
    check_case(again.store)


def test_each_change_undoes_alone(qtbot, window):
    build_case(qtbot, window)
    stack = window.undo_stack
    # undo the last step only: the position goes, everything else stays
    window.undo()
    assert window.store.positions() == [] and len(window.store.proposals()) == 1
    window.redo()
    assert len(window.store.positions()) == 1
    assert stack.undoText().startswith("Add position")


def test_edit_record_and_undo_restores_old_values(qtbot, window):
    build_case(qtbot, window)
    (event,) = window.store.events()
    window.records.edit_record("event", event.id)
    form = window.active_form
    assert isinstance(form, EventForm) and form.title_edit.text() == "Cairo talks"
    form.title_edit.clear()
    qtbot.keyClicks(form.title_edit, "Cairo talks, round 2")
    ok(qtbot, form)
    assert window.store.event(event.id).title == "Cairo talks, round 2"
    window.undo()
    assert window.store.event(event.id) == event  # stamps included
    window.redo()
    assert window.store.event(event.id).title == "Cairo talks, round 2"


def test_gap_assessment_entry_edit_and_undo(qtbot, window):
    from negotiations_gui.domain import Gap
    from negotiations_gui.ui.forms.assessment_form import AssessmentForm

    window.window_actions.new_assessment.trigger()
    form = window.active_form
    assert isinstance(form, AssessmentForm)
    pick(form.issue_combo, "Ceasefire")
    form.date_field.edit.clear()
    qtbot.keyClicks(form.date_field.edit, "2025-08-18")
    pick(form.gap_combo, "Narrowing")
    qtbot.keyClicks(form.note_edit, "Both sides <b>moving</b>")
    ok(qtbot, form)
    (assessment,) = window.store.assessments()
    assert assessment.gap is Gap.NARROWING and assessment.note == "Both sides <b>moving</b>"
    window.state.select("assessment", assessment.id)
    assert "Both sides <b>moving</b>" in window.inspector.text()
    window.records.edit_record("assessment", assessment.id)  # as the grid's gap cell asks
    form = window.active_form
    pick(form.gap_combo, "Converged")
    ok(qtbot, form)
    assert window.store.assessment(assessment.id).gap is Gap.CONVERGED
    window.undo()
    assert window.store.assessment(assessment.id) == assessment
    window.undo()
    assert window.store.assessments() == []
