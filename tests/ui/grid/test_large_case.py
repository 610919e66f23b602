"""A 1,000,000-position case recomputes correctly through the model (speed: benchmarks/)."""

import importlib.util
from pathlib import Path

import pytest

from negotiations_gui.ui.grid.model import GridRole, PositionGridModel

from .helpers import d

BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "grid_as_of.py"


def load_benchmark():
    spec = importlib.util.spec_from_file_location("grid_as_of_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large_case(tmp_path_factory):
    bench = load_benchmark()
    store, party_ids, issue_ids = bench.build_large_case(
        tmp_path_factory.mktemp("large") / "large.nego", per_cell=2500)
    yield bench, store, party_ids, issue_ids
    store.close()


DATES = [
    ("2004-12-31", None),  # before every position: all cells empty
    ("2011-03-17", "2011-02-28"),  # month-precision positions interleave with days here
    ("2005-01", "2004"),  # as of a month: to its last day
    ("2030-01-01", "2025-06-30"),  # after the last position
]


@pytest.mark.parametrize("as_of, since", DATES)
def test_million_positions_recompute_correctly(large_case, as_of, since):
    store = large_case[1]
    assert store.counts()["positions"] == 1_000_000
    assert_grid_as_expected(large_case, as_of, since)


def test_million_positions_through_each_cell_in_memory(large_case):
    # as the window answers once it has read the cells (store/as_of_cells.py)
    store = large_case[1]
    cells = store.queries.read_cell_order()
    try:
        assert cells is not None and len(cells) == 1_000_000
        for as_of, since in DATES:
            store.queries.forget()
            assert store.queries.take_cell_order(store.queries.cell_order_state(), cells)
            assert_grid_as_expected(large_case, as_of, since)
            # as the window's grid asks: what it shows of each position from memory
            assert_grid_as_expected(large_case, as_of, since, shown_only=True)
            assert store.queries.cell_order_state() is None  # answered by them
    finally:
        store.queries.forget()


def assert_grid_as_expected(large_case, as_of, since, shown_only=False):
    bench, store, party_ids, issue_ids = large_case
    model = PositionGridModel()
    # then move, as a cursor does
    model.set_snapshot(store.grid_snapshot(d("2020-01-01"), shown_only=shown_only))
    model.set_snapshot(store.grid_snapshot(d(as_of), d(since) if since else None,
                                           shown_only=shown_only))
    upper = d(as_of).upper_key
    for p, party_id in enumerate(party_ids):
        for i, issue_id in enumerate(issue_ids):
            cell = p * len(issue_ids) + i
            index = model.index_of(party_id, issue_id)
            now = bench.expected_position(cell, upper, 2500)
            then = bench.expected_position(cell, d(since).upper_key, 2500) if since else now
            want = bench.position_id(cell, now[0]) if now else None
            assert index.data(GridRole.POSITION_ID) == want, (party_id, issue_id)
            assert index.data(GridRole.STANCE) == (now[1] if now else None)
            assert index.data(GridRole.CHANGED) is (now != then)
