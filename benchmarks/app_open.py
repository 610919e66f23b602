"""Opening a large case the way a user does: `run_gui(FILE)` in a fresh process, to
the first painted main window.

    python benchmarks/app_open.py [--sizes 100000,1000000] [--runs 5] [--cache DIR]

The cases are the timeline benchmark's (`timeline_cases.py`: N events over 10
parties and 3 years, one proposal per 100 events), built once and cached in
`~/.cache/negotiations-bench` (outside the repository; a 1M case takes about
three minutes to build and 500 MB). Each is opened once first, outside the
timing, so that it is migrated to the current schema and in the file cache, as
on a second launch. Each run is a new Python process on Qt's offscreen platform
with settings in a throwaway folder (a first run's window layout); the child
notes the moment the main window first receives a paint event and quits; the
parent measures from just before it started the process and reads the child's
peak resident memory from the operating system (`wait4`).

Prints the median and p95 of the runs; speed is not asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from startup import run_once  # the same child and timing as the demo startup


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "negotiations-bench")
    args = parser.parse_args()
    from timeline_cases import cached_case

    from negotiations_gui.store import CaseStore

    for size in (int(s) for s in args.sizes.split(",")):
        case = cached_case(args.cache, size)
        CaseStore.open(case).close()  # migrate once, outside the timing
        with tempfile.TemporaryDirectory(prefix="app-open-") as folder:
            results = []
            for _ in range(args.runs + 1):  # the first run warms the file cache
                config = Path(tempfile.mkdtemp(dir=folder))
                results.append(run_once(case, config))
            results = results[1:]
        times = [r[0] for r in results]
        peaks = [r[1] for r in results]
        print(f"open {size:,} events through run_gui to the first painted window, "
              f"{args.runs} fresh processes ({case.stat().st_size / 2**20:.0f} MiB file):")
        print(f"  time: median {statistics.median(times):.2f} s, p95 {p95(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f})")
        print(f"  peak resident memory: median {statistics.median(peaks):.0f} MB, "
              f"p95 {p95(peaks):.0f} MB")
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
              flush=True)


if __name__ == "__main__":
    main()
