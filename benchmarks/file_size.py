"""The size of a benchmark case file, new and migrated, and where its bytes are.

    python benchmarks/file_size.py --events 100000 [--keep DIR]
    python benchmarks/file_size.py --migrate OLD.nego [--keep DIR]

`--events N` builds the events case of `timeline_cases.build_case` (N events
over 10 parties and 3 years, N // 100 proposals) with this code, in a fresh
process's temporary folder (or DIR). `--migrate OLD` copies a file made by an
older version (never touching OLD) and opens the copy with this code, which
migrates it after its usual backup; the time that open takes is printed.
Either way it prints the file's size and, per table and index, the bytes
SQLite's `dbstat` counts for it (and how many of them are unused).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

MIB = 1024 * 1024


def breakdown(path: Path) -> None:
    """The file's size and its tables' and indexes' shares, largest first."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, sum(pgsize), sum(unused) FROM dbstat "
                            "GROUP BY name ORDER BY 2 DESC").fetchall()
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * conn.execute(
            "PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    print(f"{path.name}: {path.stat().st_size / MIB:.1f} MiB "
          f"(free pages {free / MIB:.1f} MiB)")
    for name, size, unused in rows:
        if size >= MIB / 100:
            print(f"  {name:36s} {size / MIB:8.2f} MiB  unused {unused / MIB:6.2f}")


def build(events: int, folder: Path) -> Path:
    from timeline_cases import build_case

    path = folder / f"timeline-{events}.nego"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    build_case(path, events)
    print(f"built {events:,} events in {time.perf_counter() - started:.1f} s")
    return path


def migrate(old: Path, folder: Path) -> Path:
    from negotiations_gui.store import CaseStore

    path = folder / f"migrated-{old.name}"
    path.unlink(missing_ok=True)
    shutil.copyfile(old, path)
    started = time.perf_counter()
    with CaseStore.open(path) as store:
        elapsed = time.perf_counter() - started
        backup = store.backup_path
    print(f"opened (migrating) {old.name} in {elapsed:.1f} s; backup {backup}")
    if backup is not None:
        backup.unlink()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--events", type=int)
    which.add_argument("--migrate", type=Path)
    parser.add_argument("--keep", type=Path, help="folder to leave the file in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        path = build(args.events, folder) if args.events else migrate(args.migrate, folder)
        breakdown(path)


if __name__ == "__main__":
    main()
