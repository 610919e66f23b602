"""Fixtures for the grid tests: a small case with principals, a mediator, a guarantor."""

import pytest

from negotiations_gui.domain import Source

from .helpers import GridCase, d, make_grid_case


@pytest.fixture
def grid_case(store) -> GridCase:
    return make_grid_case(store)


@pytest.fixture
def source_b2(store) -> Source:
    return store.add_source(Source("Cable 12", "Embassy", d("2025-08-12"), reliability="B",
                                   credibility=2))


@pytest.fixture
def source_c3(store) -> Source:
    return store.add_source(Source("Press report", "Al-Ahram", d("2025-08-13"),
                                   reliability="C", credibility=3))
