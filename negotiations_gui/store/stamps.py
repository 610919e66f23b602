"""Record timestamps as the events table stores them: integers (schema m014).

The domain keeps a record's `created_at` and `updated_at` as text, the form
`records.now_stamp` writes: UTC with microseconds, '2025-08-12T09:30:00.123456+00:00'
(32 characters). The events table keeps that form as the number of microseconds
since 1970-01-01 UTC (8 bytes): at a million events the two texts were 62 MiB
of the file. `encode` is what to write, `decode` what was read; the round trip
gives back the same text. A stamp in any other form (another offset, no
microseconds: a JSON file from elsewhere) is kept as the text it is, so nothing
is lost; such a stamp sorts after every integer (SQLite orders INTEGER before
TEXT), and `created_after` compares each kind with its like.

Other tables keep their stamps as text.
"""

from __future__ import annotations

import datetime as _dt
import re

EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_MICROSECOND = _dt.timedelta(microseconds=1)
_CANONICAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00")

# the same test and conversion in SQL, for the migration of stamps already stored as text:
# the canonical form whose seconds SQLite reads back as the same text (no '2025-02-30')
_SECONDS = "CAST(strftime('%s', substr({c}, 1, 19)) AS INTEGER)"
CANONICAL_SQL = (
    "(typeof({c}) = 'text' AND {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
    "[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00' "
    "AND substr({c}, 1, 4) >= '0001' AND strftime('%Y-%m-%dT%H:%M:%S', "
    + _SECONDS + ", 'unixepoch') = substr({c}, 1, 19))")
MICROS_SQL = "(" + _SECONDS + " * 1000000 + CAST(substr({c}, 21, 6) AS INTEGER))"


def micros(moment: _dt.datetime) -> int:
    """Microseconds since 1970-01-01 UTC of an aware datetime."""
    return (moment - EPOCH) // _MICROSECOND


def encode(stamp: str) -> int | str:
    """What the events table stores for the stamp `stamp` (see the module docstring)."""
    if _CANONICAL.fullmatch(stamp):
        try:
            return micros(_dt.datetime.fromisoformat(stamp))
        except ValueError:  # '2025-02-30…': not a time at all; kept as it was written
            pass
    return stamp


def decode(value: int | str) -> str:
    """The stamp as the domain holds it, from what the events table stored."""
    if isinstance(value, int):
        return (EPOCH + value * _MICROSECOND).isoformat(timespec="microseconds")
    return value


def stored_sql(column: str) -> str:
    """SQL for what `encode` makes of the text in `column` (the migration's conversion)."""
    return (f"(CASE WHEN {CANONICAL_SQL.format(c=column)} THEN {MICROS_SQL.format(c=column)} "
            f"ELSE {column} END)")


def created_after(column: str, moment: str) -> tuple[str, list]:
    """SQL (and its parameters) for rows whose stamp in `column`, integer or text, is
    later than `moment` (a stamp), each kind compared with its like."""
    try:
        parsed = _dt.datetime.fromisoformat(moment)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        return f"(typeof({column}) = 'text' AND {column} > ?)", [moment]
    later = f"(CASE typeof({column}) WHEN 'integer' THEN {column} > ? ELSE {column} > ? END)"
    return later, [micros(parsed), moment]
