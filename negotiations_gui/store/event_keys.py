"""Events keyed by their UUID as 16 bytes (schema m017, issue 13).

An event's UUID was held as 36 characters twice, in the row and in its
UNIQUE index: 80 of the 278 MiB of a case of a million events. The table now
holds `key`: the UUID's 16 bytes when the id is a canonical lowercase UUID
(what this program makes), else the id's text itself, so that any id (from an
old or hand-made JSON file) comes back as it went in. `id` is a VIRTUAL
generated column that spells the key out again: every read of `events.id`
reads as before and costs no byte. A lookup by id must ask for `key`, with
the id converted: `event_key` in Python, `key_sql` in SQL (SQLite 3.40 has
no unhex(); the SQL builds the bytes from one 256-byte blob).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def event_key(record_id):
    """The `key` of the event whose id is `record_id` (bytes, or the text itself)."""
    if isinstance(record_id, str) and _CANONICAL.match(record_id):
        return bytes.fromhex(record_id.replace("-", ""))
    return record_id


def event_id(key) -> str:
    """The id of the event whose `key` is `key` (the inverse of `event_key`)."""
    if isinstance(key, bytes):
        h = key.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return key


# SQL: `id` spelled out from `key`, as the generated column does
_HEX = "hex(key)"
ID_SQL = (f"CASE WHEN typeof(key) = 'blob' THEN lower(substr({_HEX}, 1, 8) || '-' || "
          f"substr({_HEX}, 9, 4) || '-' || substr({_HEX}, 13, 4) || '-' || "
          f"substr({_HEX}, 17, 4) || '-' || substr({_HEX}, 21)) ELSE key END")
ID_COLUMN = f"id TEXT NOT NULL GENERATED ALWAYS AS ({ID_SQL}) VIRTUAL"

_DIGITS = "0123456789abcdef"
_BYTES = "X'" + "".join(f"{i:02x}" for i in range(256)) + "'"
_PATTERN = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))
# where each byte's two hex digits are in the 36 characters
_PAIRS = [i for i in range(1, 37) if i not in (9, 14, 19, 24)][::2]


def key_sql(id_sql: str) -> str:
    """SQL: the `key` of the event whose id is the value of `id_sql` (as `event_key`).

    `a || b` of blobs is their bytes as text; CAST back to BLOB keeps them."""
    def byte(at: int) -> str:
        return (f"substr(b, 16 * instr('{_DIGITS}', substr(t, {at}, 1)) + "
                f"instr('{_DIGITS}', substr(t, {at + 1}, 1)) - 16, 1)")
    joined = " || ".join(byte(at) for at in _PAIRS)
    return (f"(SELECT CASE WHEN t GLOB '{_PATTERN}' THEN CAST({joined} AS BLOB) ELSE t END "
            f"FROM (SELECT {_BYTES} AS b, {id_sql} AS t))")


def id_column(table: str) -> str:
    """The column a lookup of a record of `table` by id asks for."""
    return "key" if table == "events" else "id"


def id_value(table: str, record_id):
    """The value to bind for that column."""
    return event_key(record_id) if table == "events" else record_id


def id_values(table: str, ids: Sequence) -> list:
    return [id_value(table, i) for i in ids]


def n_by_id(table: str, value_sql: str = "?") -> str:
    """SQL: the `n` of the record of `table` whose id column holds `value_sql` (bind
    `id_value`)."""
    return f"(SELECT n FROM {table} WHERE {id_column(table)} = {value_sql})"


def ids_in(table: str, ids: Sequence, alias: str = "") -> tuple[str, list]:
    """`column IN (?, ?, …)` finding the records of `table` with those ids, and its
    parameters."""
    return (f"{alias}{id_column(table)} IN ({', '.join('?' for _ in ids)})",
            id_values(table, ids))


def id_matches(table: str, column: str, value_sql: str) -> str:
    """SQL: `column` (the id column of `table`, with its alias: `t.id`) matches the id
    that `value_sql` gives (a column of another table, `j.value` …)."""
    if table != "events":
        return f"{column} = {value_sql}"
    return f"{column.removesuffix('id')}key = {key_sql(value_sql)}"


# references that triggers keep (m017), not a FOREIGN KEY clause: (table, column,
# parent table, parent column); PRAGMA foreign_key_check does not see them
TRIGGER_REFERENCES = (("positions", "event_id", "events", "id"),)


def dangling_sql(table: str, column: str, parent: str, parent_column: str) -> str:
    """SQL: the rows of `table` whose `column` names no row of `parent`."""
    found = (id_matches(parent, "p.id", f'"{table}"."{column}"') if parent_column == "id"
             else f'p."{parent_column}" = "{table}"."{column}"')
    return f'"{column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE {found})'
