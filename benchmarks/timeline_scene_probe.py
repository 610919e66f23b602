"""Would a QGraphicsScene do for the timeline? The measurement behind the choice.

    python benchmarks/timeline_scene_probe.py [--sizes 10000,100000]

Builds the simplest scene the timeline would need (one ellipse item per
drawn item, with tooltips and selection left out, so the figures flatter
the scene), from the same arrays the custom-painted view uses, then times
rendering the whole span and a one-month window into a 1400×900 QImage.
Compare with `benchmarks/timeline.py`; the conclusion is in docs/benchmarks.md.
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


def probe(size: int, cache: Path) -> dict:
    from PySide6.QtCore import QRectF, QSize, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import (
        QApplication,
        QGraphicsEllipseItem,
        QGraphicsScene,
    )
    from timeline_cases import cached_case

    from negotiations_gui.store import CaseStore
    from negotiations_gui.store.timeline_queries import load_timeline

    app = QApplication.instance() or QApplication([])
    store = CaseStore.open(cached_case(cache, size))
    data = load_timeline(store)
    start = time.perf_counter()
    scene = QGraphicsScene()
    pen = QPen(QColor("#202020"))
    pen.setCosmetic(True)
    for lane_index, lane in enumerate(data.lanes):
        brush = QBrush(QColor(lane.lane.colour))
        for track_index, track in enumerate(lane.tracks):
            y = lane_index * 60 + track_index * 26
            for first, end in zip(track.first, track.end):
                item = QGraphicsEllipseItem(QRectF(first, y, max(end - first, 1), 12))
                item.setPen(pen)
                item.setBrush(brush)
                scene.addItem(item)
    built = time.perf_counter() - start
    # let the scene build its BSP index (a queued job) before timing frames
    app.processEvents()
    scene.items(QRectF(0, 0, 1, 1))
    indexed = time.perf_counter() - start
    image = QImage(QSize(1400, 900), QImage.Format_ARGB32_Premultiplied)
    bounds = data.bounds()

    def render(first_day: float, days: float) -> float:
        began = time.perf_counter()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        # the scene's own BSP index picks the items in the source rectangle
        scene.render(painter, QRectF(0, 0, 1400, 900),
                     QRectF(first_day, 0, days, 60 * len(data.lanes)), Qt.IgnoreAspectRatio)
        painter.end()
        return (time.perf_counter() - began) * 1000

    whole = [render(bounds[0], bounds[1] - bounds[0]) for _ in range(5)]
    middle = (bounds[0] + bounds[1]) // 2
    month = [render(middle + n, 30) for n in range(5)]
    store.close()
    return {"size": size, "items": data.item_count, "build_s": built, "indexed_s": indexed,
            "whole_ms": statistics.median(whole), "month_ms": statistics.median(month),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/negotiations-timeline-bench"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(probe(args.one, args.cache)))
        return 0
    print(f"{'events':>9} {'items':>9} {'build s':>8} {'+index s':>8} {'whole ms':>9} "
          f"{'month ms':>9} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size),
                              "--cache", str(args.cache)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{size:>9,} failed:\n{out.stderr}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{size:>9,} {r['items']:>9,} {r['build_s']:>8.2f} {r['indexed_s']:>8.2f} "
              f"{r['whole_ms']:>9.1f} "
              f"{r['month_ms']:>9.1f} {r['peak_mb']:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
