"""Deterministic timeline benchmark cases: N events over 10 parties and 3 years.

Shared by `benchmarks/timeline.py` and `benchmarks/timeline_scene_probe.py`.
Cases are written through `CaseStore.restore` (one transaction a batch, see
`_batch_sizes`) and cached by size, so a second run reuses them.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from negotiations_gui.domain import (
    EVENT_KINDS,
    CaseData,
    CaseInfo,
    Event,
    PartialDate,
    Party,
    PartyRole,
    Proposal,
    ProposalStatus,
)
from negotiations_gui.store import CaseStore

FIRST_DAY = dt.date(2023, 1, 1)
SPAN_DAYS = 3 * 365
_ROLES = [PartyRole.PRINCIPAL] * 4 + [PartyRole.MEDIATOR] * 3 + [PartyRole.GUARANTOR] * 2 \
    + [PartyRole.OBSERVER]
_COLOURS = ["#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e", "#117a65", "#884ea0",
            "#5d6d7e", "#a04000", "#1f618d"]
BATCH = 20_000


def _parties() -> list[Party]:
    return [Party(f"Party {n + 1}", f"P{n + 1}", role, _COLOURS[n], n,
                  # "a000": apart from the events' ids (ids are unique across tables)
                  id=f"00000000-0000-4000-a000-{n:012d}")
            for n, role in enumerate(_ROLES)]


def _date(rng: random.Random, day: dt.date) -> PartialDate:
    roll = rng.random()
    if roll < 0.08:
        return PartialDate(day.year, day.month)
    if roll < 0.10:
        return PartialDate(day.year)
    return PartialDate.from_date(day)


def _event(rng: random.Random, n: int, party_ids: list[str]) -> Event:
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    date = _date(rng, day)
    end = None
    if rng.random() < 0.05 and date.day is not None:
        end = PartialDate.from_date(day + dt.timedelta(days=rng.randrange(1, 60)))
    roll = rng.random()
    count = 0 if roll < 0.05 else 1 if roll < 0.65 else 2 if roll < 0.95 else 3
    kind = EVENT_KINDS[rng.randrange(len(EVENT_KINDS))]
    return Event(date=date, end=end, kind=kind, title=f"{kind.capitalize()} {n}",
                 party_ids=tuple(rng.sample(party_ids, count)),
                 id=f"{n:08x}-0000-4000-8000-000000000000")


def _batch_sizes(events: int) -> list[int]:
    """Batches of at most BATCH events, then each as large as all before it: every
    restore of the bulk of the case builds the events' indexes afresh after its rows,
    as a JSON import of the whole case would (record_writes._indexed_after), in steps
    that keep the events in memory at half the case."""
    sizes, left = [], events
    while left > BATCH:
        sizes.append((left + 1) // 2)
        left -= sizes[-1]
    return [left, *reversed(sizes)] if left else list(reversed(sizes))


def build_case(path: Path, events: int, seed: int = 20250808) -> Path:
    """Write a case with `events` events (and events // 100 proposals) to `path`."""
    rng = random.Random(seed)
    store = CaseStore.create(path, CaseInfo(f"Benchmark: {events:,} events"))
    try:
        parties = _parties()
        ids = [p.id for p in parties]
        store.restore(CaseData(parties=tuple(parties)))
        first = 0
        for size in _batch_sizes(events):
            batch = tuple(_event(rng, n, ids) for n in range(first, first + size))
            store.restore(CaseData(events=batch))
            first += size
        proposals = []
        for n in range(max(1, events // 100)):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
            proposals.append(Proposal(
                PartialDate.from_date(day), f"Proposal {n}",
                ProposalStatus.PRESENTED, proposer_ids=(ids[4 + n % 3],),
                addressee_ids=tuple(ids[:2]), id=f"{n:08x}-0000-4000-9000-000000000000"))
        store.restore(CaseData(proposals=tuple(proposals)))
    finally:
        store.close()
    return path


def _party_ids_apart(path: Path) -> None:
    """Cases cached before party ids were made unique across tables: give the
    parties the ids `_parties` gives now (the revision log, schema m006, keys
    revisions by id alone)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        if conn.execute("SELECT 1 FROM parties WHERE id LIKE '%-8000-%'").fetchone():
            for table, column in (("parties", "id"), ("event_parties", "party_id"),
                                  ("proposal_parties", "party_id")):
                conn.execute(f"UPDATE {table} SET {column} = "
                             f"replace({column}, '-4000-8000-', '-4000-a000-') "
                             f"WHERE {column} LIKE '00000000-0000-4000-8000-%'")
            conn.commit()
    finally:
        conn.close()


def cached_case(directory: Path, events: int) -> Path:
    """The benchmark case of `events` events in `directory`, built on first use."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"timeline-{events}.nego"
    if path.exists():
        _party_ids_apart(path)
    if not path.exists():
        partial = directory / f"timeline-{events}.partial.nego"
        partial.unlink(missing_ok=True)
        build_case(partial, events)
        partial.rename(path)
    return path
