"""The event list on a large case: first rows shown, sort by each column, filter
keystrokes, scrolling a page, each to the rows painted.

    python benchmarks/list_at_scale.py [--sizes 100000,1000000] [--cache DIR]

Uses the cached cases of `app_open.py` / `timeline_cases.py` (built on first
use, in `~/.cache/negotiations-bench`). The event list dock is shown offscreen at
1200 × 500 and every step ends with its table painted (`grab()`), so the time
counts reading the rows, the records behind them and drawing them. Each figure
is the median and p95 of 5 (sorts: each column both ways, 5 times; keystrokes:
"Meeting 4711" typed key by key and deleted again, 5 times; scrolling: 20 page
downs). A filter whose matches are rare is searched for a slice at a time between
the window's events; for it both figures are printed: the keystroke to the rows
painted, and how long the window was held at most (the keystroke itself or the
longest slice). Prints figures, asserts nothing.
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
    from PySide6.QtCore import QSettings
    from timeline_cases import cached_case

    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.settings import Settings

    path = cached_case(cache, size)
    CaseStore.open(path).close()  # migrate once, outside the timing
    store = CaseStore.open(path, read_only=True)
    folder = tempfile.mkdtemp(prefix="list-bench-")
    settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
    print(f"event list, {size:,} events ({path.stat().st_size / 2**20:.0f} MiB file):")
    first_rows(store, settings)
    dock = shown_dock(store, settings)
    sorts(dock)
    filters(dock)
    scrolling(dock)
    dock.close()
    store.close()


def shown_dock(store, settings):
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.lists.list_dock import RecordListDock

    dock = RecordListDock("event", settings)
    dock.resize(1200, 500)
    dock.show()
    dock.set_case(store, CaseState())
    dock.table.grab()
    return dock


def first_rows(store, settings) -> None:
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.lists.list_dock import RecordListDock

    firsts = []
    for _ in range(5):
        dock = RecordListDock("event", settings)
        dock.resize(1200, 500)
        dock.show()
        firsts.append(timed(lambda d=dock: (d.set_case(store, CaseState()), d.table.grab())))
        dock.close()
        dock.deleteLater()
    figures("first rows shown (set_case to painted)", firsts)


def sorts(dock) -> None:
    from PySide6.QtCore import Qt

    table = dock.table
    for column, title in enumerate(c.title for c in dock.model.columns):
        for order, word in ((Qt.AscendingOrder, "asc"), (Qt.DescendingOrder, "desc")):
            runs = []
            for _ in range(5):
                table.sortByColumn(1 if column == 0 else 0, Qt.AscendingOrder)  # from another
                runs.append(timed(lambda c=column, o=order: (table.sortByColumn(c, o),
                                                             table.grab())))
            figures(f"sort by {title} {word}", runs)
    table.sortByColumn(0, Qt.AscendingOrder)


def until_found(dock) -> float:
    """Handle the window's events until a search for rare matches has its rows
    painted; the longest the window was held by one slice of it, in seconds."""
    from PySide6.QtWidgets import QApplication

    longest = 0.0
    while getattr(dock.model, "searching", False):  # (a search between events)
        started = time.perf_counter()
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - started)
    return longest


def keystroke(dock, text: str) -> tuple[float, float]:
    """(the longest the window was held: the keystroke or a search slice after it,
    seconds from the keystroke to its rows painted)."""
    started = time.perf_counter()
    dock.filter_edit.setText(text)
    held = time.perf_counter() - started
    held = max(held, until_found(dock))
    dock.table.grab()
    return held, time.perf_counter() - started


def filters(dock) -> None:
    text = "Meeting 4711"
    held, whole = [], []
    for _ in range(5):
        for end in [*range(1, len(text) + 1), *range(len(text) - 1, -1, -1)]:
            h, w = keystroke(dock, text[:end])
            held.append(h)
            whole.append(w)
    figures(f"filter keystroke, typing and deleting {text!r}: to the rows painted", whole)
    figures("  ... the window held (keystroke, or the longest search slice after it)", held)
    for label, needle in (("common", "meeting"), ("rare", "Meeting 4711"), ("none", "zzz")):
        runs, holds = [], []
        for _ in range(5):
            dock.filter_edit.setText(needle[:-1])
            until_found(dock)
            h, w = keystroke(dock, needle)
            runs.append(w)
            holds.append(h)
        figures(f"filter {label} ({needle!r}, {dock.model.rowCount()} rows shown): "
                "keystroke to the rows painted", runs)
        figures("  ... the window held", holds)
    dock.filter_edit.clear()


def scrolling(dock) -> None:
    table = dock.table
    bar = table.verticalScrollBar()
    pages = []
    for _ in range(20):
        pages.append(timed(lambda: (bar.setValue(bar.value() + bar.pageStep()), table.grab())))
    figures("scroll one page down", pages)


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
