"""Checking, on open, that a case file still has our tables, columns and values.

A file can be a sound SQLite database and still not be a usable case: another
program dropped a table, renamed a column, or wrote a stance or a date this
app does not know (bypassing the file's CHECK constraints). Each would end in
a crash on first read; instead, opening names what is wrong and changes
nothing. The tables and columns are compared with a case made by this version
(cheap); values are looked at only where SQLite's quick_check found a CHECK
constraint broken (so a sound 500 MB case costs no scan here).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from ..domain import CREDIBILITY, RELIABILITY, Gap, PartyRole, ProposalStatus, Stance
from .errors import DamagedFileError
from .guarded import GuardedConnection, quick_check

# quick_check's findings that are not damage to the file's structure: values
# (looked at by value_problems), and NOT NULL, which SQLite 3.40 reports
# falsely on WITHOUT ROWID tables whose key order differs from column order
# (every NOT NULL column here is also checked by the loaders' types).
_VALUE_FINDINGS = ("NULL value in ", "CHECK constraint failed in ")

_DATE_FORMS = ("[0-9][0-9][0-9][0-9]", "[0-9][0-9][0-9][0-9]-[0-1][0-9]",
               "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]")
_WORDS: dict[tuple[str, str], list[str] | list[int]] = {
    ("positions", "stance"): [s.value for s in Stance],
    ("proposals", "status"): [s.value for s in ProposalStatus],
    ("parties", "role"): [r.value for r in PartyRole],
    ("assessments", "gap"): [g.value for g in Gap],
    ("sources", "reliability"): sorted(RELIABILITY),
    ("sources", "credibility"): sorted(CREDIBILITY),
}
_DATES = {
    "events": ("date", "end_date"), "positions": ("date",), "proposals": ("date",),
    "sources": ("date",), "assessments": ("date",),
}


@cache
def expected_columns() -> dict[str, tuple[str, ...]]:
    """Every table of a case made by this version, with its columns.

    Read from `expected_schema.py`, written out from the migrations, while it was
    written for the migrations this version has (making a case in memory to ask
    it costs 50 ms of every start); made afresh otherwise.
    """
    from . import expected_schema
    from .schema import MIGRATION_NAMES

    if expected_schema.MIGRATIONS == MIGRATION_NAMES:
        return expected_schema.COLUMNS
    return made_columns()


def made_columns() -> dict[str, tuple[str, ...]]:
    """Every table of a case made now, in memory, by the migrations, with its columns."""
    from .connection import _configure
    from .schema import apply_migrations

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply_migrations(_configure(conn, read_only=True))
        return _columns(conn)
    finally:
        conn.close()


def _columns(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    tables = [r[0] for r in sqlite3.Connection.execute(
        # views too: the old link tables' names (schema m012) are read through them
        conn, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%'")]
    found = {}
    for t in tables:
        try:
            found[t] = tuple(r[1] for r in sqlite3.Connection.execute(
                conn, f'PRAGMA table_info("{t}")'))
        except sqlite3.OperationalError:  # a view over a table that is gone: missing too
            continue
    return found


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """What is missing from the file's tables and columns, in words."""
    found = _columns(conn)
    problems = []
    for table, columns in expected_columns().items():
        if table not in found:
            problems.append(f"the table “{table}” is missing")
            continue
        missing = [c for c in columns if c not in found[table]]
        if missing:
            problems.append(f"the table “{table}” has no column {', '.join(map(repr, missing))}"
                            f" (it has {', '.join(found[table])})")
    return problems


def value_problems(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    """The values of `tables` this app cannot read, named with their column and count."""
    problems = []
    for (table, column), words in _WORDS.items():
        if table in tables:
            marks = ", ".join("?" for _ in words)
            problems += _named(conn, table, column, f'"{column}" NOT IN ({marks})', list(words),
                               f"is not one of {', '.join(map(str, words))}")
    for table, columns in _DATES.items():
        if table in tables:
            for column in columns:
                condition = (f'"{column}" IS NOT NULL AND '
                             + " AND ".join(f'"{column}" NOT GLOB ?' for _ in _DATE_FORMS))
                problems += _named(conn, table, column, condition, list(_DATE_FORMS),
                                   "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return problems


def _named(conn: sqlite3.Connection, table: str, column: str, condition: str,
           params: list, why: str) -> list[str]:
    rows = sqlite3.Connection.execute(
        conn, f'SELECT "{column}", count(*) FROM "{table}" WHERE {condition} '
        f'GROUP BY "{column}" LIMIT 3', params).fetchall()
    return [f"{table}.{column} {value!r} ({count:,} record{'s' if count != 1 else ''}) {why}"
            for value, count in rows]


def broken_check_tables(findings: list[str]) -> list[str]:
    """The tables quick_check found a CHECK constraint broken in."""
    prefix = "CHECK constraint failed in "
    return sorted({f[len(prefix):].split()[0] for f in findings if f.startswith(prefix)})


def _recover_hint(path: Path) -> str:
    return (f"salvage every readable record into a new case with “negotiations-gui recover "
            f"{path.name} NEW.nego”, or open a backup copy")


def refuse_unreadable(path: Path, problems: list[str]) -> None:
    """Raise, naming `problems`, when there are any: the case cannot be read as it is."""
    if problems:
        listed = "; ".join(problems[:4]) + ("; …" if len(problems) > 4 else "")
        raise DamagedFileError(path, f"another program changed this case so that it can no "
                               f"longer be read: {listed}. Nothing was changed; "
                               f"{_recover_hint(path)}.")


def check_opened(conn: GuardedConnection, path: Path, budget_s: float, *,
                 schema_too: bool) -> DamagedFileError | None:
    """The open-time check: damage found turns `conn` read-only and is returned; tables,
    columns or values this app cannot read are refused (raised), naming them."""
    return judge_findings(conn, path, quick_check(conn, budget_s) or [], schema_too=schema_too)


def judge_findings(conn: GuardedConnection, path: Path, findings: list[str], *,
                   schema_too: bool) -> DamagedFileError | None:
    """What quick_check's `findings` mean for the case open on `conn` (see check_opened)."""
    structural = [f for f in findings if not f.startswith(_VALUE_FINDINGS)]
    if structural:
        listed = "; ".join(structural[:3]) + ("; …" if len(structural) > 3 else "")
        conn.mark_damaged(DamagedFileError(path, (
            f"the file is damaged (SQLite's check found: {listed}). It is open read-only: "
            "nothing more will be written to it. Keep it as it is with File > Save a Copy, "
            f"and {_recover_hint(path)}.")))
        return conn.damage
    problems = schema_problems(conn) if schema_too else []
    tables = broken_check_tables(findings)
    if tables and not problems:
        problems = value_problems(conn, tables) or [
            f"a value in {', '.join(tables)} breaks the case's rules"]
    refuse_unreadable(path, problems)
    return None
