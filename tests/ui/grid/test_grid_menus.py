"""The grid's menus: on a cell, on a heading, and the show-or-hide lists."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import CellKey, Gap, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid import PositionGridView, menus

from .helpers import analyst_view, d


@pytest.fixture
def view(qtbot, grid_case):
    widget = PositionGridView(grid_case.store, CaseState(d("2025-08-20")))
    qtbot.addWidget(widget)
    return widget


def texts(menu):
    return [visible(a.text()) for a in menu.actions() if not a.isSeparator()]


def action(menu, text):
    [found] = [a for a in menu.actions() if visible(a.text()) == text]
    return found


def test_menu_on_a_position_offers_new_and_edit(qtbot, grid_case, view):
    c = grid_case
    position = c.add(c.hamas, c.hostages, "2025-08-01", Stance.REJECTS)
    view.reload()
    menu = menus.cell_menu(view, view.model.index_of(c.hamas.id, c.hostages.id))
    assert texts(menu)[:3] == ["New position…", "Edit this position…", "Copy"]
    with qtbot.waitSignal(view.editRequested) as blocker:
        action(menu, "Edit this position…").trigger()
    assert blocker.args == ["position", position.id]
    with qtbot.waitSignal(view.newPositionRequested) as blocker:
        action(menu, "New position…").trigger()
    assert blocker.args == [CellKey(c.hamas.id, c.hostages.id)]


def test_menu_on_an_empty_cell_offers_only_new(grid_case, view):
    c = grid_case
    menu = menus.cell_menu(view, view.model.index_of(c.turkey.id, c.hostages.id))
    assert "Edit this position…" not in texts(menu)
    assert "New position…" in texts(menu)


def test_menu_on_the_gap_edits_the_analysts_assessment_when_there_is_one(qtbot, grid_case,
                                                                         view):
    c = grid_case
    assessment = analyst_view(c.store, c.disarmament, "2025-08-01", Gap.WIDE, "Stalled")
    view.reload()
    menu = menus.cell_menu(view, view.model.index_of(None, c.disarmament.id))
    with qtbot.waitSignal(view.editRequested) as blocker:
        action(menu, "Edit the analyst's assessment…").trigger()
    assert blocker.args == ["assessment", assessment.id]
    plain = menus.cell_menu(view, view.model.index_of(None, c.hostages.id))
    with qtbot.waitSignal(view.editRequested) as blocker:
        action(plain, "Edit the issue…").trigger()
    assert blocker.args == ["issue", c.hostages.id]


def test_heading_menu_hides_a_party_and_shows_all_again(grid_case, view):
    c = grid_case
    menu = menus.header_menu(view, Qt.Orientation.Horizontal, 1)
    assert texts(menu) == ["Edit Hamas…", "Hide Hamas", "Show all parties and issues"]
    assert not action(menu, "Show all parties and issues").isEnabled()
    action(menu, "Hide Hamas").trigger()
    assert c.hamas.id in view.model.hidden_party_ids
    again = menus.header_menu(view, Qt.Orientation.Horizontal, 0)
    action(again, "Show all parties and issues").trigger()
    assert view.model.hidden_party_ids == frozenset()


def test_heading_menu_hides_an_issue(grid_case, view):
    c = grid_case
    menu = menus.header_menu(view, Qt.Orientation.Vertical, 1)
    assert texts(menu)[:2] == ["Edit Prisoners…", "Hide Prisoners"]
    action(menu, "Hide Prisoners").trigger()
    assert c.prisoners.id in view.model.hidden_issue_ids


def test_heading_menu_follows_transposition(grid_case, view):
    view.transpose_action.trigger()
    assert texts(menus.header_menu(view, Qt.Orientation.Vertical, 0))[0] == "Edit Israel…"
    assert texts(menus.header_menu(view, Qt.Orientation.Horizontal, 0))[0] == "Edit Hostages…"
    # the Gap line has nothing to edit or hide
    assert texts(menus.header_menu(view, Qt.Orientation.Vertical, 4)) == [
        "Show all parties and issues"]
