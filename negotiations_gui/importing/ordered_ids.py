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


# the last three hex digits of an id, by value
_LAST_DIGITS = tuple(f"{n:03x}" for n in range(4096))


class OrderedIds:
    """Draws the ids of one import, in order, from `seed` (a new one if not given)."""

    def __init__(self, seed: Seed | None = None):
        self.seed: Seed = seed or new_seed()
        self._head = self.seed[0] << 80 | 0x7 << 76 | 0b10 << 62
        # the counter of the last id drawn, as its bits above the low 12 and those 12
        # (or more, after `skip`: carried over at the next id)
        self._block, self._low = self.seed[1] >> 12, self.seed[1] & 0xFFF
        self._spelled = self._spell()
        self._listed: list[str] = []  # every id of `_block`, once `take` needs them

    def _spell(self) -> str:
        """All but the last three characters of the ids of `_block`."""
        counter = self._block << 12
        text = f"{self._head >> 64 | (counter >> 62 & 0xFFF):016x}"
        low = f"{0b10 << 14 | (counter >> 48 & 0x3FFF):04x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:]}-{low}-{self._block & 0xFFFFFFFFF:09x}"

    def __next__(self) -> str:
        # hot (an id per record, a million and more per import), and spelling numbers is
        # slow: 4096 ids in a row share all but their last three characters, spelled once
        # for them, and those three are looked up; the counter's big number is left alone
        low = self._low + 1
        if low > 0xFFF:
            self._block += low >> 12
            low &= 0xFFF
            self._spelled = self._spell()
            self._listed = []
        self._low = low
        return self._spelled + _LAST_DIGITS[low]

    def __iter__(self) -> OrderedIds:
        return self

    def take(self, count: int) -> list[str]:
        """The next `count` ids, as drawn one by one (a row's records: one call, not one
        per record; the ids of a block are spelled together when rows take them)."""
        low = self._low
        if low + count > 0xFFF:
            return [next(self) for _ in range(count)]  # (into the next block)
        if not self._listed:
            self._listed = [self._spelled + last for last in _LAST_DIGITS]
        self._low = low + count
        return self._listed[low + 1:low + count + 1]

    def skip(self, count: int) -> None:
        """Pass over `count` ids (the check counts records it does not build)."""
        self._low += count
