"""How fast the position grid recomputes as of a new date, on a very large case.

20 parties × 20 issues × 1,000,000 positions (2,500 per cell, dated every
three days over about twenty years, one in ten with a source; one cell in
each party's row also has month-precision positions). Moving the as-of
cursor costs one `CaseStore.grid_snapshot(as_of, since, shown_only=True)` (as
the window's grid asks) plus handing the snapshot to the Qt model; target
under 3 ms median, 5 ms p95 (issue 13).

By default each cell's positions are first read into memory, as the window
does on a large case once the date moves (store/as_of_cells.py, with what the
grid shows of each: store/held_positions.py; the time and the memory it takes
are printed); `--seeks` measures without them (one index
seek per cell, as before they are read and after any change to the file).

    .venv/bin/python benchmarks/grid_as_of.py [--positions N] [--keep FILE] [--seeks]

`--keep FILE` reuses a case built before (opening it as the app does, which
may write to it: use a copy of a cached case).

Prints figures; asserts nothing about time (the machine may be loaded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

START = dt.date(2005, 1, 1)
STEP_DAYS = 3


def position_date(cell: int, n: int) -> str:
    """The date of the n-th position of a cell: day precision, every three days.

    In cells whose number is a multiple of 20, every tenth position is dated to
    the month only, so month- and day-precision dates interleave.
    """
    day = START + dt.timedelta(days=n * STEP_DAYS + cell % STEP_DAYS)
    if cell % 20 == 0 and n % 10 == 0:
        return day.strftime("%Y-%m")
    return day.isoformat()


def position_stance(cell: int, n: int) -> str:
    stances = ("demands", "offers", "accepts", "conditional", "rejects", "red line", "unclear")
    return stances[(cell + n) % len(stances)]


def position_id(cell: int, n: int) -> str:
    return str(uuid.UUID(int=(cell << 32) | n | (1 << 100)))


_STANCES_JSON = ('["demands", "offers", "accepts", "conditional", "rejects", "red line", '
                 '"unclear"]')

# The rows position_date, position_stance and position_id describe, made by SQLite
# itself (one INSERT … SELECT: ~10 times faster than a million rows from Python).
# ?1 per cell, ?2 issues; cells(cell, party_id, issue_id) holds the case order.
_POSITIONS_SQL = f"""
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ?1 - 1),
  made(cell, party_id, issue_id, n, day) AS (
    SELECT c.cell, c.party_id, c.issue_id, k.n,
           date(julianday('{START.isoformat()}') + k.n * {STEP_DAYS} + c.cell % {STEP_DAYS})
    FROM cells c CROSS JOIN k)
INSERT INTO positions (id, party_id, issue_id, date, stance, summary, created_at,
                       updated_at, source_ids)
SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-'
         || substr(h, 17, 4) || '-' || substr(h, 21),
       party_id, issue_id,
       CASE WHEN cell % 20 = 0 AND n % 10 = 0 THEN substr(day, 1, 7) ELSE day END,
       json_extract('{_STANCES_JSON}', '$[' || ((cell + n) % 7) || ']'),
       'Position ' || n || ' of cell ' || cell,
       printf('2026-01-01T00:00:00.%06d+00:00', n % 1000000),
       printf('2026-01-01T00:00:00.%06d+00:00', n % 1000000),
       CASE WHEN n % 10 = 0 THEN ?3 ELSE '[]' END
