"""CSV import benchmark: 100,000 and 1,000,000 rows into a new case.

Targets (issue 13): 100k rows < 4 s, 1M rows < 40 s, peak memory < 500 MB.

Writes a realistic agreements-style file (mixed date forms, several parties
per row, tags, a source column, two 0/1 issue columns) and its mapping, then
runs the real command line, `negotiations-gui import-csv FILE CASE --mapping
M.json`, in a fresh process for each run, into a new empty case made outside
the timing. Each run's wall time is from just before the process starts to its
exit; its CPU time and peak resident memory come from the operating system
(`wait4`: user + system seconds, `ru_maxrss`). Prints the median and p95 of
the runs (and the load average, since the machine may be shared). With
`--phases`, two more runs in this process time each step: the command line's
(read and sniff, the one pass that checks and writes every row in one
transaction, closing the case, which copies the write-ahead log into it), and
the dialog's (read, check every row, the one-transaction insert that reads the
rows again, close). Asserts nothing about time.

With `--alternate DIR` (another checkout of the project, its own `.venv` if it has
one), every run is made twice, once by each checkout, in alternating order (A B B A …),
each in a new case made by its own code: on a machine whose speed drifts, only runs
interleaved like this compare two versions.

    python benchmarks/import_csv.py [--rows 100000,1000000] [--runs 5] [--phases]
                                    [--alternate DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from negotiations_gui.domain import CaseInfo
from negotiations_gui.importing import ColumnMapping, IssueColumn, plan_import, read_csv
from negotiations_gui.importing.job import case_context, insert_planned, log_entry, run_import
from negotiations_gui.store import CaseStore

PARTIES = ["Egypt", "Qatar", "Israel", "Hamas", "United States", "Turkey", "Jordan",
           "Saudi Arabia", "United Nations", "European Union"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MAPPING = ColumnMapping(
    columns={"date": "Date", "title": "Title", "description": "Description",
             "kind": "Kind", "parties": "Parties", "tags": "Tags", "source": "Source"},
    issue_columns=(IssueColumn("Ce", "Ceasefire"), IssueColumn("TjPrire", "Prisoners")))
CHILD = ("import sys; from negotiations_gui.cli import main; "
         "sys.exit(main(['import-csv', *sys.argv[1:]]))")
NEW_CASE_CHILD = ("import sys; from negotiations_gui.domain import CaseInfo; "
                  "from negotiations_gui.store import CaseStore; "
                  "CaseStore.create(sys.argv[1], CaseInfo('Benchmark')).close()")


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


def new_case(path: Path) -> Path:
    path.unlink(missing_ok=True)
    CaseStore.create(path, CaseInfo("Benchmark")).close()
    return path


def _python_of(checkout: Path | None) -> str:
    if checkout is None:
        return sys.executable
    own = checkout / ".venv" / "bin" / "python"
    return str(own) if own.exists() else sys.executable


def new_case_by(checkout: Path | None, path: Path) -> Path:
    """`new_case`, made by `checkout`'s code (in its directory: its package comes first)."""
    if checkout is None:
        return new_case(path)
    path.unlink(missing_ok=True)
    subprocess.run([_python_of(checkout), "-c", NEW_CASE_CHILD, str(path)], cwd=checkout,
                   check=True)
    return path


