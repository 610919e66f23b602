"""CSV import benchmark: 100,000 rows into a new case (target: under 10 s).

Writes a realistic agreements-style file (mixed date forms, several parties
per row, tags, a source column, two 0/1 issue columns), then times each step
of `run_import`: reading and sniffing the file, planning every row, and the
one-transaction insert. Prints figures; asserts nothing about time.

    /tmp/venv/bin/python benchmarks/import_csv.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from negotiations_gui.domain import CaseInfo
from negotiations_gui.importing import ColumnMapping, IssueColumn, plan_import, read_csv
from negotiations_gui.importing.job import case_context, log_entry
from negotiations_gui.store import CaseStore
from negotiations_gui.store.csv_import import insert_import

PARTIES = ["Egypt", "Qatar", "Israel", "Hamas", "United States", "Turkey", "Jordan",
           "Saudi Arabia", "United Nations", "European Union"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Date", "Title", "Description", "Kind", "Parties", "Tags", "Source",
                      "Ce", "TjPrire"])
        for n in range(rows):
            year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
            form = n % 4
            name = MONTHS[month - 1]
            date = (f"{year}-{month:02d}-{day:02d}", f"{name} {day}, {year}", f"{name} {year}",
                    f"{day}-{name}-{year % 100:02d}")[form]
            parties = rng.sample(PARTIES, rng.randint(1, 3))
            out.writerow([date, f"Row {n} talks", "Line one,\nline two", "meeting",
                          "; ".join(parties), "round,ceasefire", f"Report {n % 500}",
                          rng.choice("01"), rng.choice("0001")])


def main(rows: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "events.csv"
        write_file(csv_path, rows)
        mapping = ColumnMapping(
            columns={"date": "Date", "title": "Title", "description": "Description",
                     "kind": "Kind", "parties": "Parties", "tags": "Tags", "source": "Source"},
            issue_columns=(IssueColumn("Ce", "Ceasefire"), IssueColumn("TjPrire", "Prisoners")))
        with CaseStore.create(Path(folder) / "bench.nego", CaseInfo("Benchmark")) as store:
            t0 = time.perf_counter()
            table = read_csv(csv_path)
            t1 = time.perf_counter()
            plan = plan_import(table, mapping, case_context(store))
            t2 = time.perf_counter()
            assert plan.ready, plan.problems[:3]
            insert_import(store, plan.data, log_entry(table, mapping, plan))
            t3 = time.perf_counter()
            counts = store.counts()
    print(f"rows: {rows:,} ({csv_path.name}, {len(plan.data.events):,} events, "
          f"{len(plan.data.positions):,} positions, {len(plan.data.parties)} new parties, "
          f"{len(plan.data.sources)} new sources; stored events {counts['events']:,})")
    print(f"read + sniff: {t1 - t0:6.2f} s")
    print(f"plan rows:    {t2 - t1:6.2f} s")
    print(f"insert (1 tx): {t3 - t2:5.2f} s")
    print(f"total:        {t3 - t0:6.2f} s  (target < 10 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
