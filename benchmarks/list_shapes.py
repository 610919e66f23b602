"""The event list's benchmark cases in the shapes its mostly-empty keys can take.

    python benchmarks/list_shapes.py --size 1000000 --shape b [--cache DIR]

Shape "a" is the case of `timeline_cases.py`: almost no event has tags, sources,
issues, a description or an end date. The others are copies of it in which
events get a source, two tags and a description (their Sources, Tags and
Description keys), written by plain SQL on the file as it is (the link tables'
own triggers fill the keys; the file's format is left as it was, so that code
before and after a migration can each open its own copy):

- "b": every event but one in 10,000 (a CSV import: every row has a source
  and a description; the few without are the keyless part);
- "c": the first 90% of the events (the last 10% have none);
- "c-reverse": the last 10% (the first 90% have none).

Cached as `list-<shape>-<size>.nego` beside the shape "a" case.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

SHAPES = ("a", "b", "c", "c-reverse")
SOURCES = 10


def keyed_rows(shape: str, size: int) -> str:
    """SQL for the events (by rowid n) that get the keys in `shape`."""
    return {"b": "n % 10000 <> 0", "c": f"n <= {size * 9 // 10}",
            "c-reverse": f"n > {size * 9 // 10}"}[shape]


def give_keys(path: Path, where: str) -> None:
    """A source, two tags and a description for the events `where` picks, in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        stamp = "2025-01-01T00:00:00.000000+00:00"
        conn.executemany(
            "INSERT INTO sources (id, title, reliability, credibility, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(f"00000000-0000-4000-b000-{n:012d}", f"Source {n}", "ABCDEF"[n % 6], 1 + n % 6,
              stamp, stamp) for n in range(SOURCES)])
        first = conn.execute("SELECT min(n) FROM sources").fetchone()[0]
        conn.execute("INSERT INTO event_source_links (event_n, source_n) SELECT n, "
                     f"{first} + n % {SOURCES} FROM events WHERE {where}")
        for tag in ("region", "topic"):
            conn.execute(f"INSERT INTO event_tag_links (event_n, tag) SELECT n, '{tag} ' || "
                         f"(n % 37) FROM events WHERE {where}")
        conn.execute("UPDATE events SET description = 'Reported by ' || (n % 997) || "
                     f"' of the talks; more in the cable.' WHERE {where}")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def shaped_case(cache: Path, size: int, shape: str) -> Path:
    """The case of `size` events in `shape`, built on first use (from the shape "a" case)."""
    from timeline_cases import cached_case

    plain = cached_case(cache, size)
    if shape == "a":
        return plain
    path = cache / f"list-{shape}-{size}.nego"
    if not path.exists():
        partial = cache / f"list-{shape}-{size}.partial.nego"
        shutil.copyfile(plain, partial)
        started = time.perf_counter()
        give_keys(partial, keyed_rows(shape, size))
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
        partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--shape", choices=SHAPES, default="b")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "negotiations-bench")
    args = parser.parse_args()
    print(shaped_case(args.cache, args.size, args.shape))


if __name__ == "__main__":
    main()
