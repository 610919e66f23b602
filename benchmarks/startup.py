"""Startup: time from process start to the first painted main window on the demo case.

Runs the real start path (`run_gui(FILE)`) in a fresh Python process on Qt's
offscreen platform, ten times, with settings in a throwaway folder. The child
notes the moment the main window first receives a paint event (an event filter
on the window alone) and the CPU time it had used by then, and quits; the
parent measures from just before it started the process, and reads the
child's peak resident memory from the operating system (`wait4`).

    python benchmarks/startup.py [--runs 10]

Prints the median, p95 and the spread; speed is not asserted in tests.
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

CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([sys.argv[0]])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"PAINTED {time.time():.6f} {time.process_time():.6f}", flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

watcher = FirstPaint()
# the window's own events only: a filter on the whole application ran Python for
# every event of every widget before the first paint
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

def run_once(case: Path, config: Path) -> tuple[float, float, float]:
    """(seconds to first paint, peak MB, CPU seconds the process had used by then)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config),
               XDG_DATA_HOME=str(config))
    started = time.time()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(case)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = child.stdout.read()
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    painted = [line for line in out.splitlines() if line.startswith("PAINTED ")]
    if child.returncode != 0 or not painted:
        raise SystemExit(f"startup run failed (status {child.returncode}):\n{err}")
    seconds = float(painted[0].split()[1]) - started
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return seconds, peak_mb, float(painted[0].split()[2])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    import negotiations_gui
    from negotiations_gui.demo import demo_copy

    # byte-compiled first, as pip leaves an installed package: with
    # PYTHONDONTWRITEBYTECODE set (as on the shared machine) every start would
    # compile every module (benchmarks/app_open.py does the same)
    compileall.compile_dir(Path(negotiations_gui.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        case = demo_copy(Path(folder))
        config = Path(folder) / "config"
        config.mkdir()
        run_once(case, config)  # warm the file cache once, as a second launch would be
        results = [run_once(case, config) for _ in range(args.runs)]
    times = sorted(r[0] for r in results)
    peaks = [r[1] for r in results]
    cpu = [r[2] for r in results]
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
