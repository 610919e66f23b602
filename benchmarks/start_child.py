"""The child process the start benchmarks time: the console script's own path.

    python benchmarks/start_child.py MODE CASE

Starts the app as `negotiations-gui CASE` does (`negotiations_gui.cli.main`, which
imports the store before the app imports Qt, so the order of imports, and what
they cost, is the user's) and prints, on standard output, the moments it notes:

- every mode: `PAINTED <time> <cpu>` at the main window's first paint event (an
  event filter on the window alone: one on the whole application ran Python for
  every event of every widget, 7,400 before the first paint, 50 ms of CPU);
- `paint`: then quits;
- `timeline`: `TIMELINE <time> <items>` once the timeline has its items (read on a
  worker thread past 20,000 events) and is drawn, then quits;
- `usable`: `USABLE <time> <stall>` once a case is open in the window and its
  timeline drawn, with the longest the GUI thread went without serving a 20 ms
  timer since the first paint, then quits.

With NEGOTIATIONS_BENCH_TREE set to a checkout, that checkout's code runs instead
of the installed one (a figure for the code before a change).
"""
# isort: skip_file

import os
import sys

if os.environ.get("NEGOTIATIONS_BENCH_TREE"):
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
    sys.path.insert(0, os.environ["NEGOTIATIONS_BENCH_TREE"])

# the order is the console script's: the command line, then the app (which imports Qt)
import time

from negotiations_gui import cli
from negotiations_gui import app
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

MODE = sys.argv[1]


class Watch(QObject):
    window = None
    last = 0.0
    stall = 0.0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time():.6f} {time.process_time():.6f}", flush=True)
            obj.removeEventFilter(self)
            if MODE == "paint":
                QTimer.singleShot(0, QApplication.instance().quit)
                return False
            self.window = obj
            self.last = time.monotonic()
            self.timer = QTimer()
            self.timer.timeout.connect(self.poll)
            self.timer.start(5 if MODE == "timeline" else 20)
        return False

    def poll(self):
        now = time.monotonic()
        self.stall = max(self.stall, now - self.last)
        self.last = now
        pane = getattr(self.window, "timeline_pane", None)
        if pane is None or pane.view.reload_pending:
            return
        if MODE == "usable" and self.window.store is None:
            return
        pane.view.canvas.grab()  # the timeline drawn with its items
        if MODE == "timeline":
            print(f"TIMELINE {time.time():.6f} {pane.view.canvas.data.item_count}", flush=True)
        else:
            print(f"USABLE {time.time():.6f} {self.stall:.3f}", flush=True)
        self.timer.stop()
        QApplication.instance().quit()


watcher = Watch()
_install_crash_handler = app.install_crash_handler


def _watched(window):
    # run_gui hands the window it just made here, before opening the case
    window.installEventFilter(watcher)
    return _install_crash_handler(window)


app.install_crash_handler = _watched
sys.exit(cli.main([sys.argv[2]]))
