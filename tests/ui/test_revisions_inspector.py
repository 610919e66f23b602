"""The inspector lists a record's revisions; one can be restored, undoably."""

import dataclasses

from PySide6.QtWidgets import QLineEdit

from negotiations_gui.domain import Party, PartyRole
from negotiations_gui.store.revisions import default_author
from negotiations_gui.ui.commands import UpdateRecordCommand
from negotiations_gui.ui.settings import ANALYST_NAME


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


def _answer_when_asked(window, name: str | None) -> list:
    """When the name question shows (inside push, which waits for it), type `name` and
    press "Use this name" (None: dismiss it with Esc). Returns the dialogs seen."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    seen = []

    def answer() -> None:
        dialog = window.name_question.dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)  # not shown yet: the nested loop runs this again
            return
        seen.append((dialog, dialog.textValue()))
        if name is None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        QTest.keyClicks(edit, name)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_the_name_is_asked_at_the_first_change_and_kept_in_preferences(
        qtbot, make_window, settings, case_path):
    from negotiations_gui.domain import CaseInfo
    from negotiations_gui.ui.commands import AddRecordCommand

    settings.set(ANALYST_NAME, "")
    w = make_window()
    assert w.create_case(case_path, CaseInfo("Asked"))
    assert w.name_question.dialog is None  # opening a case asks nothing: reading needs no name
    os_user = default_author()  # no name given yet: the operating system's user name
    seen = _answer_when_asked(w, "R. Cohen")
    assert w.push(AddRecordCommand(w.store, w.state, "party",
                                   Party("Qatar", role=PartyRole.MEDIATOR)))
    ((dialog, offered),) = seen
    assert offered == os_user
    assert "Edit > Preferences" in dialog.labelText()
    assert settings.get(ANALYST_NAME) == "R. Cohen"
    qatar = w.store.parties()[0]
    assert w.store.revisions(qatar.id)[0].author == "R. Cohen"  # the first change has it
    w.name_question.dialog = None
    assert w.push(AddRecordCommand(w.store, w.state, "party", Party("Egypt")))
    assert w.name_question.dialog is None  # not asked again


def test_a_dismissed_question_keeps_the_user_name(qtbot, make_window, settings, case_path):
    from negotiations_gui.domain import CaseInfo
    from negotiations_gui.ui.commands import AddRecordCommand

    settings.set(ANALYST_NAME, "")
    w = make_window()
    assert w.create_case(case_path, CaseInfo("Dismissed"))
    seen = _answer_when_asked(w, None)
    assert w.push(AddRecordCommand(w.store, w.state, "party", Party("Qatar")))
    assert len(seen) == 1
    assert settings.get(ANALYST_NAME) == default_author()
    assert w.store.revisions(w.store.parties()[0].id)[0].author == default_author()


def test_links_name_records_whose_ids_hold_slashes_hashes_and_percents(window, qtbot):
    """Ids come from imported files: a restore link and a record link must give the
    id back whole, not cut at "/" (the path's separator) or "#" (a fragment)."""
    import re

    from PySide6.QtCore import QUrl

    odd = "gaza/north#1%2F?x"
    party = window.store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, id=odd))
    renamed = dataclasses.replace(party, short_name="H.")
    assert window.push(UpdateRecordCommand(window.store, window.state, "party", party, renamed))
    window.state.select("party", odd)
    (edit,) = [r for r in window.store.revisions(odd) if r.what == "edit"]
    html = window.inspector.browser.toHtml()
    (address,) = re.findall(r'href="(revision:[^"]*)"', html)
    with qtbot.waitSignal(window.inspector.restoreRequested) as restore:
        window.inspector.browser.anchorClicked.emit(QUrl(address.replace("&amp;", "&")))
    assert restore.args == ["party", odd, edit.replica_id, edit.seq]

    window.state.select("event", "")  # away, then back by the record link
    from negotiations_gui.ui.inspector_pages import link
    (record_address,) = re.findall(r'href="([^"]*)"', link("party", odd, "Hamas"))
    window.inspector.browser.anchorClicked.emit(QUrl(record_address.replace("&amp;", "&")))
    assert window.state.selection == ("party", odd)
