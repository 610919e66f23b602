"""Each cell's positions in memory (store/as_of_cells.py) answer exactly as the seeks do."""

import dataclasses
import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from negotiations_gui.domain import Party, PartyRole, Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.as_of_cells import (
    _DATE_KEY_SQL,
    date_key,
    read_cell_order,
    read_cell_order_apart,
)
from negotiations_gui.store.queries import CaseQueries

from ..dates import d


def _dates(rng: random.Random, n: int) -> list[str]:
    """Dates of every precision over three years, with many repeats (ties)."""
    out = []
    for _ in range(n):
        year = rng.choice((2024, 2025, 2026))
        shape = rng.random()
        if shape < 0.15:
            out.append(f"{year}")
        elif shape < 0.4:
            out.append(f"{year}-{rng.choice((1, 2, 8, 12)):02d}")
        else:
            month, day = rng.choice((1, 2, 8, 12)), rng.choice((1, 2, 15, 28, 31))
            out.append(f"{year}-{month:02d}-{day:02d}")
    return out


def _as_of_days(rng: random.Random) -> list[str]:
    days = ["2023", "2024", "2025-08", "2025-08-01", "2025-08-31", "2026-12-31", "2027"]
    days += _dates(rng, 40)
    return [day for day in days if _valid(day)]


def _valid(text: str) -> bool:
    try:
        d(text)
    except ValueError:
        return False
    return True


def _case(store: CaseStore, rng: random.Random) -> list[Position]:
    parties = [store.add_party(Party(f"P{n}", role=PartyRole.PRINCIPAL if n < 2
                                     else PartyRole.MEDIATOR)) for n in range(3)]
    issues = store.issues()[:3]
    made = []
    for text in (t for t in _dates(rng, 120) if _valid(t)):
        made.append(store.add_position(Position(
            rng.choice(parties).id, rng.choice(issues).id, d(text), rng.choice(list(Stance)),
            f"on {text}")))
    # ties on date and recording time alike: the id decides, as in the seek's ORDER BY
    for position in rng.sample(made, 20):
        store.db.execute("UPDATE positions SET created_at = '2026-01-01T00:00:00+00:00' "
                         "WHERE id = ?", [position.id])
    store.db.conn.commit()
    return made


def _by_seeks(store: CaseStore, day: str):
    return CaseQueries(store.db).positions_as_of(d(day))


def _assert_same_as_seeks(store: CaseStore, rng: random.Random) -> None:
    assert store.queries.read_cell_order() is not None
    for day in _as_of_days(rng):
        expected = _by_seeks(store, day)
        assert store.queries.cell_order_state() is None  # answered by the cells
        assert store.positions_as_of(d(day)) == expected, day
        since = rng.choice(_as_of_days(rng))
        fresh = CaseQueries(store.db).grid_snapshot(d(day), d(since))
        assert store.grid_snapshot(d(day), d(since)) == fresh, (day, since)


@pytest.mark.parametrize("seed", range(4))
def test_the_cells_answer_as_the_seeks_through_edits_and_deletes(store, seed, monkeypatch):
    from negotiations_gui.store.as_of_cells import CellOrder

    asked = []
    real = CellOrder.latest
    monkeypatch.setattr(CellOrder, "latest", lambda self, key: (asked.append(key),
                                                                real(self, key))[1])
    rng = random.Random(seed)
    made = _case(store, rng)
    _assert_same_as_seeks(store, rng)
    for _ in range(3):
        moved = rng.choice(made)
        made.remove(moved)
        made.append(store.update_position(dataclasses.replace(
            store.position(moved.id), date=d(rng.choice(["2025", "2025-08", "2025-08-15"])),
            stance=Stance.RED_LINE)))
        gone = made.pop(rng.randrange(len(made)))
        removed = store.delete_position(gone.id)
        assert store.queries.cell_order_state() is not None  # dropped with the change
        _assert_same_as_seeks(store, rng)
        store.restore(removed)
        _assert_same_as_seeks(store, rng)
    assert len(asked) > 20  # the jumps went by the cells (the steps by the dates between)


def test_cells_read_before_a_change_are_not_taken(store, case_path):
    rng = random.Random(7)
    made = _case(store, rng)
    state = store.queries.cell_order_state()
    cells = read_cell_order_apart(case_path)
    store.delete_position(made[0].id)
    assert not store.queries.take_cell_order(state, cells)
    for day in _as_of_days(rng):
        assert store.positions_as_of(d(day)) == _by_seeks(store, day)
    state = store.queries.cell_order_state()
    assert store.queries.take_cell_order(state, read_cell_order_apart(case_path))
    assert store.queries.cell_order_state() is None


def test_a_write_by_another_process_is_seen(store, case_path):
    rng = random.Random(8)
    made = _case(store, rng)
    target = made[0]
    store.queries.read_cell_order()
    key = (target.party_id, target.issue_id)
    before = store.positions_as_of(d("2027"))[key]
    script = textwrap.dedent(f"""
        from negotiations_gui.domain import PartialDate, Position, Stance
        from negotiations_gui.store import CaseStore
        store = CaseStore.open({str(case_path)!r})
        store.add_position(Position({key[0]!r}, {key[1]!r}, PartialDate.parse("2026-12-31"),
                                    Stance.ACCEPTS, "from elsewhere"))
        store.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    after = store.positions_as_of(d("2027"))[key]
    assert after.summary == "from elsewhere" and after.id != before.id
    assert store.queries.cell_order_state() is not None  # the cells were dropped
    _assert_same_as_seeks(store, rng)


def test_a_date_the_keys_cannot_order_leaves_the_seeks(store, case_path):
    made = _case(store, random.Random(9))
    raw = sqlite3.connect(case_path)
    raw.execute("PRAGMA ignore_check_constraints = ON")
    raw.execute("UPDATE positions SET date = '2025-8-1' WHERE id = ?", [made[0].id])
    raw.commit()
    raw.close()
    assert store.queries.read_cell_order() is None
    assert store.queries.cell_order_state() is not None


@pytest.mark.parametrize("seed", range(3))
def test_date_keys_sort_as_sqlite_sorts_the_dates(seed):
    rng = random.Random(seed)
    texts = [f"{rng.randrange(10000):04d}" + rng.choice(
        ["", f"-{rng.randrange(20):02d}", f"-{rng.randrange(20):02d}-{rng.randrange(40):02d}"])
        for _ in range(300)]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE positions (date TEXT)")
    conn.executemany("INSERT INTO positions VALUES (?)", [(t,) for t in texts])
    by_sqlite = [r[0] for r in conn.execute("SELECT date FROM positions t ORDER BY date")]
    assert sorted(texts, key=date_key) == by_sqlite
    keyed = conn.execute(f"SELECT t.date, {_DATE_KEY_SQL} FROM positions t").fetchall()
    assert all(key == date_key(text) for text, key in keyed)


def test_texts_of_other_shapes_have_no_key():
    for text in ["2025-8", "2025-08-1", "25", "2025-20", "2025-08-40", "２０２５", "2025/08",
                 None, 2025, b"2025", "2025-08-01T00"]:
        assert date_key(text) is None, text


def test_an_empty_case_has_empty_cells(store):
    cells = read_cell_order(store.db.conn)
    assert cells is not None and len(cells) == 0
    assert store.positions_as_of(d("2025")) == {}
