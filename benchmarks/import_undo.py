"""Undo of a large CSV import: the time and the memory `delete_import` takes.

    python benchmarks/import_undo.py [--rows 100000] [--runs 3]

Each run is a fresh process: a new case, the import benchmark's file
(`import_csv.write_file`) imported as the window's worker does
(`insert_planned`), then the undo the window's Edit > Undo runs
(`store.csv_import.delete_import`, one transaction), timed alone (wall and CPU),
with the process's peak resident memory before it and after it (`ru_maxrss`)
and the peak of Python's own allocations during it (tracemalloc). Prints the
median and p95 of the runs. Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

CHILD = r"""
import resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from import_csv import MAPPING, new_case
from negotiations_gui.importing import plan_import, read_csv
from negotiations_gui.importing.job import case_context, insert_planned, log_entry
from negotiations_gui.store import CaseStore
from negotiations_gui.store.csv_import import delete_import

csv_path, case = Path(sys.argv[1]), new_case(Path(sys.argv[2]))
with CaseStore.open(case) as store:
    table = read_csv(csv_path)
    plan = plan_import(table, MAPPING, case_context(store), with_records=False)
    log = log_entry(table, MAPPING, plan)
    written = insert_planned(store, plan, log)
    del table
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    delete_import(store, written, log.id)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    _now, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    left = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert left == 0, left
print(f"UNDO {wall:.3f} {cpu:.3f} {rss_before:.0f} {rss_after:.0f} {python_peak / 2**20:.0f} "
      f"{plan.event_count}")
"""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from import_csv import write_file

    with tempfile.TemporaryDirectory(prefix="import-undo-") as folder:
        csv_path = Path(folder) / "rows.csv"
        write_file(csv_path, args.rows)
        results = []
        for run in range(args.runs):
            child = subprocess.run([sys.executable, "-c", CHILD, str(csv_path),
                                    str(Path(folder) / f"case{run}.nego"),
                                    str(Path(__file__).parent)],
                                   capture_output=True, text=True, check=False)
            line = next((x for x in child.stdout.splitlines() if x.startswith("UNDO ")), None)
            if child.returncode != 0 or line is None:
                raise SystemExit(f"undo run failed:\n{child.stderr}")
            results.append([float(x) for x in line.split()[1:]])
    print(f"undo of a {args.rows:,}-row CSV import ({int(results[0][5]):,} events), "
          f"{args.runs} fresh processes:")
    for name, i, unit in (("wall", 0, "s"), ("CPU", 1, "s"),
                          ("peak RSS before the undo", 2, "MB"),
                          ("peak RSS after the undo", 3, "MB"),
                          ("Python allocations' peak during the undo", 4, "MB")):
        values = [r[i] for r in results]
        print(f"  {name}: median {statistics.median(values):.2f} {unit}, "
              f"p95 {p95(values):.2f} {unit}")
    print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
