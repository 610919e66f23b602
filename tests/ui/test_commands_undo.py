"""Every change is one command: applied in one transaction, undone and redone whole."""

from negotiations_gui.domain import CaseInfo, Event, Party, Position, Proposal, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.commands import (
    AddRecordCommand,
    DeleteRecordCommand,
    ReorderCommand,
    UpdateCaseInfoCommand,
    UpdateRecordCommand,
)

from ..dates import d


def seed(store):
    israel = store.add_party(Party("Israel", sort_order=0))
    hamas = store.add_party(Party("Hamas", sort_order=1))
    ceasefire = store.issues()[4]
    proposal = store.add_proposal(Proposal(d("2025-08-18"), "Framework",
                                           addressee_ids=(israel.id, hamas.id),
                                           terms={ceasefire.id: "60 days"}))
    event = store.add_event(Event(d("2025-08"), "Talks", party_ids=(hamas.id,)))
    store.add_position(Position(hamas.id, ceasefire.id, d("2025-08-18"), Stance.ACCEPTS,
                                proposal_id=proposal.id))
    store.add_position(Position(hamas.id, ceasefire.id, d("2025-08-20"), Stance.CONDITIONAL))
    return israel, hamas, ceasefire, proposal, event


def test_commands_notify_the_tables_they_touch(qtbot, window):
    with qtbot.waitSignal(window.state.dataChanged) as blocker:
        window.push(AddRecordCommand(window.store, window.state, "party", Party("Egypt")))
    assert blocker.args == [frozenset({"parties"})]
    with qtbot.waitSignal(window.state.dataChanged) as blocker:
        window.undo()
    assert blocker.args == [frozenset({"parties"})]


def test_delete_party_with_positions_asks_and_undo_restores_everything(window, answers):
    israel, hamas, _ceasefire, proposal, event = seed(window.store)
    before = window.store.export_data()
    answers.yes = False
    assert not window.records.delete_record("party", hamas.id)
    assert "2 recorded positions" in answers.asked[0]
    assert window.store.party(hamas.id) == hamas and window.undo_stack.count() == 0

    answers.yes = True
    assert window.records.delete_record("party", hamas.id)
    assert window.store.positions() == []
    assert window.store.event(event.id).party_ids == ()
    assert window.store.proposal(proposal.id).addressee_ids == (israel.id,)
    window.undo()
    after = window.store.export_data()
    assert after.parties == before.parties and after.positions == before.positions
    assert after.events == before.events and after.proposals == before.proposals
    window.redo()
    assert window.store.positions() == []


def test_delete_issue_restores_terms_and_positions(window, answers):
    _israel, _hamas, ceasefire, proposal, _event = seed(window.store)
    assert window.records.delete_record("issue", ceasefire.id)
    assert window.store.proposal(proposal.id).terms == {}
    window.undo()
    assert window.store.proposal(proposal.id).terms == {ceasefire.id: "60 days"}
    assert len(window.store.positions(issue_id=ceasefire.id)) == 2


def test_delete_without_dependants_does_not_ask(window, answers):
    party = window.store.add_party(Party("Observer"))
    assert window.records.delete_record("party", party.id)
    assert answers.asked == []


def test_delete_selected_uses_the_shared_selection(window):
    _israel, _hamas, _c, _p, event = seed(window.store)
    window.state.select("event", event.id)
    window.window_actions.delete.trigger()
    assert window.store.events() == [] and window.state.selection == ("", "")
    window.window_actions.undo.trigger()
    assert window.store.event(event.id) == event


def test_reorder_and_undo(window):
    issues = window.store.issues()
    window.records.move_record("issue", issues[1].id, -1)
    assert [i.id for i in window.store.issues()][:2] == [issues[1].id, issues[0].id]
    window.undo()
    assert [i.id for i in window.store.issues()] == [i.id for i in issues]


def test_case_properties_change_the_title_and_undo(window):
    old = window.store.case_info()
    new = CaseInfo("Renamed <b>case</b>", "d", "SECRET", old.created_at)
    window.push(UpdateCaseInfoCommand(window.store, window.state, old, new))
    assert visible(window.windowTitle()).startswith("Renamed <b>case</b> — ")
    assert window.marking_label.text() == "SECRET"
    window.undo()
    assert window.store.case_info().title == "Test case"
    assert visible(window.windowTitle()).startswith("Test case — ")


def test_update_then_undo_is_exact(window):
    party = window.store.add_party(Party("Hamas"))
    renamed = window.store.party(party.id).__class__(**{**party.__dict__, "name": "Hamas movement"})
    window.push(UpdateRecordCommand(window.store, window.state, "party", party, renamed))
    window.undo()
    assert window.store.party(party.id) == party


def test_failed_change_is_reported_and_not_stacked(window, answers, monkeypatch):
    from negotiations_gui.store import DiskFullError

    def full(_record):
        raise DiskFullError(window.store.path, "the disk is full; the change was not saved.")

    monkeypatch.setattr(window.store, "add_party", full)
    assert not window.push(AddRecordCommand(window.store, window.state, "party", Party("X")))
    assert window.undo_stack.count() == 0
    assert "the disk is full" in answers.warnings[0]


def test_failed_undo_clears_history_and_says_so(window, answers, monkeypatch):
    from negotiations_gui.store import ReadOnlyError

    window.push(AddRecordCommand(window.store, window.state, "party", Party("X")))

    def refuse(_record_id):
        raise ReadOnlyError(window.store.path, "the file cannot be written.")

    monkeypatch.setattr(window.store, "delete_party", refuse)
    window.undo()
    assert window.undo_stack.count() == 0
    assert "cannot be written" in answers.warnings[0] and "history" in answers.warnings[0]
    assert [p.name for p in window.store.parties()] == ["X"]


def test_delete_command_alone(store, qtbot):
    from negotiations_gui.ui.case_state import CaseState

    state = CaseState()
    party = store.add_party(Party("Hamas"))
    command = DeleteRecordCommand(store, state, "party", party)
    command.apply()
    assert store.parties() == []
    command.undo()
    assert store.parties() == [party]
    command.redo()
    assert store.parties() == []
    assert visible(command.text()) == "Delete party “Hamas”"


def test_reorder_command_text(store):
    from negotiations_gui.ui.case_state import CaseState

    ids = [i.id for i in store.issues()]
    command = ReorderCommand(store, CaseState(), "issue", ids, list(reversed(ids)))
    command.apply()
    assert [i.id for i in store.issues()] == list(reversed(ids))
    assert command.text() == "Reorder issues"
