"""The event list on a large case: first rows shown, sort by each column, filter
keystrokes, scrolling a page, each to the rows painted.

    python benchmarks/list_at_scale.py [--sizes 100000,1000000] [--cache DIR]

Uses the cached cases of `app_open.py` / `timeline_cases.py` (built on first
use, in `~/.cache/negotiations-bench`). The event list dock is shown offscreen at
1200 × 500 and every step ends with its table painted (`grab()`), so the time
counts reading the rows, the records behind them and drawing them. Each figure
is the median and p95 of 5 (sorts: each column both ways, 5 times; keystrokes:
"Meeting 4711" typed key by key and deleted again, 5 times; scrolling: 20 page
downs). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def figures(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(f"  {name}: median {statistics.median(ms):.1f} ms, p95 {p95(ms):.1f} ms, "
          f"worst {max(ms):.1f} ms ({len(ms)} runs)", flush=True)


def timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def measure(size: int, cache: Path) -> None:
    from PySide6.QtCore import QSettings, Qt
    from timeline_cases import cached_case

    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.lists.list_dock import RecordListDock
    from negotiations_gui.ui.settings import Settings

    path = cached_case(cache, size)
    CaseStore.open(path).close()  # migrate once, outside the timing
    store = CaseStore.open(path, read_only=True)
    folder = tempfile.mkdtemp(prefix="list-bench-")
    settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
    print(f"event list, {size:,} events:")
    firsts = []
    for _ in range(5):
        dock = RecordListDock("event", settings)
        dock.resize(1200, 500)
        dock.show()
        firsts.append(timed(lambda d=dock: (d.set_case(store, CaseState()), d.table.grab())))
        dock.close()
        dock.deleteLater()
    figures("first rows shown (set_case to painted)", firsts)
    dock = RecordListDock("event", settings)
    dock.resize(1200, 500)
    dock.show()
    dock.set_case(store, CaseState())
    table = dock.table
    table.grab()
    for column, title in enumerate(c.title for c in dock.model.columns):
        runs = []
        for n in range(5):
            order = Qt.DescendingOrder if n % 2 == 0 else Qt.AscendingOrder
            runs.append(timed(lambda c=column, o=order: (table.sortByColumn(c, o), table.grab())))
        figures(f"sort by {title}", runs)
    table.sortByColumn(0, Qt.AscendingOrder)
    keys = []
    text = "Meeting 4711"
    for _ in range(5):
        for end in [*range(1, len(text) + 1), *range(len(text) - 1, -1, -1)]:
            keys.append(timed(lambda e=end: (dock.filter_edit.setText(text[:e]), table.grab())))
    figures(f"filter keystroke (typing and deleting {text!r})", keys)
    for needle in ("meeting", "Meeting 4711", "zzz"):
        dock.filter_edit.setText(needle[:-1])
        one = timed(lambda n=needle: (dock.filter_edit.setText(n), table.grab()))
        print(f"    the keystroke completing {needle!r}: {one * 1000:.0f} ms "
              f"({dock.model.rowCount()} rows shown)")
    dock.filter_edit.clear()
    bar = table.verticalScrollBar()
    pages = []
    for _ in range(20):
        pages.append(timed(lambda: (bar.setValue(bar.value() + bar.pageStep()), table.grab())))
    figures("scroll one page down", pages)
    dock.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "negotiations-bench")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.cache)
    print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    app.quit()


if __name__ == "__main__":
    main()
