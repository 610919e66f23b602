"""What 'As known on' and the disputed-cell check cost (issue 16).

1. `CaseStore.as_known_on(K)` (the copy of the case as recorded up to K that
   the window shows while "As known on" holds a day) on the demo case, with
   K before the last of a few edits: the time the window waits, busy cursor on.
2. `grid_snapshot` on a new as-of date of the large grid case of
   benchmarks/grid_as_of.py, with the case cold (its as-of cache dropped):
   as a file only one analyst wrote (no dispute check), then as a merged file
   (the check runs: one index seek per cell shown).

    .venv/bin/python benchmarks/known_on_and_disputes.py [--positions N]

Prints the median of 5 and p95 of the runs (in-process, warm Python, the file
in the page cache); asserts nothing about time (the machine may be loaded).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _figures(label: str, times: list[float]) -> None:
    """Median of the first 5 runs, p95 of all of them."""
    ordered = sorted(times)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    print(f"  {label:<56} median of 5 {statistics.median(times[:5]):7.2f} ms   "
          f"p95 of {len(times)} {p95:7.2f} ms")


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def known_on_demo(folder: Path) -> None:
    from negotiations_gui.domain import Event, PartialDate
    from negotiations_gui.store import CaseStore
    from negotiations_gui.store.json_io import import_case_file

    demo = (Path(__file__).resolve().parents[1] / "negotiations_gui" / "resources" / "demo"
            / "gaza_mediation_aug2025.json")
    path = folder / "demo.nego"
    import_case_file(demo, path)
    with CaseStore.open(path) as store:
        moment = store.known_on_stamp()
        for n in range(5):
            store.add_event(Event(PartialDate.parse("2025-08-28"), f"Later {n}"))
        position = store.positions()[0]
        store.update_position(dataclasses.replace(position, summary="Reworded later"))

        def run() -> None:
            store.as_known_on(moment).close()

        run()
        _figures("as_known_on, demo (6 changes after K)", _timed(run, 20))


def disputes_at_scale(folder: Path, positions: int) -> None:
    from grid_as_of import START, STEP_DAYS, build_large_case

    from negotiations_gui.domain import PartialDate

    per_cell = max(positions // 400, 1)
    started = time.perf_counter()
    store, _, _ = build_large_case(folder / "large.nego", per_cell=per_cell)
    print(f"  built {per_cell * 400:,} positions in {time.perf_counter() - started:.0f} s")
    rng = random.Random(7)
    span = per_cell * STEP_DAYS

    def cold_snapshot() -> None:
        store.queries.forget()
        day = START + dt.timedelta(days=rng.randrange(span))
        store.grid_snapshot(PartialDate.from_date(day))

    cold_snapshot()
    _figures(f"grid_snapshot cold, {per_cell * 400:,} positions, one analyst",
             _timed(cold_snapshot, 50))
    with store.db.atomic():  # as if a copy had been merged in: the check now runs
        store.db.execute("INSERT INTO peers (replica_id, known, merged_at) "
                         "VALUES ('bench', '{}', '2026-01-01')")
    cold_snapshot()
    _figures(f"grid_snapshot cold, {per_cell * 400:,} positions, merged file",
             _timed(cold_snapshot, 50))
    store.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--positions", type=int, default=200_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="known-on-bench-"))
    print(f"load average at start: {os.getloadavg()}")
    known_on_demo(folder)
    disputes_at_scale(folder, args.positions)
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
