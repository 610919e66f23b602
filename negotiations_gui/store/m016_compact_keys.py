"""Schema m016: the revision log keyed by integers (issue 13; store/revision_keys.py).

- The record tables count their `n` with AUTOINCREMENT (a deleted record's
  `n` is never given again, as the log's keys need): each is made again, as
  SQLite's documented rebuild does, with every index and trigger on it as the
  file has them (read from sqlite_master: later migrations may add more).
- The revisions move from `revisions` (UUID text) to `revision_log`, each
  keyed by its record's `n` when the record is in the file, else by a name
  (`revision_names`) with a negative key; `revisions` becomes the view that
  shows them as before.

Registered with `schema._migration` after the migrations before it.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from . import integer_keys, revision_keys, schema

_KEY = "n INTEGER PRIMARY KEY"


def counted_table(db: Database, table: str) -> list[str]:
    """`table` made again with `n INTEGER PRIMARY KEY AUTOINCREMENT`, its indexes and
    triggers after it; nothing when it counts so already."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                     [table]).fetchone()[0]
    if "AUTOINCREMENT" in sql.upper():
        return []
    head = re.match(rf'CREATE TABLE ("?){table}\1 \(', sql)
    if head is None or sql.count(_KEY) != 1:
        raise ValueError(f"the table {table} is not as this version made it: {sql[:80]}")
    new = (f"CREATE TABLE {table}_counted (" + sql[head.end():]).replace(
        _KEY, f"{_KEY} AUTOINCREMENT", 1)
    columns = ", ".join(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
    # indexes and triggers on the table go with it; made again after it
    kept = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, name", [table])]
    return [
        new,
        f"INSERT INTO {table}_counted ({columns}) SELECT {columns} FROM {table} ORDER BY n",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_counted RENAME TO {table}",
        *kept,
    ]


def moved_revisions() -> list[str]:
    """The rows of the old `revisions` table into `revision_log`, then the view in its
    place. Records not in the file get names, numbered -1, -2 … within their kind."""
    live = revision_keys.live_key("k.code", "r.record_id")
    named = ("(SELECT m.record FROM revision_names m WHERE m.id = r.record_id "
             "AND m.kind = k.code)")
    return [
        *revision_keys.tables(),
        ("INSERT OR IGNORE INTO revision_kinds (kind) "
         "SELECT DISTINCT kind FROM revisions ORDER BY kind"),
        ("INSERT INTO revision_names (kind, record, id) "
         "SELECT code, -row_number() OVER (PARTITION BY code ORDER BY record_id), record_id "
         "FROM (SELECT DISTINCT k.code AS code, r.record_id AS record_id FROM revisions r "
         f"JOIN revision_kinds k ON k.kind = r.kind WHERE ({live}) IS NULL)"),
        ("INSERT INTO revision_log (kind, record, change, before, after) "
         f"SELECT k.code, coalesce({live}, {named}), r.change, r.before, r.after "
         "FROM revisions r JOIN revision_kinds k ON k.kind = r.kind ORDER BY 1, 2, 3"),
        "DROP TABLE revisions",  # with its append-only triggers
        *revision_keys.views_and_triggers(),
    ]


@schema._migration
def m016_compact_keys(db: Database) -> None:
    """Record tables counting `n`; revisions keyed by (kind, n) (revision_keys.py)."""
    legacy = db.execute("PRAGMA legacy_alter_table").fetchone()[0]
    # views and triggers that name a rebuilt table are left as they are by the rename:
    # they name the table that takes its place
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        for table in integer_keys.RECORD_TABLES:
            for statement in counted_table(db, table):
                db.execute(statement)
        for statement in moved_revisions():
            db.execute(statement)
    finally:
        db.execute(f"PRAGMA legacy_alter_table = {int(legacy)}")
