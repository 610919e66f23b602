"""Startup: time from process start to the first painted main window on the demo case.

Runs the real start path (`run_gui(FILE)`) in a fresh Python process on Qt's
offscreen platform, ten times, with settings in a throwaway folder. The child
notes the moment the main window first receives a paint event and quits; the
parent measures from just before it started the process, and reads the
child's peak resident memory from the operating system (`wait4`).

    python benchmarks/startup.py [--runs 10]

Prints the median and the spread; speed is not asserted in tests.
"""

from __future__ import annotations

import argparse
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
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and isinstance(obj, QMainWindow):
            print(f"PAINTED {time.time():.6f}", flush=True)
            app.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
from pathlib import Path
from negotiations_gui.app import run_gui
sys.exit(run_gui(Path(sys.argv[1]), False))
"""


def run_once(case: Path, config: Path) -> tuple[float, float]:
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
    return seconds, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from negotiations_gui.demo import demo_copy

    with tempfile.TemporaryDirectory() as folder:
        case = demo_copy(Path(folder))
        config = Path(folder) / "config"
        config.mkdir()
        run_once(case, config)  # warm the file cache once, as a second launch would be
        results = [run_once(case, config) for _ in range(args.runs)]
    times = sorted(r[0] for r in results)
    peaks = [r[1] for r in results]
    print(f"startup to first paint, demo case, offscreen, {args.runs} runs:")
    print(f"  median {statistics.median(times) * 1000:.0f} ms "
          f"(min {times[0] * 1000:.0f}, max {times[-1] * 1000:.0f})")
    print(f"  peak resident memory: median {statistics.median(peaks):.0f} MB "
          f"(max {max(peaks):.0f} MB)")
    print(f"  machine load average: {os.getloadavg()[0]:.1f} (other work running meanwhile)")


if __name__ == "__main__":
    main()
