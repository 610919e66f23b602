"""A name holding an unclosed RIGHT-TO-LEFT OVERRIDE (U+202E) cannot turn the window's
own words around it backwards (issue 12): wherever the window puts user text into
a sentence, the text goes in as a bidi isolate (U+2068 … U+2069), and stays plain text."""

from PySide6.QtCore import Qt

from negotiations_gui import APP_NAME
from negotiations_gui.domain import (
    CaseInfo,
    CellKey,
    Event,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Stance,
)
from negotiations_gui.domain.bidi import FSI, PDI
from negotiations_gui.ui.commands import UpdateCaseInfoCommand

RLO = "\u202e"
NAME = f"Egypt{RLO}"  # an unclosed override: everything after it would run backwards
ISOLATED = f"{FSI}{NAME}{PDI}"


def _case(window):
    store = window.store
    egypt = store.add_party(Party(NAME, role=PartyRole.MEDIATOR, sort_order=0))
    qatar = store.add_party(Party(f"Qatar{RLO}", role=PartyRole.MEDIATOR, sort_order=1))
    issue = store.issues()[0]
    position = store.add_position(Position(egypt.id, issue.id, PartialDate.parse("2025-08-10"),
                                           Stance.ACCEPTS, f"Yes{RLO}"))
    event = store.add_event(Event(PartialDate.parse("2025-08-12"), f"Talks{RLO}",
                                  party_ids=(egypt.id, qatar.id), tags=(f"a{RLO}", "b")))
    store.add_proposal(Proposal(PartialDate.parse("2025-08-11"), f"Plan{RLO}",
                                ProposalStatus.PRESENTED, proposer_ids=(egypt.id,)))
    window.push(UpdateCaseInfoCommand(store, window.state, store.case_info(),
                                      CaseInfo(f"Talks{RLO}", marking=f"SECRET{RLO}")))
    window.state.notify_changed({"parties", "positions", "events", "proposals"})
    return egypt, qatar, issue, position, event


def test_window_title_and_status_bar(window, answers, tmp_path):
    _case(window)
    assert window.windowTitle() == (f"{FSI}Talks{RLO}{PDI} — {FSI}case.nego{PDI} — {APP_NAME}")
    assert window.file_label.text() == f"{FSI}{window.store.path}{PDI}"
    copy = tmp_path / f"copy{RLO}.nego"
    answers.save_paths.append(str(copy))
    window.files.save_a_copy()
    assert window.statusBar().currentMessage() == f"Copy saved to {FSI}{copy}{PDI}"
    for label in (window.file_label, window.marking_label, window.counts_label):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_grid_headers_cells_and_history(window):
    egypt, _, issue, _, _ = _case(window)
    model = window.grid_pane.model
    column = model.index_of(egypt.id, issue.id).column()
    header_tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert f"{ISOLATED} (mediator)" in header_tip
    cell = model.index_of(egypt.id, issue.id)
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert f"{ISOLATED} on {FSI}{issue.name}{PDI}" in tip
    assert f"Accepts: {FSI}Yes{RLO}{PDI} (10 Aug 2025)" in cell.data()
    assert model.text_for([cell]).startswith(f"{ISOLATED} on {FSI}{issue.name}{PDI}: ")
    panel = window.grid_pane.history_panel
    panel.show_cell(CellKey(egypt.id, issue.id))
    assert panel.title.text().startswith(f"History: {ISOLATED} on {FSI}{issue.name}{PDI} — ")
    assert panel.title.textFormat() == Qt.TextFormat.PlainText


def test_inspector_sentences(window):
    egypt, _, issue, position, _ = _case(window)
    window.state.select("position", position.id)
    assert f"{ISOLATED} on {FSI}{issue.name}{PDI}" in window.inspector.text()
    window.state.select_cell(CellKey(egypt.id, issue.id))
    assert f"{ISOLATED} on {FSI}{issue.name}{PDI}" in window.inspector.text()


def test_list_cells_joining_names(window):
    _, _, _, _, event = _case(window)
    events = window.list_docks["event"].model
    row = events.row_of(event.id)
    headers = [events.headerData(c, Qt.Orientation.Horizontal)
               for c in range(events.columnCount())]
    shown = {h: events.index(row, c).data() for c, h in enumerate(headers)}
    assert set(shown["Parties"].split(", ")) == {ISOLATED, f"{FSI}Qatar{RLO}{PDI}"}
    assert shown["Tags"] == f"{FSI}a{RLO}{PDI}, {FSI}b{PDI}"


def test_questions_and_undo_text(window, answers):
    egypt, _, _, _, _ = _case(window)
    answers.yes = False
    assert not window.records.delete_record("party", egypt.id, ask=True)
    assert answers.asked[-1].startswith(f"Delete party “{ISOLATED}”?")
    answers.yes = True
    assert window.records.delete_record("party", egypt.id, ask=True)
    assert window.window_actions.undo.text() == f"&Undo Delete party “{ISOLATED}”"
