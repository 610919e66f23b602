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

Lower floors follow: the same rows copied into the new case from a database
attached to it (`INSERT … SELECT`, so no parameter is bound and no Python runs:
the work SQLite's B-trees do for these rows, whatever program makes them), and
the same again with the positions as two migrations could store them
(`LAYOUTS`): keyed by their UUID's 16 bytes with integer stamps, as m014/m017
did the events; and compacted further, naming party, issue and event by integer
keys, with no `source_ids` copy of the links.

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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_csv as bench

from negotiations_gui.importing import read_csv
from negotiations_gui.importing.job import run_import
from negotiations_gui.store import CaseStore, bulk_writer, csv_import, stamps
from negotiations_gui.store.csv_import import BULK_CACHE_KIB
from negotiations_gui.store.event_keys import event_id, event_key
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


def timed_write(case: Path, indexes, named, insert: Callable[[sqlite3.Connection], None],
                source: Path | None = None, layout: str | None = None
                ) -> tuple[float, float, float]:
    """(insert, index builds, commit + close) seconds for a new case written as the
    import writes (its pragmas, triggers and indexes set aside, the same builds after),
    the rows put in by `insert(conn)`; `source` is attached as `src` first, and the
    positions' table and indexes are those of `layout` (one of `LAYOUTS`) if given."""
    conn = sqlite3.connect(str(case), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        if source is not None:
            conn.execute("ATTACH DATABASE ? AS src", [str(source)])
        conn.execute("BEGIN")
        for name in KEY_TRIGGERS + EVENT_KNOWN_TRIGGERS:
            conn.execute(f'DROP TRIGGER IF EXISTS main."{name}"')
        for statements in indexes.values():
            for sql in statements:
                conn.execute(f'DROP INDEX IF EXISTS main."{sql.split()[2]}"')
        for table, records in named.items():  # (a new case has its issues already)
            conn.execute(f"DELETE FROM main.{table}")
            conn.executemany(f"INSERT INTO main.{table} VALUES "
                             f"({', '.join('?' for _ in records[0])})", records)
        if layout is not None:
            conn.execute(LAYOUTS[layout][1])
        t0 = time.perf_counter()
        insert(conn)
        t1 = time.perf_counter()
        conn.execute(f"PRAGMA cache_size = {-min(BULK_CACHE_KIB, 128 * 1024)}")
        for table, statements in indexes.items():
            if layout is not None and table == "positions":
                statements = LAYOUTS[layout][2]
            for sql in statements:
                conn.execute(sql)
        t2 = time.perf_counter()
        conn.execute("COMMIT")
    finally:
        conn.close()
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def bound(rows) -> Callable[[sqlite3.Connection], None]:
    """The rows written by the import's own statements (its bulk writer's thread; this
    one only waits for them)."""
    def insert(conn: sqlite3.Connection) -> None:
        writer = bulk_writer.BulkWriter(conn, {t: COLUMNS[t] for t in _BATCH_ORDER})
        try:
            for table in _BATCH_ORDER:
                if rows.get(table):
                    writer.put(table, rows[table])
            writer.finish()
        finally:
            writer.close()
    return insert


def copied(layout: str | None) -> Callable[[sqlite3.Connection], None]:
    """The rows copied from the attached `src` within SQLite, the positions in `layout`."""
    def insert(conn: sqlite3.Connection) -> None:
        for table in _BATCH_ORDER:
            columns = COLUMNS[table]
            if layout is not None and table == "positions":
                table, columns = f"positions_{layout}", LAYOUTS[layout][0]
            conn.execute(f"INSERT INTO main.{table} ({', '.join(columns)}) "
                         f"SELECT {', '.join(columns)} FROM src.{table} ORDER BY rowid")
    return insert


# positions as a migration could store them (see the module docstring), each with its
# own table and the indexes it needs: "keyed" holds the UUID as 16 bytes and the stamps as
# integers (as m014/m017 did the events), the parties, issues and event named by their
# UUID texts as now; "compacted" also names them by integer keys and keeps no
# `source_ids` copy of the links.
_KEYED_COLUMNS = ("n", "key", "party_id", "issue_id", "date", "date_approx", "stance",
                  "summary", "detail", "proposal_id", "event_id", "created_at", "updated_at",
                  "source_ids")
_COMPACT_COLUMNS = ("n", "key", "party_n", "issue_n", "date", "date_approx", "stance",
                    "summary", "detail", "proposal_n", "event_n", "created_at", "updated_at")


def _layout(name: str, columns: tuple[str, ...], types: dict[str, str],
            as_of: str, event: str) -> tuple[tuple[str, ...], str, list[str]]:
    table = f"positions_{name}"
    return columns, (
        f"CREATE TABLE {table} (n INTEGER PRIMARY KEY AUTOINCREMENT, "
        + ", ".join(f"{c} {types.get(c, 'TEXT')}" for c in columns[1:]) + ")"), [
        f"CREATE INDEX {table}_as_of ON {table}({as_of})",
        f"CREATE INDEX {table}_by_date ON {table}(date)",
        f"CREATE INDEX {table}_by_event ON {table}({event})",
        f"CREATE INDEX {table}_summary ON {table}(summary COLLATE NOCASE)"]


_INTEGERS = {"date_approx": "INTEGER NOT NULL", "created_at": "INTEGER NOT NULL",
             "updated_at": "INTEGER NOT NULL", "key": "BLOB NOT NULL UNIQUE"}
LAYOUTS = {
    "keyed": _layout("keyed", _KEYED_COLUMNS, _INTEGERS,
                     "party_id, issue_id, date, created_at, key", "event_id"),
    "compacted": _layout("compacted", _COMPACT_COLUMNS,
                         {**_INTEGERS, "party_n": "INTEGER NOT NULL",
                          "issue_n": "INTEGER NOT NULL", "proposal_n": "INTEGER",
                          "event_n": "INTEGER"},
                         "party_n, issue_n, date, created_at, n", "event_n"),
}


def laid_out(rows, named) -> dict[str, list[tuple]]:
    """The captured positions in each of `LAYOUTS`."""
    party = {row[1]: row[0] for row in named["parties"]}
    issue = {row[1]: row[0] for row in named["issues"]}
    event = {event_id(row[1]): row[0] for row in rows["events"]}
    micros: dict[str, int] = {}
    keyed, compact = [], []
    for (n, ident, party_id, issue_id, date, approx, stance, summary, detail, _proposal,
         of, created, _updated, sources) in rows["positions"]:
        at = micros.get(created)
        if at is None:
            at = micros[created] = stamps.encode(created)  # type: ignore[assignment]
        key = event_key(ident)
        keyed.append((n, key, party_id, issue_id, date, approx, stance, summary, detail,
                      None, of, at, at, sources))
        compact.append((n, key, party[party_id], issue[issue_id], date, approx, stance,
                        summary, detail, None, event.get(of), at, at))
    return {"keyed": keyed, "compacted": compact}


def source_file(path: Path, rows, positions: dict[str, list[tuple]]) -> Path:
    """The captured rows in a database of their own, to be copied from."""
    conn = sqlite3.connect(str(path))
    tables = {table: (COLUMNS[table], rows.get(table, [])) for table in _BATCH_ORDER}
    tables.update({f"positions_{name}": (LAYOUTS[name][0], laid)
                   for name, laid in positions.items()})
    with conn:
        for table, (columns, table_rows) in tables.items():
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in columns)})",
                             table_rows)
    conn.close()
    return path


