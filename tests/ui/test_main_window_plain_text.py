"""Text that looks like HTML shows literally everywhere the window shows user text."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import CaseInfo, Event, PartialDate, Party, Position, Source, Stance
from negotiations_gui.ui.commands import UpdateCaseInfoCommand

HOSTILE = ["<b>x</b>", "<img src=\"file:///etc/passwd\">", "a & b <i>c"]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_literal(window, text):
    store = window.store
    party = store.add_party(Party(f"Party {text}", short_name=text))
    source = store.add_source(Source(f"Source {text}", outlet=text, notes=text))
    event = store.add_event(Event(PartialDate.parse("2025-08-18"), f"Event {text}",
                                  description=text, party_ids=(party.id,),
                                  tags=(text,), source_ids=(source.id,)))
    issue = store.issues()[0]
    position = store.add_position(Position(party.id, issue.id, PartialDate.parse("2025-08-18"),
                                           Stance.DEMANDS, text, detail=text,
                                           source_ids=(source.id,), event_id=event.id))
    window.push(UpdateCaseInfoCommand(window.store, window.state, store.case_info(),
                                      CaseInfo(f"Case {text}", marking=text)))
    window.state.notify_changed({"parties", "sources", "events", "positions"})

    assert f"Case {text}" in window.windowTitle()
    # lists: display strings as given
    events = window.list_docks["event"].model
    row = events.row_of(event.id)
    shown = [events.index(row, c).data() for c in range(events.columnCount())]
    headers = [events.headerData(c, Qt.Horizontal) for c in range(events.columnCount())]
    assert shown[headers.index("Title")] == f"Event {text}"
    assert shown[headers.index("Parties")] == party.label  # the name as typed, not markup
    assert shown[headers.index("Tags")] == text
    # tooltips are HTML: the text must come back escaped, never as markup
    tip = events.index(row, 3).data(Qt.ToolTipRole)
    assert "<b>x</b>" not in tip and "<img" not in tip
    # inspector: rendered text equals the literal text
    for kind, record_id in (("event", event.id), ("position", position.id),
                            ("party", party.id), ("source", source.id)):
        window.state.select(kind, record_id)
        assert text in window.inspector.text(), kind
    assert window.inspector.browser.document().toHtml().count("<img") == 0


def test_forms_keep_text_literal(qtbot, window):
    party = window.store.add_party(Party("<b>x</b>"))
    window.records.edit_record("party", party.id)
    form = window.active_form
    assert form.name_edit.text() == "<b>x</b>"
    form.reject()
    window.store.add_source(Source("<i>s</i>"))
    window.records.new_record("event")
    form = window.active_form
    labels = [form.parties_list.item(n).text() for n in range(form.parties_list.count())]
    assert labels == ["<b>x</b>"]
    assert "<i>s</i>" in form.sources_list.item(0).text()


def test_messages_are_plain_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from negotiations_gui.ui import prompts

    seen = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.textFormat()) or 0)
    prompts.warn(None, "t", "<b>file</b>")
    prompts.inform(None, "t", "<b>file</b>")
    prompts.ask(None, "t", "<b>file</b>")
    assert seen == [Qt.PlainText] * 3
