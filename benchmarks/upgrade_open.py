"""Opening a large case from an older version the way a user does: `run_gui(FILE)` in a
fresh process, through its upgrade, to the case usable.

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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# --tree DIR: the child runs DIR's code instead of the installed one (a before figure)
TREE = r"""
import os, sys
if os.environ.get("UPGRADE_BENCH_TREE"):
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
    sys.path.insert(0, os.environ["UPGRADE_BENCH_TREE"])
"""

CHILD = TREE + r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([sys.argv[0]])

class Watch(QObject):
    window = None
    last = None
    stall = 0.0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"PAINTED {time.time():.6f}", flush=True)
            obj.removeEventFilter(self)
            self.window = obj
            self.last = time.monotonic()
            self.timer = QTimer()
            self.timer.timeout.connect(self.poll)
            self.timer.start(20)
        return False

    def poll(self):
        now = time.monotonic()
        self.stall = max(self.stall, now - self.last)
        self.last = now
        pane = getattr(self.window, "timeline_pane", None)
        if self.window.store is not None and pane is not None and not pane.view.reload_pending:
            pane.view.canvas.grab()
            print(f"USABLE {time.time():.6f} {self.stall:.3f}", flush=True)
            self.timer.stop()
            app.quit()

watcher = Watch()
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
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config),
               XDG_DATA_HOME=str(config), UPGRADE_BENCH_TREE=str(tree or ""))
    started = time.time()
    child = subprocess.run([sys.executable, "-c", CHILD, str(case)], env=env,
                           capture_output=True, text=True, check=False)
    marks = {line.split()[0]: line.split()[1:] for line in child.stdout.splitlines()
             if line.startswith(("PAINTED ", "USABLE "))}
    if child.returncode != 0 or len(marks) != 2:
        raise SystemExit(f"open run failed (status {child.returncode}):\n{child.stderr}")
    return (float(marks["PAINTED"][0]) - started, float(marks["USABLE"][0]) - started,
            float(marks["USABLE"][1]))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


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
              f"open an older (m011) case of {size:,} events through run_gui, {args.runs} "
              f"fresh processes ({original.stat().st_size / 2**20:.0f} MiB file):")
        for name, values in (("to the first painted window", painted),
                             ("to the case open and drawn", usable),
                             ("longest GUI-thread stall after the first paint", stall)):
            print(f"  {name}: median {statistics.median(values):.2f} s, "
                  f"p95 {p95(values):.2f} s (max {max(values):.2f})")
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
              flush=True)


if __name__ == "__main__":
    main()