FROM (SELECT *, printf('%016x%016x', 1 << 36, (cell << 32) | n) AS h FROM made)
ORDER BY cell, n
"""


def build_large_case(path: Path, parties: int = 20, issues: int = 20,
                     per_cell: int = 2500):
    """Create a case file at `path` with `parties × issues × per_cell` positions.

    Bulk-loaded in one transaction on the store's connection, by one INSERT …
    SELECT (going through `add_position` a million times would take many
    minutes); one position in ten cites the source. Returns the open
    `CaseStore` and the (party ids, issue ids) in case order.
    """
    from negotiations_gui.domain import CaseInfo, Issue, Party, PartyRole, Source
    from negotiations_gui.store import CaseStore
    from negotiations_gui.store.bulk_indexes import create_indexes, drop_indexes
    from negotiations_gui.store.records import source_ids_json

    store = CaseStore.create(path, CaseInfo("Benchmark: large case"), default_issues=False)
    roles = [PartyRole.PRINCIPAL] * 2 + [PartyRole.MEDIATOR] * 10 + [PartyRole.GUARANTOR] * 8
    party_ids = [store.add_party(Party(f"Party {n:02d}", f"P{n:02d}", roles[n % len(roles)],
                                       sort_order=n)).id for n in range(parties)]
    issue_ids = [store.add_issue(Issue(f"Issue {n:02d}", sort_order=n)).id
                 for n in range(issues)]
    source_id = store.add_source(Source("Benchmark cable", reliability="B", credibility=2)).id
    cited = source_ids_json([source_id])  # the row's copy of its links (schema m004)
    conn = store.db.conn
    with store.db.atomic():
        # the indexes built once over the rows, not kept up row by row (store/bulk_indexes.py)
        indexes = drop_indexes(store.db, ["positions"])["positions"]
        conn.execute("CREATE TEMP TABLE cells (cell INTEGER PRIMARY KEY, party_id, issue_id)")
        conn.executemany("INSERT INTO temp.cells VALUES (?, ?, ?)",
                         [(p * issues + i, party_id, issue_id)
                          for p, party_id in enumerate(party_ids)
                          for i, issue_id in enumerate(issue_ids)])
        conn.execute(_POSITIONS_SQL, [per_cell, issues, cited])
        conn.execute("INSERT INTO position_source_links (position_n, source_n) "
                     "SELECT p.n, s.n FROM positions p, sources s "
                     "WHERE p.source_ids <> '[]' AND s.id = ?", [source_id])
        conn.execute("DROP TABLE temp.cells")
        create_indexes(store.db, indexes)
    store.db.execute("ANALYZE")
    return store, party_ids, issue_ids


def expected_position(cell: int, as_of_upper: str, per_cell: int) -> tuple[int, str] | None:
    """(n, stance) of the position a cell shows as of a day (ISO text), by brute force.

    The latest date on or before the day wins, ISO text order (a month sorts
    before its days), ties to the position recorded last (larger n).
    """
    dated = [(position_date(cell, n), n) for n in range(per_cell)]
    found = max((x for x in dated if x[0] <= as_of_upper), default=None)
    return None if found is None else (found[1], position_stance(cell, found[1]))


def _time(fn, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each of `repeat` calls."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    return times, cpu


def _report(label: str, measured: tuple[list[float], list[float]]) -> None:
    # CPU time too: on a shared machine the wall time includes the wait for a core
    times, cpu = sorted(measured[0]), sorted(measured[1])
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"  {label:<46} median {statistics.median(times):6.2f} ms   "
          f"p95 {p95:6.2f} ms   min {times[0]:6.2f} ms   "
          f"(CPU median {statistics.median(cpu):6.2f}, p95 {cpu[int(len(cpu) * 0.95) - 1]:6.2f})")


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _read_cells(store) -> None:
    """Read each cell's positions into memory, as the window does, and say what it cost."""
    before = _resident_bytes()
    start, start_cpu = time.perf_counter(), time.process_time()
    cells = store.queries.read_cell_order()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if cells is None:
        print("\nThe cells could not be read into memory (a date of another shape): seeks")
        return
    print(f"\nEach cell's positions read into memory: {len(cells):,} positions in "
          f"{wall:.2f} s (CPU {cpu:.2f} s); arrays {cells.nbytes / 2**20:.1f} MiB, "
          f"resident memory {before / 2**20:.0f} -> {(after := _resident_bytes()) / 2**20:.0f} "
          f"MiB (+{(after - before) / 2**20:.1f} MiB)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--positions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seeks", action="store_true",
                        help="answer by the index seeks, without the cells in memory")
    parser.add_argument("--with-mmap", action="store_true",
                        help="also time with the file memory-mapped, for comparison")
    parser.add_argument("--keep", type=Path,
                        help="keep the generated case file here (reused when it exists)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from negotiations_gui.domain import PartialDate
    from negotiations_gui.ui.grid.model import PositionGridModel

    per_cell = max(args.positions // 400, 1)
    folder = Path(tempfile.mkdtemp(prefix="grid-bench-"))
    path = args.keep or folder / "large.nego"
    started = time.perf_counter()
    if path.exists():  # a case kept by an earlier run
        from negotiations_gui.store import CaseStore
        store = CaseStore.open(path)
        print(f"Opened {store.counts()['positions']:,} positions from {path}")
    else:
        store, _, _ = build_large_case(path, per_cell=per_cell)
        print(f"Built {per_cell * 400:,} positions (20 parties × 20 issues) in "
              f"{time.perf_counter() - started:.1f} s; file {path.stat().st_size / 1e6:.0f} MB")
    print(f"SQLite {__import__('sqlite3').sqlite_version}, Python {sys.version.split()[0]}")

    last = START + dt.timedelta(days=per_cell * STEP_DAYS)
    rng = random.Random(5)
    span = (last - START).days

    _app = QApplication.instance() or QApplication([])  # held while the model lives
    model = PositionGridModel()
    model.set_snapshot(store.grid_snapshot(PartialDate.from_date(START)))

    def shown(day: PartialDate, since: PartialDate | None = None):
        return store.grid_snapshot(day, since, shown_only=True)  # as the window's grid asks

    def random_day() -> PartialDate:
        return PartialDate.from_date(START + dt.timedelta(days=rng.randrange(span)))

    def measure(setting: str) -> None:
        print(f"\n{setting}")
        print(f"  As of a random new date (cold: most positions not read before), "
              f"{args.repeat} times:")
        _report("positions_as_of(date)", _time(lambda: store.positions_as_of(random_day()),
                                                args.repeat))
        _report("grid_snapshot(date) + model.set_snapshot", _time(
            lambda: model.set_snapshot(shown(random_day())), args.repeat))
        _report("grid_snapshot(date, since=date - 30 days) + model", _time(
            lambda: model.set_snapshot(shown(
                d := random_day(), PartialDate.from_date(d.start() - dt.timedelta(days=30)))),
            args.repeat))
        first = random_day().start()
        days = iter(PartialDate.from_date(first + dt.timedelta(days=n)) for n in range(10_000))
        since = PartialDate.from_date(first - dt.timedelta(days=30))
        print(f"  Dragging the cursor one day at a time, {args.repeat} steps:")
        _report("grid_snapshot(next day) + model.set_snapshot", _time(
            lambda: model.set_snapshot(shown(next(days))), args.repeat))
        _report("same, marked against a compare-with date", _time(
            lambda: model.set_snapshot(shown(next(days), since)), args.repeat))
        back = iter(PartialDate.from_date(first - dt.timedelta(days=n)) for n in range(10_000))
        print(f"  Dragging it back one day at a time, {args.repeat} steps:")
        _report("grid_snapshot(day before) + model.set_snapshot", _time(
            lambda: model.set_snapshot(shown(next(back))), args.repeat))

    if not args.seeks:
        _read_cells(store)
    measure("Connection as the app opens it (SQLite page cache "
            f"{store.db.execute('PRAGMA cache_size').fetchone()[0]} KiB-units, no mmap):")
    if args.with_mmap:
        store.db.execute("PRAGMA mmap_size = 1073741824")
        store.queries.forget()  # start cold again: forget the positions read
        if not args.seeks:
            store.queries.read_cell_order()
        measure("For comparison, with PRAGMA mmap_size = 1 GiB (not used by the app: an I/O "
                "error through a mapping kills the process):")
    store.close()
    if args.keep is None:
        path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
