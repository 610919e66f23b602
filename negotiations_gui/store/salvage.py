"""Salvage a damaged case: every record that can still be read, into a new case file.

What SQLite's `.recover` does for any database, done for ours: the damaged
file is only read (never written); a new case of the current format is made
beside it; each table's rows are read in key order and, where a damaged page
stops the reading, the reading skips ahead past it and goes on. Rows whose
party, issue, proposal ... did not survive are left out (a position without
its party could not be shown), and the report says how many of each table
came through.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CaseFileError
from .event_keys import TRIGGER_REFERENCES, dangling_sql, event_key
from .safe_write import replacing

_SKIP_TABLES = ("_sqlite_migrations",)


@dataclass
class SalvageReport:
    copied: dict[str, int] = field(default_factory=dict)
    dropped_orphans: dict[str, int] = field(default_factory=dict)
    unreadable_tables: list[str] = field(default_factory=list)
    damaged_ranges: int = 0

    @property
    def total(self) -> int:
        return sum(self.copied.values()) - sum(self.dropped_orphans.values())


def _source(path: Path) -> sqlite3.Connection:
    from .file_inspection import has_wal, plain_connect

    return plain_connect(path, "ro", immutable=not has_wal(path))


def _readable_rows(src: sqlite3.Connection, table: str, columns: list[str],
                   report: SalvageReport):
    """The rows of `table` that can be read, skipping past damaged pages by rowid."""
    names = ", ".join(f'"{c}"' for c in columns)
    try:
        without_rowid = "WITHOUT ROWID" in (src.execute(
            "SELECT upper(sql) FROM sqlite_master WHERE name = ?", [table]).fetchone()[0] or "")
    except sqlite3.DatabaseError:
        without_rowid = True
    if without_rowid:
        try:
            for row in src.execute(f'SELECT {names} FROM "{table}"'):
                yield row
        except sqlite3.DatabaseError:
            report.damaged_ranges += 1
        return
    last, batch = -(2 ** 63), 500
    while True:
        try:
            rows = src.execute(f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? '
                               "ORDER BY rowid LIMIT ?", [last, batch]).fetchall()
        except sqlite3.DatabaseError:
            if batch > 1:
                batch = 1  # read up to the damage row by row
                continue
            report.damaged_ranges += 1
            resume = _skip_damage(src, table, last)
            if resume is None:
                return
            last, batch = resume - 1, 500
            continue
        if not rows:
            return
        for row in rows:
            yield row[1:]
        last = rows[-1][0]


def _skip_damage(src: sqlite3.Connection, table: str, last: int) -> int | None:
    """The first readable rowid past the damage after `last`, or None when there is none."""
    step = 1
    while step < 2 ** 62:
        try:
            row = src.execute(f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid '
                              "LIMIT 1", [last + step]).fetchone()
        except sqlite3.DatabaseError:
            step *= 2
            continue
        return None if row is None else row[0]
    return None


def _drop_orphans(db: sqlite3.Connection, tables: list[str], report: SalvageReport) -> None:
    changed = True
    while changed:
        changed = False
        for table in tables:
            references = [fk[2:5] for fk in db.execute(
                f'PRAGMA foreign_key_list("{table}")').fetchall()]
            references += [(p, c, pc) for t, c, p, pc in TRIGGER_REFERENCES if t == table]
            for parent, column, parent_column in references:
                gone = db.execute(f'DELETE FROM "{table}" WHERE ' + dangling_sql(
                    table, column, parent, parent_column or "id")).rowcount
                if gone:
                    report.dropped_orphans[table] = report.dropped_orphans.get(table, 0) + gone
                    changed = True


def salvage_case(damaged: str | Path, target: str | Path) -> SalvageReport:
    """Copy every readable record of `damaged` into the new case file `target`."""
    from .connection import build_database

    damaged, target = Path(damaged), Path(target)
    if target.exists():
        raise CaseFileError(target, "a file already exists here; choose a new name for the "
                            "salvaged case.")
    report = SalvageReport()
    src = _source(damaged)
    try:
        with replacing(target, exclusive=True, what="the salvaged case could not be written") \
                as temp:
            build_database(temp)
            out = sqlite3.connect(str(temp), isolation_level=None)
            try:
                out.execute("PRAGMA foreign_keys = OFF")
                out.execute("BEGIN")
                tables = [r[0] for r in out.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'sqlite_%' ORDER BY rowid") if r[0] not in _SKIP_TABLES]
                for table in tables:
                    _copy_table(src, out, table, report)
                for view in _views_that_were_tables(src, out):
                    _copy_table(src, out, view, report)
                _drop_orphans(out, tables, report)
                out.execute("COMMIT")
            finally:
                out.close()
    finally:
        src.close()
    return report


def _views_that_were_tables(src: sqlite3.Connection, out: sqlite3.Connection) -> list[str]:
    """The link tables of an older file (before schema m012), which are views now that
    write through to the integer link tables: their rows go in through the view."""
    views = [r[0] for r in out.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    try:
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return []
    return [v for v in views if v in tables]


def _copy_table(src: sqlite3.Connection, out: sqlite3.Connection, table: str,
                report: SalvageReport) -> None:
    wanted = [r[1] for r in out.execute(f'PRAGMA table_info("{table}")')]
    try:
        present = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        present = set()
    read = {c: c for c in wanted if c in present}
    if "key" in wanted and table == "events" and "key" not in present and "id" in present:
        read["key"] = "id"  # a file from before m017: the key is made from the id
    columns = [c for c in wanted if c in read]
    if not columns:
        report.unreadable_tables.append(table)
        return
    marks = ", ".join("?" for _ in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    keyed = columns.index("key") if "key" in read and table == "events" else -1
    count = 0
    for row in _readable_rows(src, table, [read[c] for c in columns], report):
        if keyed >= 0:
            row = (*row[:keyed], event_key(row[keyed]), *row[keyed + 1:])
        try:
            out.execute(f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})', row)
        except sqlite3.IntegrityError:
            continue  # a value damaged into something the schema refuses
        count += 1
    report.copied[table] = count
