"""Opening a large case from an older version the way a user does: `negotiations-gui
FILE` in a fresh process (`start_child.py`), through its upgrade, to the case usable.

    python benchmarks/upgrade_open.py [--sizes 100000,1000000] [--runs 3] [--folder DIR]
                                      [--tree CHECKOUT]

The old case is built once in DIR (default /tmp/negotiations-upgrade-bench, never the
shared benchmark cache: a build that migrates would change those files): the format
before integer keys (m011: the upgrade rebuilds the events and their link tables),
N events over 10 parties, each linked to one party and tagged. Each run opens a new
copy of it (the upgrade writes the file), in a new Python process on Qt's offscreen
platform with settings in a throwaway folder, and notes: the first paint of the main
window, the moment the case is open in it (a store, and the timeline drawn with its
items), and the longest the GUI thread went without serving a 20 ms timer from the
first paint to then (a window that stays responsive serves it every 20 ms or so).
Times are measured from just before the process started. Prints median and p95.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from start_runs import p95, run_child

_STAMP = "2025-01-01T00:00:00.000000+00:00"


def build_old_case(path: Path, events: int) -> None:
    from negotiations_gui.store.connection import create_database

    create_database(path, stop_before="m012_integer_keys")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO case_info VALUES (1, 'Old case', '', '', ?, ?)", [_STAMP, _STAMP])
    for n in range(10):
        conn.execute("INSERT INTO parties VALUES (?, ?, '', 'principal', '#000000', ?, ?, ?)",
                     [f"p{n}", f"Party {n}", n, _STAMP, _STAMP])
    conn.execute(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
        "INSERT INTO events (id, date, kind, title, description, created_at, updated_at) "
        "SELECT printf('%08x-0000-4000-8000-%012x', i, i), "
        "printf('%04d-%02d-%02d', 2023 + i % 3, 1 + i % 12, 1 + i % 28), 'meeting', "
        "printf('Talks round %d', i), 'A meeting of the parties', ?, ? FROM k",
        [events, _STAMP, _STAMP])
    conn.execute("INSERT INTO event_parties SELECT id, 'p' || (rowid % 10) FROM events")
    conn.execute("INSERT INTO event_tags SELECT id, 'round' FROM events")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")  # as a file a window has opened is
    conn.close()


def run_once(case: Path, config: Path, tree: Path | None) -> tuple[float, float, float]:
    """(seconds to the first paint, to the case usable, longest GUI-thread stall)."""
    run = run_child("usable", case, config, tree)
    return run.painted, run.seconds("USABLE"), float(run.marks["USABLE"][1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, help="run this checkout's code (e.g. an "
                        "export of main, for the figure before a change)")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/negotiations-upgrade-bench"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        original = args.folder / f"old-m011-{size}.nego"
        if not original.exists():
            build_old_case(original, size)
        results = []
        with tempfile.TemporaryDirectory(prefix="upgrade-open-", dir=args.folder) as folder:
            for run in range(args.runs):
                case = Path(folder) / f"run{run}.nego"
                shutil.copyfile(original, case)
                results.append(run_once(case, Path(tempfile.mkdtemp(dir=folder)), args.tree))
                for old in Path(folder).glob("run*"):
                    old.unlink()  # the copy and its backup: a 1M case is 2 x 400 MB
        painted, usable, stall = ([r[i] for r in results] for i in range(3))
        print(f"{args.tree or 'this tree'}: "
              f"open an older (m011) case of {size:,} events as `negotiations-gui FILE`, "
              f"{args.runs} fresh processes ({original.stat().st_size / 2**20:.0f} MiB file):")
        for name, values in (("to the first painted window", painted),
                             ("to the case open and drawn", usable),
                             ("longest GUI-thread stall after the first paint", stall)):
            print(f"  {name}: median {statistics.median(values):.2f} s, "
                  f"p95 {p95(values):.2f} s (max {max(values):.2f})")
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
              flush=True)


if __name__ == "__main__":
    main()
