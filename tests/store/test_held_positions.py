"""What the grid shows of each position, held in memory (store/held_positions.py), gives
exactly the grid the rows give: at every date, after every write, here or elsewhere."""

import copy
import dataclasses
import pickle
import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from negotiations_gui.domain import Event, Position, Proposal, Source, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.held_positions import HeldPosition, is_complete
from negotiations_gui.store.queries import CaseQueries

from ..dates import d
from .test_as_of_cells import _as_of_days, _case


def _rich_case(store: CaseStore, rng: random.Random) -> list[Position]:
    """Ties, same-day positions, year and month dates (test_as_of_cells._case), with
    sources, details, answered proposals and events, approximate dates and an id that
    is not a UUID."""
    made = _case(store, rng)
    sources = [store.add_source(Source(f"Cable {n}", reliability="B", credibility=2)).id
               for n in range(3)]
    proposal = store.add_proposal(Proposal(d("2025-01"), "Framework")).id
    event = store.add_event(Event(d("2025-02-03"), "Summit")).id
    for n, position in enumerate(rng.sample(made, 40)):
        made[made.index(position)] = store.update_position(dataclasses.replace(
            position, detail=f"detail {n}", source_ids=tuple(rng.sample(sources, n % 3)),
            proposal_id=proposal if n % 4 == 1 else None,
            event_id=event if n % 4 == 2 else None, summary=f"ü “{n}” " * (n % 3),
            date=d(("~" if n % 5 == 0 else "") + position.date.iso)))
    odd = made[0]
    store.db.execute("UPDATE positions SET id = 'not a uuid ✓' WHERE id = ?", [odd.id])
    store.db.conn.commit()
    made[0] = store.position("not a uuid ✓")
    return made


def _assert_shown_as_rows(store: CaseStore, rng: random.Random) -> None:
    """The held grid equals the grid read from the rows, field by field, and was made
    without reading a row (each position held, its other fields not yet read)."""
    store.queries.forget()  # (nothing read before: every position from memory)
    assert store.queries.read_cell_order().shown is not None
    for day in _as_of_days(rng):
        since = rng.choice(_as_of_days(rng) + [None])
        rows = CaseQueries(store.db).grid_snapshot(d(day), d(since) if since else None)
        held = store.grid_snapshot(d(day), d(since) if since else None, shown_only=True)
        shown = [cell.position for cell in held.cells.values() if cell.position is not None]
        assert all(type(p) is HeldPosition for p in shown)
        for cell in held.cells.values():
            expected = rows.cells[cell.key.pair]
            for got, want in ((cell.position, expected.position),
                              (cell.previous, expected.previous)):
                if want is None:
                    assert got is None
                    continue
                for name in ("id", "party_id", "issue_id", "date", "stance", "summary",
                             "source_ids"):
                    assert getattr(got, name) == getattr(want, name), (day, name)
                assert got.date.approximate == want.date.approximate
        assert held == rows, (day, since)  # every field: the others read when asked for
        assert all(is_complete(p) for p in shown)


@pytest.mark.parametrize("seed", range(3))
def test_held_fields_show_what_the_rows_show_through_edits_and_deletes(store, seed):
    rng = random.Random(seed)
    made = _rich_case(store, rng)
    _assert_shown_as_rows(store, rng)
    for _ in range(3):
        moved = made.pop(rng.randrange(1, len(made)))
        made.append(store.update_position(dataclasses.replace(
            moved, date=d(rng.choice(["2025", "2025-08", "2025-08-15"])),
            stance=Stance.RED_LINE, summary="moved")))
        removed = store.delete_position(made.pop(rng.randrange(1, len(made))).id)
        assert store.queries.cell_order_state() is not None  # dropped with the change
        _assert_shown_as_rows(store, rng)
        store.restore(removed)
        _assert_shown_as_rows(store, rng)


def test_whole_answers_after_held_ones_are_whole(store):
    rng = random.Random(4)
    _rich_case(store, rng)
    store.queries.read_cell_order()
    held = store.grid_snapshot(d("2026"), d("2025"), shown_only=True)
    whole = store.positions_as_of(d("2026"))  # the same answer, remembered
    assert all(is_complete(p) for p in whole.values())
    assert whole == CaseQueries(store.db).positions_as_of(d("2026"))
    assert {k: c.position for k, c in held.cells.items() if c.position} == whole


