"""Rows become complete positions, equal to ones built through the constructor."""

import dataclasses

import pytest

from negotiations_gui.domain import PartialDate, Position, Stance
from negotiations_gui.store import records


def _row(sources="[]", approx=0, proposal=None):
    return ("pos-1", "party-1", "issue-1", "2025-08", approx, "red line", "sum", "detail",
            proposal, "event-1", "2025-08-01T00:00:00.000001+00:00",
            "2025-08-02T00:00:00.000001+00:00", sources)


def test_every_field_is_set_and_equal_to_the_constructor_s():
    built = records.position_from_row(_row('["s2","s1"]', approx=1, proposal="prop-1"))
    expected = Position("party-1", "issue-1", PartialDate.parse("~2025-08"), Stance.RED_LINE,
                        "sum", "detail", ("s1", "s2"), "prop-1", "event-1", "pos-1",
                        "2025-08-01T00:00:00.000001+00:00", "2025-08-02T00:00:00.000001+00:00")
    assert built == expected
    assert hash(built) == hash(expected)
    assert vars(built) == vars(expected)  # no field missing or extra
    assert [f.name for f in dataclasses.fields(Position)] == list(vars(built))


def test_position_has_no_post_init_the_row_path_would_skip():
    assert "__post_init__" not in vars(Position)


def test_a_built_position_stays_frozen():
    built = records.position_from_row(_row())
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.summary = "changed"
    assert built.source_ids == () and built.proposal_id is None
    assert dataclasses.replace(built, summary="x").summary == "x"
