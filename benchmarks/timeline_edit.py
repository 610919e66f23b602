"""Time one edit of an event in a large case, as the timeline sees it.

    python benchmarks/timeline_edit.py [--sizes 100000,1000000] [--cache DIR] [--runs 20]

On a copy of the cached benchmark case (`timeline_cases.py`), with the
timeline open, runs through the real commands: an edit of one event's date,
end and parties, its undo and redo; a deletion of the selected event (as the
Delete action does) and its undo; a deletion of an unselected one (its
number is searched for); an addition and its undo. Prints the median and worst
time per step, from the command to the
timeline's data up to date (store write included), and for comparison the
full reload every such step used to cost.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(size: int, cache: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication
    from timeline_cases import cached_case

    from negotiations_gui.domain import Event, PartialDate
    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui import commands
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.timeline import TimelineView

    app = QApplication.instance() or QApplication([])
    source = cached_case(cache, size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edit.nego"
        shutil.copy(source, path)
        store = CaseStore.open(path)
        state = CaseState(PartialDate.parse("2024-06-30"))
        view = TimelineView(store, state)
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        while view.reload_pending:  # a large case's items are read on a worker thread
            app.processEvents()
            time.sleep(0.005)
        rng = random.Random(size)
        party_ids = [p.id for p in store.parties()]
        ids = [row[0] for row in store.db.execute(
            f"SELECT id FROM events WHERE rowid % {max(size // (4 * runs), 1)} = 0 LIMIT ?",
            [4 * runs])]
        times: dict[str, list[float]] = {}

        def timed(name: str, step) -> None:
            start = time.perf_counter()
            step()
            app.processEvents()  # a full reload, if one were asked for, runs here
            times.setdefault(name, []).append((time.perf_counter() - start) * 1000)

        for n in range(runs):
            event = store.event(ids[n])
            day = event.date.start().toordinal() + rng.randint(-60, 60)
            new = dataclasses.replace(
                event, date=PartialDate.from_date(event.date.start().fromordinal(day)),
                end=PartialDate.from_date(event.date.start().fromordinal(day + 5)),
                party_ids=tuple(rng.sample(party_ids, 2)))
            edit = commands.UpdateRecordCommand(store, state, "event", event, new)
            timed("edit", edit.apply)
            timed("undo edit", edit.undo)
            timed("redo edit", edit.redo)
            state.select("event", ids[runs + n])  # the Delete action deletes the selection
            delete = commands.DeleteRecordCommand(store, state, "event", store.event(ids[runs + n]))
            timed("delete selected", delete.apply)
            timed("undo delete", delete.undo)
            state.clear_selection()
            other = commands.DeleteRecordCommand(store, state, "event",
                                                 store.event(ids[2 * runs + n]))
            timed("delete unselected", other.apply)  # its number is searched for
            other.undo()
            add = commands.AddRecordCommand(store, state, "event", Event(
                PartialDate.parse("2024-03-1" + str(n % 10)), f"Added {n}", "meeting",
                party_ids=(party_ids[0],)))
            timed("add", add.apply)
            timed("undo add", add.undo)
        def full_reload() -> None:  # read on a worker thread at this size: wait for it
            view.reload()
            while view.reload_pending:
                app.processEvents()
                time.sleep(0.005)

        for _ in range(3):
            timed("full reload (before)", full_reload)
        store.close()
    print(f"{size:,} events, {view.canvas.data.item_count:,} items, "
          f"{runs} runs (ms median / worst):")
    for name, values in times.items():
        print(f"  {name:<22} {statistics.median(values):8.1f} / {max(values):8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/negotiations-timeline-bench"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.cache, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
