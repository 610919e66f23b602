"""Import ids: UUIDv7 texts that increase in draw order, drawn again alike from a seed."""

import random
import uuid

import pytest

from negotiations_gui.importing.ordered_ids import OrderedIds

# seeds whose counter is about to cross the boundaries where the id's spelling changes
SEEDS = [(1_700_000_000_000, 0), (1_700_000_000_000, 4090), (9, (1 << 48) - 3000),
         (5, (3 << 62) - 2000)]


@pytest.mark.parametrize("seed", SEEDS)
def test_ids_taken_by_rows_are_the_ids_drawn_one_by_one(seed):
    rng = random.Random(seed[1])
    one_by_one, by_rows = OrderedIds(seed), OrderedIds(seed)
    for _ in range(3000):
        count = rng.choice([0, 1, 2, 3, 9, 40])
        wanted = [next(one_by_one) for _ in range(count)]
        way = rng.choice(["skip", "take", "next"])
        if way == "skip":  # the check passes over a row's ids
            by_rows.skip(count)
        elif way == "take":
            assert by_rows.take(count) == wanted
        else:
            assert [next(by_rows) for _ in range(count)] == wanted


@pytest.mark.parametrize("seed", SEEDS)
def test_ids_are_increasing_version_7_uuids(seed):
    ids = OrderedIds(seed)
    drawn = [next(ids) for _ in range(5000)] + ids.take(3000)
    assert drawn == sorted(drawn) and len(set(drawn)) == len(drawn)
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122
               for i in drawn)
    again = OrderedIds(ids.seed)
    assert [next(again) for _ in range(8000)] == drawn
