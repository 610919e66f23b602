"""SQLite's own share of a CSV import: the exact rows an import writes, written again alone.

Runs the command line's import of the CSV import benchmark's file once in this
process, keeping every row the import hands to its writer (store/bulk_writer.py)
and the indexes it set aside, then writes those same rows into a new case with
nothing else running: the import's own statements (500 rows each, on the bulk
writer's thread, this one waiting), table by table in the import's order,
the same pragmas (page cache, foreign keys and CHECK constraints off, the list-key
triggers set aside), then the same index builds and the commit. What it prints
is a floor for the import on this machine: the work SQLite does (with the
sqlite3 module binding the parameters) whatever Python does to make the rows.
Only the inserts can overlap with making the rows; the index builds and the
commit come after them, on one connection.

    python benchmarks/import_sqlite_share.py [--rows 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_csv as bench

from negotiations_gui.importing import read_csv
from negotiations_gui.importing.job import run_import
from negotiations_gui.store import CaseStore, bulk_writer, csv_import
from negotiations_gui.store.csv_import import BULK_CACHE_KIB
from negotiations_gui.store.import_rows import (
    _BATCH_ORDER,
    COLUMNS,
    EVENT_KNOWN_TRIGGERS,
    KEY_TRIGGERS,
)


def captured_import(csv_path: Path, case: Path):
    """Import once; returns (table -> rows written, table -> index SQL set aside and built
    again, the parties, issues and sources rows)."""
    rows: dict[str, list[tuple]] = {}
    indexes: dict[str, list[str]] = {}
    put, drop, create = (bulk_writer.BulkWriter.put, csv_import.drop_indexes,
                         csv_import.create_indexes)

    def keep_put(self, table, batch):
        rows.setdefault(table, []).extend(batch)
        return put(self, table, batch)

    def keep_created(db, statements):
        statements = list(statements)
        for sql in statements:
            indexes.setdefault(sql.split(" ON ")[1].split("(")[0].strip(), []).append(sql)
        return create(db, statements)

    bulk_writer.BulkWriter.put = keep_put  # type: ignore[method-assign]
    csv_import.create_indexes = keep_created
    try:
        with CaseStore.open(case) as store:
            outcome = run_import(store, read_csv(csv_path), bench.MAPPING)
            assert outcome.written, outcome.plan.problems[:3]
            named = {t: store.db.execute(f"SELECT * FROM {t}").fetchall()
                     for t in ("parties", "issues", "sources")}
    finally:
        bulk_writer.BulkWriter.put = put  # type: ignore[method-assign]
        csv_import.drop_indexes, csv_import.create_indexes = drop, create
    return rows, indexes, named


def write_alone(case: Path, rows, indexes, named) -> tuple[float, float, float]:
    """(insert, index builds, commit + close) seconds for the rows written alone."""
    conn = sqlite3.connect(str(case), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("BEGIN")
        for name in KEY_TRIGGERS + EVENT_KNOWN_TRIGGERS:
            conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for statements in indexes.values():
            for sql in statements:
                conn.execute(f'DROP INDEX IF EXISTS "{sql.split()[2]}"')
        for table, records in named.items():  # (a new case has its issues already)
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(f"INSERT INTO {table} VALUES "
                             f"({', '.join('?' for _ in records[0])})", records)
        t0 = time.perf_counter()
        writer = bulk_writer.BulkWriter(conn, {t: COLUMNS[t] for t in _BATCH_ORDER})
        try:  # (the import's own statements; this thread only waits for them)
            for table in _BATCH_ORDER:
                if rows.get(table):
                    writer.put(table, rows[table])
            writer.finish()
        finally:
            writer.close()
        t1 = time.perf_counter()
        conn.execute(f"PRAGMA cache_size = {-min(BULK_CACHE_KIB, 128 * 1024)}")
        for statements in indexes.values():
            for sql in statements:
                conn.execute(sql)
        t2 = time.perf_counter()
        conn.execute("COMMIT")
    finally:
        conn.close()
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-share-") as folder:
        csv_path = Path(folder) / f"events-{args.rows}.csv"
        bench.write_file(csv_path, args.rows)
        rows, indexes, named = captured_import(csv_path, bench.new_case(Path(folder) / "a.nego"))
        gc.collect()
        gc.freeze()  # (the rows kept are not walked again by every collection)
        total = sum(len(r) for r in rows.values())
        print(f"{args.rows:,} CSV rows: {total:,} table rows "
              f"({', '.join(f'{t} {len(r):,}' for t, r in rows.items())}), "
              f"{sum(len(s) for s in indexes.values())} indexes built after them")
        results = [write_alone(bench.new_case(Path(folder) / "b.nego"), rows, indexes, named)
                   for _ in range(args.runs)]
        for name, n in (("insert", 0), ("index builds", 1), ("commit + close", 2)):
            values = [r[n] for r in results]
            print(f"  {name:15s} median {statistics.median(values):.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f})")
        sums = [sum(r) for r in results]
        print(f"  {'SQLite alone':15s} median {statistics.median(sums):.2f} s "
              f"(min {min(sums):.2f}, max {max(sums):.2f}); load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