def _held_snapshot_of(store, rng):
    made = _rich_case(store, rng)
    store.queries.read_cell_order()
    snapshot = store.grid_snapshot(d("2027"), shown_only=True)
    return made, [c.position for c in snapshot.cells.values() if c.position is not None]


def test_a_held_position_read_later_on_an_unchanged_file_is_its_row(store):
    _, shown = _held_snapshot_of(store, random.Random(5))
    for position in shown:
        assert position == store.position(position.id)
        assert hash(position) == hash(store.position(position.id))
        assert position.detail == store.position(position.id).detail


def test_a_held_position_after_an_edit_elsewhere_reads_its_record_as_it_is(store, case_path):
    _, shown = _held_snapshot_of(store, random.Random(6))
    edited, deleted = shown[0], shown[1]
    other = sqlite3.connect(case_path)  # a second connection: data_version moves
    other.execute("UPDATE positions SET detail = 'edited elsewhere' WHERE id = ?", [edited.id])
    other.execute("DELETE FROM positions WHERE id = ?", [deleted.id])
    other.commit()
    other.close()
    assert edited.detail == "edited elsewhere"
    assert (deleted.detail, deleted.proposal_id, deleted.updated_at) == ("", None, None)
    assert deleted.summary is not None  # what was shown stays as it was shown
    # and the next grid shows the file as it is now
    again = store.grid_snapshot(d("2027"), shown_only=True)
    assert again == CaseQueries(store.db).grid_snapshot(d("2027"))
    assert deleted.id not in {c.position.id for c in again.cells.values() if c.position}


def test_a_write_by_another_process_drops_the_held_fields(store, case_path):
    rng = random.Random(8)
    made = _rich_case(store, rng)
    target = made[3]
    store.queries.read_cell_order()
    key = (target.party_id, target.issue_id)
    store.grid_snapshot(d("2027"), shown_only=True)
    script = textwrap.dedent(f"""
        from negotiations_gui.domain import PartialDate, Position, Stance
        from negotiations_gui.store import CaseStore
        store = CaseStore.open({str(case_path)!r})
        store.add_position(Position({key[0]!r}, {key[1]!r}, PartialDate.parse("2026-12-31"),
                                    Stance.ACCEPTS, "from elsewhere", detail="far"))
        store.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    after = store.grid_snapshot(d("2027"), shown_only=True).cells[key].position
    assert (after.summary, after.stance, after.detail) == ("from elsewhere", Stance.ACCEPTS,
                                                           "far")
    _assert_shown_as_rows(store, rng)


def test_a_held_position_copies_pickles_and_replaces_as_a_whole_one(store):
    _, shown = _held_snapshot_of(store, random.Random(9))
    position = next(p for p in shown if not is_complete(p))
    whole = store.position(position.id)
    for copied in (copy.copy(position), copy.deepcopy(position),
                   pickle.loads(pickle.dumps(position))):
        assert type(copied) is Position and copied == whole
    changed = dataclasses.replace(position, summary="changed")
    assert changed == dataclasses.replace(whole, summary="changed")
    assert dataclasses.asdict(position) == dataclasses.asdict(whole)
    with pytest.raises(dataclasses.FrozenInstanceError):
        position.detail = "x"


@pytest.mark.parametrize("change", ["stance = 'wavering'", "summary = X'6869'"])
def test_a_value_it_cannot_hold_leaves_the_rows(store, case_path, change):
    made = _case(store, random.Random(10))
    raw = sqlite3.connect(case_path)
    raw.execute("PRAGMA ignore_check_constraints = ON")
    raw.execute(f"UPDATE positions SET {change} WHERE id = ?", [made[0].id])
    raw.commit()
    raw.close()
    cells = store.queries.read_cell_order()
    assert cells is not None and cells.shown is None
    if "summary" in change:  # the grid as the rows give it
        held = store.grid_snapshot(d("2027"), shown_only=True)
        assert held == CaseQueries(store.db).grid_snapshot(d("2027"))


def test_ids_that_only_joined_look_like_uuids_are_kept_as_they_are(store):
    made = _case(store, random.Random(11))
    whole = "12345678-1234-1234-1234-1234567890ab"
    for ids in ([whole[:-1], "c" + whole], ["", whole.upper()]):  # (next to each other)
        for position, new_id in zip(made, ids):
            store.db.execute("UPDATE positions SET id = ? WHERE id = ?", [new_id, position.id])
        store.db.conn.commit()
        _assert_shown_as_rows(store, random.Random(11))
        made = made[2:]
