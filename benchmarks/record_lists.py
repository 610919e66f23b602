"""Record lists at scale: load, sort and filter the event list over 50,000 events.

    python benchmarks/record_lists.py [--events 50000]

Builds a throwaway case, then times (median of 3) what the user waits for:
the list reloading after a change, a click on a column header, a filter
keystroke, and one event edited (the list updates that row only). Offscreen;
prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(step, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from negotiations_gui.domain import CaseInfo, Event, PartialDate, Party
    from negotiations_gui.store import CaseStore
    from negotiations_gui.store import records as rec
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.lists.list_dock import RecordListDock
    from negotiations_gui.ui.settings import Settings

    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = CaseStore.create(Path(folder) / "big.nego", CaseInfo("big"))
        parties = [store.add_party(Party(f"Party {n}")) for n in range(8)]
        first = _dt.date(2020, 1, 1)
        now = rec.now_stamp()
        with store.db.atomic():
            for n in range(args.events):
                rec.put_event(store.db, Event(
                    PartialDate.from_date(first + _dt.timedelta(days=n % 2000)), f"Event {n}",
                    party_ids=(parties[n % 8].id,), tags=(f"tag{n % 50}",)), now)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
        dock = RecordListDock("event", settings)
        state = CaseState()
        first_load = timed(lambda: dock.set_case(store, state), 1)
        reload = timed(dock.reload)
        sort = timed(lambda: dock.table.sortByColumn(3, Qt.DescendingOrder))
        dock.filter_edit.setText("Event 4")
        narrow = timed(lambda: (dock.filter_edit.setText("Event 49"),
                                dock.filter_edit.setText("Event 4")))
        dock.filter_edit.clear()
        edited = store.events(limit=1)[0]
        titles = iter(f"Edited {n}" for n in range(100))

        def edit_one() -> None:  # what an edit or an undo costs: store write, then the list
            store.update_event(dataclasses.replace(edited, title=next(titles)))
            state.notify_changed({"events"}, {"events": {edited.id}})

        edit = timed(edit_one)
        store.close()
    print(f"event list, {args.events:,} events, offscreen (median of 3):")
    print(f"  first load {first_load * 1000:.0f} ms, reload {reload * 1000:.0f} ms")
    print(f"  sort by title {sort * 1000:.0f} ms, two filter keystrokes {narrow * 1000:.0f} ms")
    print(f"  one event edited (store write + its row moved under the sort) {edit * 1000:.1f} ms")
    app.quit()


if __name__ == "__main__":
    main()
