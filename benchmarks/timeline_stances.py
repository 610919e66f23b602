"""Changes of stance on the timeline: load and frame times at 10k, 100k and 1M positions.

    python benchmarks/timeline_stances.py [--sizes 10000,100000,1000000] [--cache DIR]

Each size runs in a fresh process. A case of 10 parties, the 6 default issues
and N positions over 3 years (a stance repeats the one before it a third of
the time: a change of wording, not drawn) is built once and cached. Prints
the time to read the timeline (events, proposals and changes of stance:
`load_timeline`, the open path's timeline read), then the median and worst
time to paint one frame (offscreen, 1400x900) at zoom levels from the whole
span to one day, panning 20 steps at each, and peak memory (max RSS).
The frame budget is the timeline's: < 50 ms at 1M.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

WIDTH, HEIGHT = 1400, 900
LEVELS = (("whole", None), ("quarter", 91), ("month", 30), ("week", 7), ("day", 1))
STEPS = 20


def build_case(path: Path, positions: int, seed: int = 20250808) -> Path:
    from timeline_cases import FIRST_DAY, SPAN_DAYS, _parties

    from negotiations_gui.domain import CaseData, CaseInfo, PartialDate, Position, Stance
    from negotiations_gui.store import CaseStore

    rng = random.Random(seed)
    stances = list(Stance)
    store = CaseStore.create(path, CaseInfo(f"Benchmark: {positions:,} positions"))
    try:
        parties = _parties()
        store.restore(CaseData(parties=tuple(parties)))
        issues = [i.id for i in store.issues()]
        last: dict[tuple[str, str], Stance] = {}
        days = sorted(rng.randrange(SPAN_DAYS) for _ in range(positions))
        batch = []
        for n, offset in enumerate(days):
            party, issue = parties[rng.randrange(len(parties))].id, rng.choice(issues)
            previous = last.get((party, issue))
            stance = previous if previous and rng.random() < 1 / 3 else rng.choice(stances)
            last[(party, issue)] = stance
            day = FIRST_DAY + dt.timedelta(days=offset)
            date = PartialDate(day.year, day.month) if rng.random() < 0.1 \
                else PartialDate.from_date(day)
            batch.append(Position(party, issue, date, stance, f"Position {n}",
                                  id=f"{n:08x}-0000-4000-a000-000000000000"))
            if len(batch) == 20_000:
                store.restore(CaseData(positions=tuple(batch)))
                batch = []
        if batch:
            store.restore(CaseData(positions=tuple(batch)))
    finally:
        store.close()
    return path


def measure(size: int, cache: Path) -> dict:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from negotiations_gui.domain import PartialDate
    from negotiations_gui.domain.timeline_axis import TimeScale
    from negotiations_gui.store import CaseStore
    from negotiations_gui.store.timeline_queries import load_timeline
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.timeline import TimelineView
    from negotiations_gui.ui.timeline.painter import paint_frame

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"stances-{size}.nego"
    if not path.exists():
        build_case(cache / f"stances-{size}.partial.nego", size).rename(path)
    app = QApplication.instance() or QApplication([])
    store = CaseStore.open(path)
    start = time.perf_counter()
    data = load_timeline(store)
    loaded = time.perf_counter() - start
    view = TimelineView(store, CaseState(PartialDate(2024, 6, 1)))
    view.resize(WIDTH, HEIGHT)
    view.canvas.resize(WIDTH, HEIGHT)
    view.fit_all()
    image = QImage(QSize(WIDTH, HEIGHT), QImage.Format_ARGB32_Premultiplied)

    def render() -> float:
        begin = time.perf_counter()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        paint_frame(painter, view.canvas.frame())
        painter.end()
        return (time.perf_counter() - begin) * 1000

    whole = view.canvas.scale
    middle = whole.day(view.canvas.content_width / 2)
    frames = {}
    for name, days in LEVELS:
        if days is None:
            view.canvas.set_scale(whole)
        else:
            ppd = view.canvas.content_width / days
            view.canvas.set_scale(TimeScale(middle - days / 2, ppd))
        render()  # the first frame at a level warms the caches
        times = []
        for _ in range(STEPS):
            view.canvas.set_scale(view.canvas.scale.panned(-37))
            times.append(render())
        frames[name] = (statistics.median(times), max(times))
    app.processEvents()
    store.close()
    return {"size": size, "changes": data.stance_change_count, "load_s": loaded,
            "frames": frames,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "negotiations-bench"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, Path(args.cache))))
        return
    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--cache", args.cache],
                             capture_output=True, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        levels = "  ".join(f"{name} {m:.1f}/{w:.1f}" for name, (m, w) in result["frames"].items())
        print(f"{size:>9,} positions ({result['changes']:,} changes of stance): "
              f"read {result['load_s']:.2f} s; frame ms median/worst: {levels}; "
              f"peak {result['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
