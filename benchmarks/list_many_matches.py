"""A filter with many matches that are not among the first rows by date: the list's
search runs on a worker thread and shows the first `SEARCH_ROWS` (5,000); the rows
past those are read page by page as the user scrolls.

    python benchmarks/list_many_matches.py [--size 1000000] [--cache DIR] [--needle 2025]

Uses the cached case of `timeline_cases.py` in DIR (copy the shared one first).
Times, offscreen, the keystroke (the window held: the keystroke itself, or the longest
gap between two beats of a 5 ms timer while its search ran), and then up to 20
scrolls to the end of the rows shown (the view asks for more: `fetchMore`): the scroll
itself, the window held while the rows past were searched for, and the time to them
painted.
Prints median, p95 and worst; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--needle", default="2025")
    args = parser.parse_args()
    from list_at_scale import figures, keystroke, shown_dock, timed, until_found
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from timeline_cases import cached_case

    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.settings import Settings

    app = QApplication([])
    path = cached_case(args.cache, args.size)
    store = CaseStore.open(path, read_only=True)
    folder = tempfile.mkdtemp(prefix="list-many-")
    settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
    dock = shown_dock(store, settings)
    holds, wholes, pages = [], [], []
    for _ in range(3):
        dock.filter_edit.setText(args.needle[:-1])
        keystroke(dock, args.needle[:-1])
        held, whole, _first = keystroke(dock, args.needle)
        holds.append(held)
        wholes.append(whole)
    model, table = dock.model, dock.table
    searched = f"{model.found:,} found by the search" if model._searched else "no search"
    print(f"{args.size:,} events, filter {args.needle!r}: {model.rowCount():,} rows shown, "
          f"{searched}")
    figures("keystroke: the window held", holds)
    figures("keystroke to every match painted", wholes)
    held_more, to_rows = [], []
    for _ in range(20):
        before = model.rowCount()
        started = time.perf_counter()
        pages.append(timed(lambda: (table.scrollToBottom(), app.processEvents(),
                                    table.grab())))
        if model.searching:  # the rows past are searched for on the worker thread
            held, _first = until_found(dock)
            held_more.append(held)
            table.grab()
        to_rows.append(time.perf_counter() - started)
        if model.rowCount() == before:
            break
    figures("scroll to the end past the rows shown: the scroll itself, to painted", pages)
    if held_more:
        figures("  ... the window held while the rows past were searched for", held_more)
    figures(f"  ... scroll to the next rows painted ({model.rowCount():,} rows shown now)",
            to_rows)
    print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    dock.close()
    store.close()


if __name__ == "__main__":
    main()
