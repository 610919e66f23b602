"""How fast the grid snapshot PDF (and the brief) export, end to end.

Two cases: the bundled demo case (target under 0.3 s), and a generated case of
30 parties × 30 issues whose every cell has a long summary and sources
(target under 2 s). Each export is timed from the store query to the PDF
bytes written through QSaveFile: `grid_snapshot` + layout + painting +
write. Reports the first (cold) run and the median of the following runs.

    /tmp/venv/bin/python benchmarks/export_pdf.py [--runs N]

Prints figures; asserts nothing about time (the machine may be loaded).
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

from PySide6.QtGui import QGuiApplication

from negotiations_gui.domain import (
    CaseInfo,
    Issue,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Source,
    Stance,
)
from negotiations_gui.export import pdf_bytes, snapshot_document, write_atomically
from negotiations_gui.export.brief_content import build_brief
from negotiations_gui.export.brief_pdf import brief_document
from negotiations_gui.export.fonts import register_bundled_fonts
from negotiations_gui.store import CaseStore

LONG = ("Accepts a phased exchange only if every living hostage is released in the first "
        "stage, the remains of the dead are returned within thirty days, and an "
        "international monitoring mechanism reports weekly to the mediators on compliance "
        "with the withdrawal lines agreed in the annex. ")


def build_large_case(path: Path, parties: int = 30, issues: int = 30) -> None:
    store = CaseStore.create(path, CaseInfo("Benchmark: 30 × 30", marking="BENCHMARK"),
                             default_issues=False)
    sources = [store.add_source(Source(f"Report {n}", f"Outlet {n}",
                                       PartialDate.parse("2025-08"), "", "ABCDEF"[n % 6],
                                       1 + n % 6)) for n in range(40)]
    party_rows = []
    for n in range(parties):
        name = f"حزب رقم {n}" if n % 7 == 3 else (f"מפלגה {n}" if n % 7 == 5 else
                                                 f"Party number {n} of the talks")
        role = PartyRole.PRINCIPAL if n < 4 else PartyRole.MEDIATOR
        party_rows.append(store.add_party(Party(name, f"P{n}", role, sort_order=n)))
    stances = list(Stance)
    with store.db.conn:
        for i in range(issues):
            issue = store.add_issue(Issue(f"Issue {i}: terms of the arrangement", sort_order=i))
            for n, party in enumerate(party_rows):
                for day, repeat in ((1, 1), (12, 2)):
                    store.add_position(Position(
                        party.id, issue.id, PartialDate(2025, 8, day),
                        stances[(i + n + day) % len(stances)], LONG * repeat,
                        source_ids=(sources[(i + n) % 40].id, sources[(i * n + day) % 40].id)))
    store.close()


def time_export(path: Path, as_of: PartialDate, since: PartialDate | None,
                out: Path, runs: int, brief: bool = False) -> tuple[float, float, int]:
    times = []
    pages = 0
    with CaseStore.open(path, read_only=True) as store:
        for _ in range(runs + 1):
            start = time.perf_counter()
            if brief:
                document = brief_document(build_brief(store, since, as_of))
            else:
                document = snapshot_document(store.grid_snapshot(as_of, since),
                                             store.case_info())
            write_atomically(out, pdf_bytes(document))
            times.append(time.perf_counter() - start)
            pages = document.page_count
    return times[0], statistics.median(times[1:]), pages


def report(name: str, target: float, cold: float, median: float, pages: int) -> None:
    print(f"{name:<38} pages {pages:>3}   cold {cold * 1000:7.0f} ms   "
          f"median {median * 1000:7.0f} ms   target < {target * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive for the run)
    register_bundled_fonts()
    from negotiations_gui.demo import demo_copy

    folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
    demo = demo_copy(folder)
    with CaseStore.open(demo, read_only=True) as store:
        latest = store.date_bounds()[1]
    out = folder / "out.pdf"
    report("demo grid snapshot", 0.3, *time_export(demo, latest, PartialDate.parse("2025-08"),
                                                     out, args.runs))
    report("demo brief (PDF, with grid)", 0.3,
           *time_export(demo, latest, PartialDate.parse("2025-07"), out, args.runs, brief=True))
    large = folder / "large.nego"
    build_large_case(large)
    as_of, since = PartialDate.parse("2025-08-20"), PartialDate.parse("2025-08-05")
    report("30 × 30 long texts, grid snapshot", 2.0,
           *time_export(large, as_of, since, out, args.runs))
    print(f"(files in {folder}; load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