def run_once(csv_path: Path, case: Path, mapping: Path,
             checkout: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one `import-csv` in a fresh process (run by
    `checkout`'s code, in its directory, if given)."""
    started = time.perf_counter()
    child = subprocess.Popen([_python_of(checkout), "-c", CHILD, str(csv_path), str(case),
                              "--mapping", str(mapping)], cwd=checkout,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = child.stderr.read() if child.stderr else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0 or "Imported" not in err:
        raise SystemExit(f"import run failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def phases(csv_path: Path, case: Path) -> None:
    """One import in this process as the command line runs it, each step timed (wall, CPU)."""
    with CaseStore.open(case) as store:
        marks = [(time.perf_counter(), time.process_time())]
        table = read_csv(csv_path)
        marks.append((time.perf_counter(), time.process_time()))
        outcome = run_import(store, table, MAPPING)
        marks.append((time.perf_counter(), time.process_time()))
        assert outcome.written, outcome.plan.problems[:3]
    marks.append((time.perf_counter(), time.process_time()))  # closed (checkpointed)
    plan = outcome.plan
    print(f"  in one process: {plan.event_count:,} events, "
          f"{plan.position_count:,} positions, {len(plan.data.parties)} new parties, "
          f"{len(plan.data.sources)} new sources")
    _print_steps("command line", ("read + sniff", "check + insert", "close"), marks)


def dialog_phases(csv_path: Path, case: Path) -> None:
    """One import in this process as the dialog runs it: checked first, then inserted."""
    with CaseStore.open(case) as store:
        marks = [(time.perf_counter(), time.process_time())]
        table = read_csv(csv_path)
        marks.append((time.perf_counter(), time.process_time()))
        plan = plan_import(table, MAPPING, case_context(store), with_records=False)
        marks.append((time.perf_counter(), time.process_time()))
        assert plan.ready, plan.problems[:3]
        insert_planned(store, plan, log_entry(table, MAPPING, plan))
        marks.append((time.perf_counter(), time.process_time()))
    marks.append((time.perf_counter(), time.process_time()))
    _print_steps("dialog", ("read + sniff", "check rows", "insert (1 tx)", "close"), marks)


def _print_steps(path: str, steps: tuple[str, ...], marks: list[tuple[float, float]]) -> None:
    print(f"  {path}:")
    for name, (w0, c0), (w1, c1) in zip(steps, marks, marks[1:]):
        print(f"    {name:14s} {w1 - w0:6.2f} s wall, {c1 - c0:6.2f} s CPU")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(name: str, values: list[float], unit: str, digits: int = 2) -> str:
    return (f"{name} median {statistics.median(values):.{digits}f} {unit}, "
            f"p95 {p95(values):.{digits}f} (min {min(values):.{digits}f}, "
            f"max {max(values):.{digits}f})")


def measure(folder: Path, rows: int, runs: int, with_phases: bool,
            alternate: Path | None = None) -> None:
    csv_path = folder / f"events-{rows}.csv"
    write_file(csv_path, rows)
    mapping = folder / "mapping.json"
    mapping.write_text(MAPPING.to_json(), "utf-8")
    case = folder / "bench.nego"
    load = os.getloadavg()
    results, others, size = [], [], 0.0
    for n in range(runs):
        turns = [(None, results)] + ([(alternate, others)] if alternate else [])
        for checkout, into in turns if n % 2 == 0 else turns[::-1]:
            into.append(run_once(csv_path, new_case_by(checkout, case), mapping, checkout))
            if checkout is None:
                size = case.stat().st_size / 2**20
    if alternate:
        print(f"{alternate} (alternating with this checkout):")
        print("  " + summary("wall:", [r[0] for r in others], "s"))
        print("  " + summary("CPU (user + system):", [r[1] for r in others], "s"))
        print("  " + summary("peak resident memory:", [r[2] for r in others], "MB", 0))
    print(f"import-csv {rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB file) into a "
          f"new case, {runs} fresh processes ({size:.0f} MiB case after):")
    print("  " + summary("wall:", [r[0] for r in results], "s"))
    print("  " + summary("CPU (user + system):", [r[1] for r in results], "s"))
    print("  " + summary("peak resident memory:", [r[2] for r in results], "MB", 0))
    print(f"  load average before: {' '.join(f'{x:.1f}' for x in load)}; after: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    if with_phases:
        phases(csv_path, new_case(case))
        dialog_phases(csv_path, new_case(case))
        sys.stdout.flush()
    case.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--phases", action="store_true",
                        help="also time each step once, in this process")
    parser.add_argument("--alternate", type=Path, metavar="DIR",
                        help="another checkout, run in turn with this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as folder:
        for rows in (int(r) for r in args.rows.split(",")):
            measure(Path(folder), rows, args.runs, args.phases, args.alternate)


if __name__ == "__main__":
    main()