def report(title: str, results: list[tuple[float, float, float]], size: int) -> None:
    print(f"{title} ({size / 2**20:,.0f} MiB case):")
    for name, n in (("insert", 0), ("index builds", 1), ("commit + close", 2)):
        values = [r[n] for r in results]
        print(f"  {name:15s} median {statistics.median(values):.2f} s "
              f"(min {min(values):.2f}, max {max(values):.2f})")
    sums = [sum(r) for r in results]
    print(f"  {'SQLite alone':15s} median {statistics.median(sums):.2f} s "
          f"(min {min(sums):.2f}, max {max(sums):.2f}); load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


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
        folder_path = Path(folder)
        source = source_file(folder_path / "rows.db", rows, laid_out(rows, named))
        kinds: dict[str, tuple[str | None, list[tuple[float, float, float]]]] = {
            "bound from Python (the import's own statements)": ("bound", []),
            "copied within SQLite (no binding, no Python)": (None, []),
            "copied, positions keyed (16-byte UUID, integer stamps)": ("keyed", []),
            "copied, positions compacted (integer keys too, no source_ids)":
                ("compacted", [])}
        sizes: dict[str, int] = {}
        for _ in range(args.runs):  # (each in turn: the machine's speed drifts)
            for n, (title, (layout, results)) in enumerate(kinds.items()):
                case = bench.new_case(folder_path / f"b{n}.nego")
                results.append(timed_write(case, indexes, named, bound(rows))
                               if layout == "bound" else
                               timed_write(case, indexes, named, copied(layout), source,
                                           layout))
                sizes[title] = case.stat().st_size
                case.unlink()
        for title, (_, results) in kinds.items():
            report(title, results, sizes[title])

if __name__ == "__main__":
    main()
