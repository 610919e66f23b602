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
        self._high = -1  # the counter's bits above the low 48, as `_prefix` spells them
        self._prefix = ""

    def __next__(self) -> str:
        self._counter += 1
        counter = self._counter
        # all but the last 12 characters change once in 2**48 ids: spelled once (hot: an
        # id per record, a million and more per import), the rest in one format
        if counter >> 48 != self._high:
            self._high = counter >> 48
            text = f"{self._head >> 64 | (counter >> 62 & 0xFFF):016x}"
            low = f"{0b10 << 14 | (counter >> 48 & 0x3FFF):04x}"
            self._prefix = f"{text[:8]}-{text[8:12]}-{text[12:]}-{low}-"
        return f"{self._prefix}{counter & 0xFFFFFFFFFFFF:012x}"

    def __iter__(self) -> OrderedIds:
        return self

    def skip(self, count: int) -> None:
        """Pass over `count` ids (the check counts records it does not build)."""
        self._counter += count
