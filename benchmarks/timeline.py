"""Timeline speed at 1k, 10k, 100k and 1M events (10 parties, 3 years).

    python benchmarks/timeline.py [--sizes 1000,10000,100000,1000000] [--cache DIR]

For each size, in a fresh process (so peak memory is that size's own), prints:
the time to open the case and show the timeline fitted to all; the median
and worst time to render one frame after a zoom step and after a pan step
(the viewport painted offscreen into a QImage, 30 steps of each at several
zoom levels from the whole span to one day); the same while zooming in
steadily, every frame at a new scale; peak memory (max RSS).
Targets: at 100k every frame < 16 ms and opening < 1 s; at 1M frames < 50 ms
and opening < 5 s. Cases are generated deterministically and cached.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

WIDTH, HEIGHT = 1400, 900
STEPS = 30
# (name, days across the view); "whole" fits the three years
LEVELS = (("whole", None), ("quarter", 91), ("month", 30), ("week", 7), ("day", 1))
# zooming in steadily from the whole span, as with a wheel: every frame at a new
# scale, so nothing the painter keeps by scale (elided labels) is found again
WHEEL_STEPS, WHEEL_FACTOR = 60, 1.06


def measure(size: int, cache: Path, gc_freeze: bool = False) -> dict:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication
    from timeline_cases import cached_case

    from negotiations_gui.domain import PartialDate
    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.timeline import TimelineView
    from negotiations_gui.ui.timeline.painter import paint_frame

    path = cached_case(cache, size)
    CaseStore.open(path).close()  # migrate a cached file once, outside the timing
    app = QApplication.instance() or QApplication([])
    image = QImage(QSize(WIDTH, HEIGHT), QImage.Format_ARGB32_Premultiplied)
    cpu: list[float] = []  # the GUI thread's CPU time of each frame timed (ms)

    def render(view) -> float:
        start, start_cpu = time.perf_counter(), time.thread_time()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        paint_frame(painter, view.canvas.frame())
        painter.end()
        cpu.append((time.thread_time() - start_cpu) * 1000)
        return (time.perf_counter() - start) * 1000

    start = time.perf_counter()
    store = CaseStore.open(path)
    state = CaseState(PartialDate.parse("2024-06-30"))
    view = TimelineView(store, state)
    view.resize(WIDTH, HEIGHT)
    view.show()
    app.processEvents()
    while view.reload_pending:  # a large case's items are read on a worker thread
        app.processEvents()
        time.sleep(0.005)
    render(view)
    opened = time.perf_counter() - start
    if gc_freeze:
        import gc

        gc.freeze()  # what an app can do once started: full collections skip what is loaded

    canvas = view.canvas
    cpu.clear()  # the frames opening the view are not counted
    bounds = canvas.data.bounds()
    middle = (bounds[0] + bounds[1]) / 2
    zoom_times: dict[str, list[float]] = {}
    pan_times: dict[str, list[float]] = {}
    for name, days in LEVELS:
        if days is None:
            view.fit_all()
        else:
            canvas.fit_days(middle - days / 2, middle + days / 2)
        render(view)  # labels for this level fetched once, as on screen
        cpu.pop()
        zooms, pans = [], []
        for step in range(STEPS):
            canvas.zoom(1.25 if step % 2 == 0 else 1 / 1.25)
            zooms.append(render(view))
        for step in range(STEPS):
            canvas.pan((canvas.content_width / 10) * (1 if (step // 5) % 2 == 0 else -1))
            pans.append(render(view))
        zoom_times[name], pan_times[name] = zooms, pans
    view.fit_all()
    render(view)
    cpu.pop()
    wheel = []
    for _ in range(WHEEL_STEPS):
        canvas.zoom(WHEEL_FACTOR, canvas.content_width * 0.37)
        wheel.append(render(view))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    every_zoom = [t for ts in zoom_times.values() for t in ts]
    every_pan = [t for ts in pan_times.values() for t in ts]
    every = sorted(every_zoom + every_pan + wheel)
    cpu.sort()
    return {
        "cpu_median_ms": statistics.median(cpu), "cpu_p99_ms": _p99(cpu), "cpu_worst_ms": cpu[-1],
        # issue 13's figures: every frame timed above, zoom, pan and wheel together
        "frames": len(every), "p99_ms": _p99(every),
        "worst_ms": every[-1], "median_ms": statistics.median(every),
        "size": size, "items": canvas.data.item_count, "open_s": opened, "peak_mb": peak_mb,
        "zoom_median_ms": statistics.median(every_zoom), "zoom_worst_ms": max(every_zoom),
        "pan_median_ms": statistics.median(every_pan), "pan_worst_ms": max(every_pan),
        "wheel_median_ms": statistics.median(wheel), "wheel_worst_ms": max(wheel),
        "levels": {name: {"zoom_median": statistics.median(zoom_times[name]),
                          "zoom_worst": max(zoom_times[name]),
                          "pan_median": statistics.median(pan_times[name]),
                          "pan_worst": max(pan_times[name])} for name, _ in LEVELS},
    }


def _p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/negotiations-timeline-bench"))
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() once the view is open (the worst frames are "
                             "Python's full garbage collections)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.cache, args.gc_freeze)))
        return 0
    print(f"Timeline benchmark, viewport {WIDTH}×{HEIGHT}, {STEPS} zoom and {STEPS} pan "
          "steps per level (whole span, quarter, month, week, day)")
    print(f"{'events':>9} {'items':>9} {'open s':>7} {'zoom med':>9} {'zoom max':>9} "
          f"{'pan med':>8} {'pan max':>8} {'peak MB':>8}")
    details = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size),
                              "--cache", str(args.cache)]
                             + (["--gc-freeze"] if args.gc_freeze else []),
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{size:>9,} failed:\n{out.stderr}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        details.append(r)
        print(f"{size:>9,} {r['items']:>9,} {r['open_s']:>7.2f} {r['zoom_median_ms']:>8.1f}ms "
              f"{r['zoom_worst_ms']:>7.1f}ms {r['pan_median_ms']:>6.1f}ms "
              f"{r['pan_worst_ms']:>6.1f}ms {r['peak_mb']:>8.0f}")
    print("\nPer zoom level (ms: zoom median / worst, pan median / worst):")
    for r in details:
        cells = "  ".join(f"{name} {v['zoom_median']:.1f}/{v['zoom_worst']:.1f}, "
                          f"{v['pan_median']:.1f}/{v['pan_worst']:.1f}"
                          for name, v in r["levels"].items())
        print(f"{r['size']:>9,}: {cells}")
    print(f"\nZooming in steadily, {WHEEL_STEPS} steps of {WHEEL_FACTOR} from the whole span "
          "(every frame a new scale), ms median / worst:")
    for r in details:
        print(f"{r['size']:>9,}: {r['wheel_median_ms']:.1f} / {r['wheel_worst_ms']:.1f}")
    print("\nEvery frame above together (zoom, pan, wheel), ms median / p99 / worst:")
    for r in details:
        print(f"{r['size']:>9,}: {r['median_ms']:.1f} / {r['p99_ms']:.1f} / {r['worst_ms']:.1f} "
              f"({r['frames']} frames)")
    print("The same frames' CPU time (the GUI thread's, without waits for a core), "
          "ms median / p99 / worst:")
    for r in details:
        print(f"{r['size']:>9,}: {r['cpu_median_ms']:.1f} / {r['cpu_p99_ms']:.1f} / "
              f"{r['cpu_worst_ms']:.1f}")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
