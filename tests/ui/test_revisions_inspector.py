"""The inspector lists a record's revisions; one can be restored, undoably."""

import dataclasses

from negotiations_gui.domain import Party, PartyRole
from negotiations_gui.store.revisions import default_author
from negotiations_gui.ui import analyst_name
from negotiations_gui.ui import settings as keys
from negotiations_gui.ui.commands import UpdateRecordCommand


def test_inspector_shows_who_changed_what_and_restores_it(window, qtbot):
    party = window.store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL))
    renamed = dataclasses.replace(party, short_name="H.")
    assert window.push(UpdateRecordCommand(window.store, window.state, "party", party, renamed))
    window.state.select("party", party.id)
    text = window.inspector.text()
    assert "edited by Test Analyst" in text and "short name was HAM" in text
    (edit,) = [r for r in window.store.revisions(party.id) if r.what == "edit"]
    window.records.restore_revision("party", party.id, edit.replica_id, edit.seq)
    assert window.store.party(party.id).short_name == "HAM"
    assert window.store.revisions(party.id)[-1].what == "restore"
    window.undo()
    assert window.store.party(party.id).short_name == "H."
    assert window.store.revisions(party.id)[-1].what == "undo"
    assert "changed back (undo) by Test Analyst" in window.inspector.text()


def test_the_name_is_asked_once_and_kept_in_preferences(qtbot, tmp_path, make_window,
                                                        settings, case_path):
    from negotiations_gui.domain import CaseInfo

    settings.set(keys.ANALYST_NAME, "")
    w = make_window()
    assert w.create_case(case_path, CaseInfo("Asked"))
    dialog = w.analyst_question
    assert dialog is not None and dialog.textValue() == default_author()
    dialog.setTextValue("R. Cohen")
    dialog.accept()
    assert settings.get(keys.ANALYST_NAME) == "R. Cohen"
    w.store.add_party(Party("Qatar", role=PartyRole.MEDIATOR))
    assert w.store.revisions(w.store.parties()[0].id)[0].author == "R. Cohen"
    assert analyst_name.ask_once(w, settings) is None  # not asked again
