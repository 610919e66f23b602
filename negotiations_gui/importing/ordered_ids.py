"""Record ids for an import: UUIDs that increase in file order, and can be drawn again.

Records of one import then append to the end of each id index instead of
landing at random pages, which is most of what makes 100,000 rows fast; they
are still unique UUIDs (version 7: time-ordered, RFC 9562), so files can later
be merged. The ids are a counter under a timestamp, so an import's ids follow
from where they started (`seed`): the check of a file draws them (or only
counts them, `skip`) in row order, and the insert, reading the rows again
from the same seed, gives every record the id the check gave it; a redo after
an undo gives the same ids once more.
"""

from __future__ import annotations

import os
import time

Seed = tuple[int, int]  # (milliseconds, counter before the first id)


def new_seed() -> Seed:
    millis = time.time_ns() // 1_000_000 & (1 << 48) - 1
    # 74 bits below the timestamp: start at a random value with room to count up
    return millis, int.from_bytes(os.urandom(10), "big") >> 8


class OrderedIds:
    """Draws the ids of one import, in order, from `seed` (a new one if not given)."""

    def __init__(self, seed: Seed | None = None):
        self.seed: Seed = seed or new_seed()
        self._head = self.seed[0] << 80 | 0x7 << 76 | 0b10 << 62
        self._counter = self.seed[1]

    def __next__(self) -> str:
        self._counter += 1
        counter = self._counter
        value = self._head | (counter >> 62 & 0xFFF) << 64 | counter & (1 << 62) - 1
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def __iter__(self) -> OrderedIds:
        return self

    def skip(self, count: int) -> None:
        """Pass over `count` ids (the check counts records it does not build)."""
        self._counter += count
