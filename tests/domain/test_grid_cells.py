"""GridSnapshot.build's cells are complete, equal to ones built through the constructor."""

import dataclasses

import pytest

from negotiations_gui.domain import (
    GridCell,
    GridSnapshot,
    Issue,
    Party,
    PartyRole,
    Position,
    RivalPosition,
    Source,
    Stance,
)

from ..dates import d


def _case():
    party = Party("Israel", role=PartyRole.PRINCIPAL)
    other = Party("Hamas", role=PartyRole.PRINCIPAL)
    issue = Issue("Hostages")
    source = Source("Cable")
    now = Position(party.id, issue.id, d("2025-08-12"), Stance.OFFERS, source_ids=(source.id,))
    before = Position(party.id, issue.id, d("2025-08-01"), Stance.DEMANDS)
    rival = RivalPosition(dataclasses.replace(now, stance=Stance.REJECTS), "A. Levi", "r2")
    return party, other, issue, source, now, before, rival


def test_every_field_is_set_and_equal_to_the_constructor_s():
    party, other, issue, source, now, before, rival = _case()
    snapshot = GridSnapshot.build(
        as_of=d("2025-08-20"), since=d("2025-08-05"), parties=[party, other], issues=[issue],
        current={(party.id, issue.id): now}, previous={(party.id, issue.id): before},
        sources={source.id: source}, disputes={(party.id, issue.id): (rival,)})
    built = snapshot.cell(party.id, issue.id)
    expected = GridCell(party, issue, now, before, True, (source,), (rival,))
    assert built == expected
    assert vars(built) == vars(expected)  # no field missing or extra
    assert [f.name for f in dataclasses.fields(GridCell)] == list(vars(built))
    empty = snapshot.cell(other.id, issue.id)
    assert vars(empty) == vars(GridCell(other, issue, None, None, False, (), ()))


def test_grid_cell_has_no_post_init_the_build_would_skip():
    assert "__post_init__" not in vars(GridCell)


def test_a_built_cell_stays_frozen():
    party, _other, issue, _, now, _, _ = _case()
    snapshot = GridSnapshot.build(as_of=d("2025-08-20"), parties=[party], issues=[issue],
                                  current={(party.id, issue.id): now})
    built = snapshot.cell(party.id, issue.id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.changed = True  # type: ignore[misc]
    assert built.key.pair == (party.id, issue.id) and not built.changed
    assert hash(built.key) == hash(GridCell(party, issue, now).key)
