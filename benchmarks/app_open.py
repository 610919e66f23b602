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
notes the moment the main window first receives a paint event (an event filter
on the window alone), then the moment
the timeline has its items (read on a worker thread past 20,000 events) and is
drawn, and quits; the parent measures both from just before it started the
process and reads the child's peak resident memory from the operating system
(`wait4`), which so counts the timeline's items too.

Also prints the CPU time the child had used by its first paint: on a machine
shared with other work, the wall-clock figure is mostly the wait for a core,
and the CPU figure says what the start itself costs.

Prints the median and p95 of the runs; speed is not asserted in tests.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([sys.argv[0]])

class Watch(QObject):
    # notes the first paint of the main window, then the timeline's items drawn
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"PAINTED {time.time():.6f} {time.process_time():.6f}", flush=True)
            obj.removeEventFilter(self)
            self.window = obj
            self.timer = QTimer()
            self.timer.timeout.connect(self.poll)
            self.timer.start(5)
        return False

    def poll(self):
        pane = getattr(self.window, "timeline_pane", None)
        if pane is not None and not pane.view.reload_pending:
            pane.view.canvas.grab()  # the timeline drawn with its items
            print(f"TIMELINE {time.time():.6f} {pane.view.canvas.data.item_count}", flush=True)
            self.timer.stop()
            app.quit()

watcher = Watch()
# the window's own events only: a filter on the whole application ran Python for
# every event of every widget (7,400 before the first paint, 50 ms of CPU)
from negotiations_gui.ui import main_window
built = main_window.MainWindow.__init__
def watched(self, *args, **kwargs):
    built(self, *args, **kwargs)
    self.installEventFilter(watcher)
main_window.MainWindow.__init__ = watched
from pathlib import Path
from negotiations_gui.app import run_gui
sys.exit(run_gui(Path(sys.argv[1]), False))
"""

def run_once(case: Path, config: Path) -> tuple[float, float, float, int, float]:
    """(seconds to first paint, seconds to the timeline drawn, peak MB, items drawn,
    CPU seconds the process had used by its first paint)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config),
               XDG_DATA_HOME=str(config))
    started = time.time()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(case)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = child.stdout.read()
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    marks = {line.split()[0]: line.split()[1:] for line in out.splitlines()
             if line.startswith(("PAINTED ", "TIMELINE "))}
    if child.returncode != 0 or len(marks) != 2:
        raise SystemExit(f"open run failed (status {child.returncode}):\n{err}")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return (float(marks["PAINTED"][0]) - started, float(marks["TIMELINE"][0]) - started,
            peak_mb, int(marks["TIMELINE"][1]), float(marks["PAINTED"][1]))


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

    import negotiations_gui
    from negotiations_gui.store import CaseStore

    # byte-compiled first, as pip leaves an installed package: a checkout run with
    # PYTHONDONTWRITEBYTECODE set (as on the shared machine) compiles every module
    # on every start, which doubled the figures
    compileall.compile_dir(Path(negotiations_gui.__file__).parent, quiet=1)
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
        drawn = [r[1] for r in results]
        peaks = [r[2] for r in results]
        cpu = [r[4] for r in results]
        print(f"open {size:,} events through run_gui, {args.runs} fresh processes "
              f"({case.stat().st_size / 2**20:.0f} MiB file, {results[0][3]:,} items):")
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
