"""Startup: time from process start to the first painted main window on the demo case.

Runs the real start path (`negotiations-gui FILE`: `start_child.py`) in a fresh
Python process on Qt's offscreen platform, ten times, with settings in a
throwaway folder. The child notes the moment the main window first receives a
paint event and the CPU time it had used by then, and quits; the parent
measures from just before it started the process, and reads the child's peak
resident memory from the operating system (`wait4`). `--tree CHECKOUT` runs
another checkout's code (a figure before a change).

    python benchmarks/startup.py [--runs 10] [--tree CHECKOUT]

Prints the median, p95 and the spread; speed is not asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from start_runs import byte_compile, p95, run_child


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tree", type=Path, help="run this checkout's code instead")
    args = parser.parse_args()
    from negotiations_gui.demo import demo_copy

    byte_compile(args.tree)
    with tempfile.TemporaryDirectory() as folder:
        case = demo_copy(Path(folder))
        config = Path(folder) / "config"
        config.mkdir()
        run_child("paint", case, config, args.tree)  # warm the file cache, as a second launch
        results = [run_child("paint", case, config, args.tree) for _ in range(args.runs)]
    times = sorted(r.painted for r in results)
    peaks = [r.peak_mb for r in results]
    cpu = [r.painted_cpu for r in results]
    print(f"startup to first paint, demo case, offscreen, {args.runs} runs:")
    print(f"  median {statistics.median(times) * 1000:.0f} ms, p95 {p95(times) * 1000:.0f} ms "
          f"(min {times[0] * 1000:.0f}, max {times[-1] * 1000:.0f})")
    print(f"  CPU time used by the first paint (user + system): median "
          f"{statistics.median(cpu) * 1000:.0f} ms, p95 {p95(cpu) * 1000:.0f} ms")
    print(f"  peak resident memory: median {statistics.median(peaks):.0f} MB "
          f"(max {max(peaks):.0f} MB)")
    print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
