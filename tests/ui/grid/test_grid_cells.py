"""On a large case the grid reads each cell's positions into memory once the date
moves (ui/grid/cell_order.py), and shows what the seeks show, before and after edits."""

import pytest

from negotiations_gui.domain import Stance
from negotiations_gui.store import as_of_cells
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.grid import PositionGridView

from .helpers import d


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(as_of_cells, "MANY_POSITIONS", 0)  # any case counts as large


def stance_shown(view, party, issue):
    from negotiations_gui.ui.grid.model import GridRole
    return view.model.index_of(party.id, issue.id).data(GridRole.STANCE)


def held(store):
    return store.queries.cell_order_state() is None


def test_cells_are_read_once_the_date_moves_and_answer_after_edits(qtbot, grid_case, large):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08", Stance.DEMANDS)
    first = c.add(c.israel, c.hostages, "2025-08-10", Stance.OFFERS)
    c.add(c.hamas, c.hostages, "2025", Stance.REJECTS)
    state = CaseState(d("2025-08-20"))
    view = PositionGridView(c.store, state)
    qtbot.addWidget(view)
    assert not held(c.store)  # opening the grid reads nothing more
    state.set_as_of(d("2025-08-05"))
    qtbot.waitUntil(lambda: held(c.store))
    state.set_as_of(d("2025-08-12"))
    assert stance_shown(view, c.israel, c.hostages) == "offers"
    assert stance_shown(view, c.hamas, c.hostages) == "rejects"
    state.set_as_of(d("2025-08-09"))
    assert stance_shown(view, c.israel, c.hostages) == "demands"
    # an edit drops them; the grid shows the change at once, by the seeks
    c.store.delete_position(first.id)
    state.notify_changed(["positions"])
    assert not held(c.store)
    state.set_as_of(d("2025-08-12"))
    assert stance_shown(view, c.israel, c.hostages) == "demands"
    qtbot.waitUntil(lambda: held(c.store))  # and reads them again
    c.add(c.israel, c.hostages, "2025-08-11", Stance.ACCEPTS)
    state.notify_changed(["positions"])
    state.set_as_of(d("2025-08-13"))
    assert stance_shown(view, c.israel, c.hostages) == "accepts"
    qtbot.waitUntil(lambda: held(c.store))
    state.set_as_of(d("2025-08-14"))
    assert stance_shown(view, c.israel, c.hostages) == "accepts"


def test_a_small_case_reads_no_cells(qtbot, grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-10", Stance.OFFERS)
    state = CaseState(d("2025-08-20"))
    view = PositionGridView(c.store, state)
    qtbot.addWidget(view)
    state.set_as_of(d("2025-08-12"))
    assert not view._cell_order._reading and not held(c.store)


def test_a_read_that_fails_is_tried_again_at_the_next_move(qtbot, grid_case, large,
                                                          monkeypatch):
    import sqlite3

    from negotiations_gui.ui.grid import cell_order

    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-10", Stance.OFFERS)
    real, calls = cell_order.read_cell_order_apart, []

    def locked_once(path):
        calls.append(path)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")  # a passing lock
        return real(path)

    monkeypatch.setattr(cell_order, "read_cell_order_apart", locked_once)
    state = CaseState(d("2025-08-20"))
    view = PositionGridView(c.store, state)
    qtbot.addWidget(view)
    state.set_as_of(d("2025-08-12"))
    qtbot.waitUntil(lambda: calls and view._cell_order._reading is None)
    assert not held(c.store)
    state.set_as_of(d("2025-08-13"))  # the next move reads them again
    qtbot.waitUntil(lambda: held(c.store))
    assert stance_shown(view, c.israel, c.hostages) == "offers"
