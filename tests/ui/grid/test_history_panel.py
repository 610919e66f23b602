"""The history panel: every position of one party on one issue, newest first."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import CellKey, Event, Proposal, ProposalStatus, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid import CellHistoryPanel
from negotiations_gui.ui.grid.history import EARLIER, IN_FORCE, LATER, CellHistoryModel

from .helpers import d


@pytest.fixture
def state():
    return CaseState(d("2025-08-20"))


@pytest.fixture
def panel(qtbot, grid_case, state):
    widget = CellHistoryPanel(grid_case.store, state)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def history(grid_case, source_b2):
    """Hamas on disarmament: four positions, one answering a proposal, one an event."""
    c = grid_case
    store = c.store
    proposal = store.add_proposal(Proposal(
        d("2025-08-18"), "Egyptian–Qatari framework", ProposalStatus.PRESENTED,
        proposer_ids=(c.egypt.id,), terms={c.disarmament.id: "Weapons frozen, then stored"}))
    event = store.add_event(Event(d("2025-08-08"), "Security cabinet decision"))
    first = c.add(c.hamas, c.disarmament, "2025-07", Stance.RED_LINE, "Never")
    second = c.add(c.hamas, c.disarmament, "2025-08-09", Stance.REJECTS, "Refuses, after the "
                   "cabinet decision", event_id=event.id, source_ids=(source_b2.id,))
    third = c.add(c.hamas, c.disarmament, "2025-08-19", Stance.CONDITIONAL,
                  "Freeze, not surrender", proposal_id=proposal.id)
    fourth = c.add(c.hamas, c.disarmament, "2025-09-02", Stance.OFFERS, "Storage under Egypt")
    c.add(c.israel, c.disarmament, "2025-08-01", Stance.DEMANDS)  # another cell: not listed
    return first, second, third, fourth


def rows(panel, column):
    model = panel.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_passes_qtmodeltester(qtmodeltester, panel, grid_case, history):
    panel.show_cell(CellKey(grid_case.hamas.id, grid_case.disarmament.id))
    qtmodeltester.check(panel.model)
    qtmodeltester.check(CellHistoryModel())


def test_lists_every_position_of_the_cell_newest_first(panel, grid_case, history):
    first, second, third, fourth = history
    panel.show_cell(CellKey(grid_case.hamas.id, grid_case.disarmament.id))
    ids = [panel.model.index(r, 0).data(CellHistoryModel.POSITION_ID_ROLE)
           for r in range(panel.model.rowCount())]
    assert ids == [fourth.id, third.id, second.id, first.id]
    assert rows(panel, 0) == ["2 Sep 2025", "19 Aug 2025", "9 Aug 2025", "Jul 2025 (month only)"]
    assert rows(panel, 1) == ["➜ Offers", "≈ Conditional", "✘ Rejects", "⛔ Red line"]
    assert visible(panel.title.text()) == ("History: Hamas on Disarmament — 4 positions, "
                                           "newest first (as of 20 Aug 2025)")


def test_marks_the_position_in_force_as_of_the_date(panel, grid_case, state, history):
    panel.show_cell(CellKey(grid_case.hamas.id, grid_case.disarmament.id))
    assert rows(panel, 5) == [LATER, IN_FORCE, EARLIER, EARLIER]
    in_force = panel.model.index(1, 0)
    assert in_force.data(Qt.ItemDataRole.FontRole).bold()
    state.set_as_of(d("2025-08-10"))
    assert rows(panel, 5) == [LATER, LATER, IN_FORCE, EARLIER]
    state.set_as_of(d("2025-06-30"))
    assert rows(panel, 5) == [LATER] * 4


def test_shows_the_proposals_and_events_positions_answer(panel, grid_case, history):
    panel.show_cell(CellKey(grid_case.hamas.id, grid_case.disarmament.id))
    answers = [visible(a) for a in rows(panel, 3)]
    assert answers[1] == "Proposal: Egyptian–Qatari framework (presented, 18 Aug 2025)"
    assert answers[2] == "Event: Security cabinet decision (8 Aug 2025)"
    assert answers[0] == answers[3] == ""
    tooltip = panel.model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Its term on this issue: Weapons frozen, then stored" in tooltip
    assert rows(panel, 4) == ["", "", "B2", ""]


def test_follows_a_cell_selected_in_the_grid(panel, grid_case, state, history):
    c = grid_case
    state.select_cell(CellKey(c.israel.id, c.disarmament.id))
    assert panel.cell == CellKey(c.israel.id, c.disarmament.id)
    assert rows(panel, 1) == ["! Demands"]


def test_follows_a_position_selected_anywhere(panel, grid_case, state, history):
    second = history[1]
    state.select("position", second.id)
    assert panel.cell == CellKey(grid_case.hamas.id, grid_case.disarmament.id)
    selected = panel.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [2]


def test_reloads_when_positions_change(panel, grid_case, state, history):
    c = grid_case
    panel.show_cell(CellKey(c.hamas.id, c.disarmament.id))
    c.add(c.hamas, c.disarmament, "2025-08-20", Stance.ACCEPTS, "Agrees")
    state.notify_changed({"positions"})
    assert panel.model.rowCount() == 5


def test_an_empty_cell_has_an_empty_history(panel, grid_case):
    panel.show_cell(CellKey(grid_case.turkey.id, grid_case.hostages.id))
    assert panel.model.rowCount() == 0
    assert "0 positions" in panel.title.text()


def test_double_click_asks_to_edit_the_position(qtbot, panel, grid_case, history):
    panel.show_cell(CellKey(grid_case.hamas.id, grid_case.disarmament.id))
    with qtbot.waitSignal(panel.editRequested) as blocker:
        panel.table.doubleClicked.emit(panel.model.index(0, 2))
    assert blocker.args == ["position", history[3].id]


def test_a_deleted_party_clears_the_panel(panel, grid_case, state, history):
    c = grid_case
    panel.show_cell(CellKey(c.hamas.id, c.disarmament.id))
    c.store.delete_party(c.hamas.id)
    state.notify_changed({"parties", "positions"})
    assert panel.cell is None
    assert panel.model.rowCount() == 0
