"""The revision log keyed by integers inside the file, UUIDs outside it (schema m016).

A revision named its record by its 36-character UUID (`revisions.record_id`):
at a million imported events that text was most of the log's 55 MiB. Now the
log (`revision_log`) names a record by two small integers, its kind's code
(`revision_kinds`) and a key within the kind (`record`), ~15 bytes a row:

- a record that is in the file is keyed by its integer key `n` (schema m012);
- any other record the log names (one deleted here, one a merge brought
  revisions of before, or without, the record itself, the case itself, an
  assessment, which has no `n`) is keyed by a row of `revision_names`
  (kind, record, id). A record deleted here keeps its `n` there (a trigger on
  each record table writes it as the row goes); any other gets a negative key.
  The record tables count `n` with AUTOINCREMENT, so that a deleted record's
  `n` is never given to a new one (its revisions would become the new
  record's); a name written with a positive key raises the count past it.

So one record may have revisions under more than one key (its `n`, and a name
from before it came into this file): `revision_records` lists every (kind,
record) each UUID has, and reads by record go through it. `revisions` stays
as a view with its old columns (UUIDs and kind words), so any SQLite tool and
any query of ours that reads the whole log reads it as before; inserting into
it finds or makes the record's key. The log is append-only as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from .event_keys import ids_in

# kind -> the record table whose `n` keys it (None: keyed by name only), in code order
KINDS = (("case", None), ("party", "parties"), ("issue", "issues"), ("source", "sources"),
         ("event", "events"), ("proposal", "proposals"), ("position", "positions"),
         ("assessment", None))
CODES = {kind: code for code, (kind, _) in enumerate(KINDS, start=1)}
KEYED_TABLES = {kind: table for kind, table in KINDS if table is not None}

APPEND_ONLY = "SELECT RAISE(ABORT, 'the revision log is append-only');"


def live_key(code: str, record_id: str) -> str:
    """SQL: the `n` of the record of kind `code` with UUID `record_id` (NULL: none here)."""
    arms = " ".join(f"WHEN {CODES[kind]} THEN (SELECT n FROM {table} WHERE id = {record_id})"
                    for kind, table in KEYED_TABLES.items())
    return f"CASE {code} {arms} END"


def _live_id(code: str, record: str) -> str:
    arms = " ".join(f"WHEN {CODES[kind]} THEN (SELECT id FROM {table} WHERE n = {record})"
                    for kind, table in KEYED_TABLES.items())
    return f"CASE {code} {arms} END"


def _named_key(code: str, record_id: str) -> str:
    # the latest name wins: a record deleted twice has its last `n`, past any negative key
    return (f"(SELECT max(record) FROM revision_names WHERE id = {record_id} "
            f"AND kind = {code})")


def tables() -> list[str]:
    """The log's tables, empty but for the kinds' codes."""
    kinds = ", ".join(f"({code}, '{kind}', " + (f"'{table}')" if table else "NULL)")
                      for code, (kind, table) in enumerate(KINDS, start=1))
    return [
        """CREATE TABLE revision_kinds (
            code INTEGER PRIMARY KEY,
            kind TEXT NOT NULL UNIQUE,
            records TEXT)""",
        f"INSERT INTO revision_kinds (code, kind, records) VALUES {kinds}",
        """CREATE TABLE revision_names (
            kind INTEGER NOT NULL REFERENCES revision_kinds(code),
            record INTEGER NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (kind, record)) WITHOUT ROWID""",
        "CREATE INDEX revision_names_by_id ON revision_names(id, kind)",
        """CREATE TABLE revision_log (
            kind INTEGER NOT NULL REFERENCES revision_kinds(code),
            record INTEGER NOT NULL,
            change INTEGER NOT NULL REFERENCES changes(n),
            before TEXT,
            after TEXT,
            PRIMARY KEY (kind, record, change)) WITHOUT ROWID""",
    ]


def views_and_triggers() -> list[str]:
    """The views over the log, and the triggers that keep its keys right."""
    keyed = " UNION ALL ".join(f"SELECT {CODES[kind]}, n, id FROM {table}"
                               for kind, table in KEYED_TABLES.items())
    live = live_key("k.code", "NEW.record_id")
    return [
        ("CREATE VIEW revisions (change, record_id, kind, before, after) AS "
         f"SELECT l.change, coalesce({_live_id('l.kind', 'l.record')}, "
         "(SELECT m.id FROM revision_names m WHERE m.kind = l.kind AND m.record = l.record)), "
         "k.kind, l.before, l.after FROM revision_log l JOIN revision_kinds k ON k.code = l.kind"),
        ("CREATE VIEW revision_records (kind, record, id) AS "
         f"{keyed} UNION ALL SELECT kind, record, id FROM revision_names"),
        ("CREATE TRIGGER revisions_insert INSTEAD OF INSERT ON revisions BEGIN "
         "INSERT OR IGNORE INTO revision_kinds (kind) VALUES (NEW.kind); "
         "INSERT INTO revision_names (kind, record, id) "
         "SELECT k.code, min(0, coalesce((SELECT min(record) FROM revision_names "
         "WHERE kind = k.code), 0)) - 1, NEW.record_id FROM revision_kinds k "
         f"WHERE k.kind = NEW.kind AND ({live}) IS NULL "
         f"AND {_named_key('k.code', 'NEW.record_id')} IS NULL; "
         "INSERT INTO revision_log (kind, record, change, before, after) "
         f"SELECT k.code, coalesce({live}, {_named_key('k.code', 'NEW.record_id')}), "
         "NEW.change, NEW.before, NEW.after FROM revision_kinds k WHERE k.kind = NEW.kind; END"),
        *(f"CREATE TRIGGER revisions_no_{what.lower()} INSTEAD OF {what} ON revisions BEGIN "
          f"{APPEND_ONLY} END" for what in ("UPDATE", "DELETE")),
        *(f"CREATE TRIGGER revision_log_no_{what.lower()} BEFORE {what} ON revision_log BEGIN "
          f"{APPEND_ONLY} END" for what in ("UPDATE", "DELETE")),
        # a name with a positive key is an `n` some record had: never to be given again
        ("CREATE TRIGGER revision_names_keep_n AFTER INSERT ON revision_names "
         "WHEN NEW.record > 0 BEGIN "
         "INSERT INTO sqlite_sequence (name, seq) SELECT k.records, NEW.record "
         "FROM revision_kinds k WHERE k.code = NEW.kind AND k.records IS NOT NULL "
         "AND NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = k.records); "
         "UPDATE sqlite_sequence SET seq = NEW.record WHERE seq < NEW.record "
         "AND name = (SELECT records FROM revision_kinds WHERE code = NEW.kind); END"),
        *(f"CREATE TRIGGER {table}_gone_named AFTER DELETE ON {table} "
          f"WHEN EXISTS (SELECT 1 FROM revision_log WHERE kind = {CODES[kind]} "
          "AND record = OLD.n) BEGIN "
          f"INSERT OR IGNORE INTO revision_names (kind, record, id) "
          f"VALUES ({CODES[kind]}, OLD.n, OLD.id); END"
          for kind, table in KEYED_TABLES.items()),
    ]


CHUNK = 500  # ids a lookup names at most


def known_keys(db: Database, wanted: Iterable[tuple[str, str]]
               ) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, id) -> (kind's code, record) for those of `wanted` the log has a key for:
    the record's `n` when it is here, else its latest name (as the view's trigger picks)."""
    ids_by_kind: dict[str, list[str]] = {}
    for kind, record_id in wanted:
        ids_by_kind.setdefault(kind, []).append(record_id)
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for kind, ids in ids_by_kind.items():
        code = CODES.get(kind)
        if code is None:
            continue  # a kind of another version: the view's trigger numbers it
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = (f"SELECT id, max(record) FROM revision_names WHERE kind = {code} "
                   f"AND id IN ({marks}) GROUP BY id")
            lookups = [(sql, chunk)]
            if kind in KEYED_TABLES:  # read last: the record's own `n` wins
                table = KEYED_TABLES[kind]
                inside, values = ids_in(table, chunk)
                lookups.append((f"SELECT id, n FROM {table} WHERE {inside}", values))
            for sql, values in lookups:
                found.update(((kind, i), (code, record))
                             for i, record in db.execute(sql, values).fetchall())
    return found
