"""`CellKey`: a grid cell named by its party and issue ids, never by the ids joined."""

from negotiations_gui.domain import CellKey, GridSnapshot, Issue, Party, Position, Stance

from ..dates import d

GAZA = Party("Gaza", id="gaza")
NORTH = Party("Gaza North", id="gaza/north")
HOSTAGES = Issue("Hostages", id="hostages")
NORTH_HOSTAGES = Issue("North/Hostages", id="north/hostages")


def test_ids_holding_a_slash_name_different_cells():
    assert CellKey("gaza/north", "hostages") != CellKey("gaza", "north/hostages")
    assert len({CellKey("gaza/north", "hostages"), CellKey("gaza", "north/hostages")}) == 2


def test_a_position_and_a_grid_cell_give_the_key_the_snapshot_answers_to():
    position = Position(NORTH.id, HOSTAGES.id, d("2025-08-01"), Stance.REJECTS, id="p1")
    snapshot = GridSnapshot.build(as_of=d("2025-08-20"), parties=[GAZA, NORTH],
                                  issues=[HOSTAGES, NORTH_HOSTAGES],
                                  current={(position.party_id, position.issue_id): position})
    key = CellKey.of(position)
    cell = snapshot.cell_at(key)
    assert cell is not None and cell.position == position and cell.key == key
    other = snapshot.cell_at(CellKey(GAZA.id, NORTH_HOSTAGES.id))
    assert other is not None and other.position is None
    assert snapshot.cell_at(CellKey("nobody", HOSTAGES.id)) is None
