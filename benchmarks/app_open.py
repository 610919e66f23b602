"""Opening a large case the way a user does: `negotiations-gui FILE` in a fresh
process, to the first painted main window.

    python benchmarks/app_open.py [--sizes 100000,1000000] [--runs 5] [--cache DIR]
                                  [--tree CHECKOUT]

The cases are the timeline benchmark's (`timeline_cases.py`: N events over 10
parties and 3 years, one proposal per 100 events), built once and cached in
`~/.cache/negotiations-bench` (outside the repository; a 1M case takes about
three minutes to build and 500 MB). Each is opened once first, outside the
timing, so that it is migrated to the current schema and in the file cache, as
on a second launch. Each run is a new Python process on Qt's offscreen platform
with settings in a throwaway folder (a first run's window layout) that starts the
app as the console script does (`start_child.py`: the command line's own path,
with its order of imports); the child notes the moment the main window first
receives a paint event, then the moment
the timeline has its items (read on a worker thread past 20,000 events) and is
drawn, and quits; the parent measures both from just before it started the
process and reads the child's peak resident memory from the operating system
(`wait4`), which so counts the timeline's items too.

Also prints the CPU time the child had used by its first paint: on a machine
shared with other work, the wall-clock figure is mostly the wait for a core,
and the CPU figure says what the start itself costs.

`--tree CHECKOUT` runs another checkout's code (a figure before a change).
The case is built (and migrated) by a process of its own: a child started by this
process reports, as its peak resident memory, at least what this process held when
it started it (the child runs in the parent's memory until it starts Python
afresh), so building a 1M case here first had made the runs after it report
1,109 MB for a window that holds 176.
Prints the median and p95 of the runs; speed is not asserted in tests.
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

from start_runs import byte_compile, p95, run_child

_PREPARE = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from timeline_cases import cached_case; "
            "from negotiations_gui.store import CaseStore; "
            "case = cached_case(Path(sys.argv[2]), int(sys.argv[3])); "
            "CaseStore.open(case).close(); print(case)")


def prepared_case(cache: Path, size: int) -> Path:
    """The cached case of `size` events, built if need be and migrated once (outside the
    timing), by a process of its own (see the module docstring)."""
    done = subprocess.run([sys.executable, "-c", _PREPARE, str(Path(__file__).parent),
                           str(cache), str(size)], check=True, capture_output=True, text=True)
    return Path(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "negotiations-bench")
    parser.add_argument("--tree", type=Path, help="run this checkout's code instead")
    args = parser.parse_args()
    byte_compile(args.tree)
    for size in (int(s) for s in args.sizes.split(",")):
        case = prepared_case(args.cache, size)
        with tempfile.TemporaryDirectory(prefix="app-open-") as folder:
            results = []
            for _ in range(args.runs + 1):  # the first run warms the file cache
                config = Path(tempfile.mkdtemp(dir=folder))
                results.append(run_child("timeline", case, config, args.tree))
            results = results[1:]
        times = [r.painted for r in results]
        drawn = [r.seconds("TIMELINE") for r in results]
        peaks = [r.peak_mb for r in results]
        cpu = [r.painted_cpu for r in results]
        items = int(results[0].marks["TIMELINE"][1])
        print(f"open {size:,} events as `negotiations-gui FILE`, {args.runs} fresh processes "
              f"({case.stat().st_size / 2**20:.0f} MiB file, {items:,} items):")
        print(f"  to the first painted window: median {statistics.median(times):.2f} s, "
              f"p95 {p95(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
        print(f"  CPU time used by the first paint (user + system, this process only): median "
              f"{statistics.median(cpu):.2f} s, p95 {p95(cpu):.2f} s")
        print(f"  to the timeline drawn with its items: median {statistics.median(drawn):.2f} s, "
              f"p95 {p95(drawn):.2f} s")
        print(f"  peak resident memory (to the timeline drawn): median "
              f"{statistics.median(peaks):.0f} MB, p95 {p95(peaks):.0f} MB")
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
              flush=True)


if __name__ == "__main__":
    main()
