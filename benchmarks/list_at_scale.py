"""The event list on a large case: first rows shown, sort by each column, filter
keystrokes, scrolling a page, each to the rows painted.

    python benchmarks/list_at_scale.py [--sizes 100000,1000000] [--cache DIR]
        [--shape a|b|c|c-reverse] [--steps window,pages]

Uses the cached cases of `app_open.py` / `timeline_cases.py` (built on first
use, in `~/.cache/negotiations-bench`), or with `--shape` another shape of
their mostly-empty keys (`list_shapes.py`: "b", almost every event with a
source, tags and a description; "c" and "c-reverse", 90% with them, then 10%
without, or the other way round). `--steps pages` times the store's pages
alone for the columns of those keys (`list_pages.py`); `--steps sorts` the
window's steps less the filters. The event list dock is shown offscreen at
1200 × 500 and every step ends with its table painted (`grab()`), so the time
counts reading the rows, the records behind them and drawing them. Each figure
is the median and p95 of 5 (sorts: each column both ways, 5 times; keystrokes:
"Meeting 4711" typed key by key and deleted again, 5 times; scrolling: 20 page
downs). A filter whose matches are rare is searched for on a worker thread; for
it the figures are how long the window was held at most (the keystroke itself,
or the longest gap between two beats of a 5 ms timer while the search ran), the
time from the keystroke to its first matching rows painted, and to every match
painted. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from itertools import pairwise
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


def measure(size: int, cache: Path, shape: str = "a",
            steps: tuple[str, ...] = ("window",)) -> None:
    from list_shapes import shaped_case
    from PySide6.QtCore import QSettings

    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.settings import Settings

    path = shaped_case(cache, size, shape)
    started = time.perf_counter()
    CaseStore.open(path).close()  # migrate once, outside the timing
    print(f"event list, {size:,} events, shape {shape} ({path.stat().st_size / 2**20:.0f} "
          f"MiB file; opened, migrating if older, in {time.perf_counter() - started:.1f} s):")
    store = CaseStore.open(path, read_only=True)
    if "pages" in steps:
        from list_pages import store_pages

        store_pages(store)
    if "window" not in steps and "sorts" not in steps:
        store.close()
        return
    folder = tempfile.mkdtemp(prefix="list-bench-")
    settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
    first_rows(store, settings)
    dock = shown_dock(store, settings)
    sorts(dock)
    if "window" in steps:
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


def until_found(dock) -> tuple[float, float | None]:
    """Run the window's event loop until a search for rare matches (on a worker
    thread) has ended; (the longest the event loop was held meanwhile, seconds: the
    longest gap between two beats of a 5 ms timer, less 5 ms; when the first
    matching rows were painted, by `perf_counter`, or None)."""
    from PySide6.QtCore import QEventLoop, QTimer

    model = dock.model
    if not model.searching:
        return 0.0, None
    loop = QEventLoop()
    beats = [time.perf_counter()]
    first: list[float] = []

    def progressed() -> None:
        if model.rowCount() and not first:
            dock.table.grab()
            first.append(time.perf_counter())
        if not model.searching:
            loop.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    model.searchProgressed.connect(progressed)
    timer.start()
    loop.exec()
    timer.stop()
    model.searchProgressed.disconnect(progressed)
    beats.append(time.perf_counter())
    held = max((b - a for a, b in pairwise(beats)), default=0.0) - 0.005
    return max(0.0, held), (first[0] if first else None)


def keystroke(dock, text: str) -> tuple[float, float, float | None]:
    """(the longest the window was held: the keystroke, or the event loop while the
    search it started ran; seconds from the keystroke to every match painted; to
    the first matching rows painted, None when there are none)."""
    started = time.perf_counter()
    dock.filter_edit.setText(text)
    held = time.perf_counter() - started
    searched, first = until_found(dock)
    dock.table.grab()
    whole = time.perf_counter() - started
    if first is None and dock.model.rowCount():
        first = time.perf_counter()  # shown by the keystroke itself
    return max(held, searched), whole, None if first is None else first - started


def filters(dock) -> None:
    text = "Meeting 4711"
    held, whole, firsts = [], [], []
    for _ in range(5):
        for end in [*range(1, len(text) + 1), *range(len(text) - 1, -1, -1)]:
            h, w, f = keystroke(dock, text[:end])
            held.append(h)
            whole.append(w)
            if f is not None:
                firsts.append(f)
    figures(f"filter keystroke, typing and deleting {text!r}: the window held "
            "(keystroke, or the event loop while its search ran)", held)
    figures("  ... keystroke to every match painted", whole)
    figures("  ... keystroke to the first matching rows painted", firsts)
    for label, needle in (("common", "meeting"), ("rare", "Meeting 4711"), ("none", "zzz"),
                          ("common, but not among the first by date", "2025")):
        runs, holds, shown = [], [], []
        for _ in range(5):
            dock.filter_edit.setText(needle[:-1])
            until_found(dock)
            h, w, f = keystroke(dock, needle)
            runs.append(w)
            holds.append(h)
            if f is not None:
                shown.append(f)
        figures(f"filter {label} ({needle!r}, {dock.model.rowCount()} rows shown): "
                "the window held", holds)
        figures("  ... keystroke to every match painted", runs)
        if shown:
            figures("  ... keystroke to the first matching rows painted", shown)
    typing_fast(dock, text)
    dock.filter_edit.clear()


def typing_fast(dock, text: str) -> None:
    """Each key 60 ms after the last, not waiting for searches: each new key cancels
    the search of the one before; the longest the event loop was held throughout."""
    runs = []
    for _ in range(5):
        dock.filter_edit.clear()
        until_found(dock)
        runs.append(_typed(dock, [text[:end] for end in range(1, len(text) + 1)]))
    figures(f"typing {text!r} a key every 60 ms: the longest the event loop was held", runs)


def _typed(dock, keys: list[str]) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    beats = [time.perf_counter()]
    loop = QEventLoop()

    def next_key() -> None:
        if keys:
            dock.filter_edit.setText(keys.pop(0))
            QTimer.singleShot(60, next_key)
        elif dock.model.searching:
            QTimer.singleShot(5, next_key)
        else:
            loop.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(0, next_key)
    loop.exec()
    timer.stop()
    return max(b - a for a, b in pairwise(beats)) - 0.005


def scrolling(dock) -> None:
    table = dock.table
    bar = table.verticalScrollBar()
    pages = []
    for _ in range(20):
        pages.append(timed(lambda: (bar.setValue(bar.value() + bar.pageStep()), table.grab())))
    figures("scroll one page down", pages)
    dock.filter_edit.setText("P1")  # a party's short name: 27% of the events
    until_found(dock)
    bar.setValue(0)
    pages = []
    for _ in range(20):
        pages.append(timed(lambda: (bar.setValue(bar.value() + bar.pageStep()), table.grab())))
    figures("filtered by a party ('P1'): scroll one page down", pages)
    dock.filter_edit.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "negotiations-bench")
    parser.add_argument("--shape", default="a", choices=("a", "b", "c", "c-reverse"))
    parser.add_argument("--steps", default="window",
                        help="window (all), sorts (the window less filters), pages; comma")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.cache, args.shape, tuple(args.steps.split(",")))
    print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    app.quit()


if __name__ == "__main__":
    main()
