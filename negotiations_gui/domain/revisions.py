"""Revisions: every change to a record, kept, with who made it, when and where.

A *change* is one user action (an edit, a deletion with what it took along,
a CSV import, an undo, a merge): one transaction. It holds one *revision* per
record it touched, each with the record's values before and after as plain
dicts (the JSON export's fields; `None` for "did not exist"). Plain Python
here: the store writes and reads them, the inspector and the merge dialog
show them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .dates import PartialDate

# what a change was; the words the inspector shows
CHANGE_WORDS = {
    "create": "created",
    "edit": "edited",
    "delete": "deleted",
    "import": "imported",
    "imported": "recorded before revision history began; kept",
    "undo": "changed back (undo)",
    "redo": "changed again (redo)",
    "restore": "restored an earlier version",
    "merge": "merged",
}

# fields that say when a record was stored, not what it says
STAMP_FIELDS = frozenset({"created_at", "updated_at"})


@dataclass(frozen=True)
class Revision:
    """One record's values before and after one change."""

    record_id: str
    kind: str  # "party", "position", ... or "case" for the case's properties
    before: dict | None  # None: the change created the record (or is not known, see `what`)
    after: dict | None  # None: the change deleted it
    what: str  # a key of CHANGE_WORDS
    author: str
    at: str  # UTC ISO timestamp, when the change was made
    replica_id: str  # the copy of the case file it was made in
    seq: int  # its number among that copy's changes
    note: str = ""  # e.g. the CSV file's name for an import

    @property
    def change_key(self) -> tuple[str, int]:
        """The change's identity in every copy of the case."""
        return (self.replica_id, self.seq)


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    """Names of the fields whose values differ, stamps left out, in field order."""
    if before is None or after is None:
        return []
    names = list(dict.fromkeys([*before, *after]))
    return [n for n in names if n not in STAMP_FIELDS and before.get(n) != after.get(n)]


def same_values(a: dict | None, b: dict | None) -> bool:
    """True when two versions of a record say the same thing (stamps aside)."""
    if a is None or b is None:
        return a is b
    return not changed_fields(a, b)


def when_text(stamp: str) -> str:
    """'3 Sep 2025 14:02 UTC' from an ISO UTC timestamp."""
    try:
        moment = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment.day} {moment.strftime('%b %Y %H:%M')} UTC"


def value_text(value) -> str:
    """A field's value as a short plain text."""
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def verb(revision: Revision) -> str:
    """What happened to this record: a deletion may only have edited the records it unlinked."""
    if revision.what in ("create", "edit", "delete"):
        if revision.before is None:
            return CHANGE_WORDS["create"]
        return CHANGE_WORDS["delete" if revision.after is None else "edit"]
    return CHANGE_WORDS.get(revision.what, revision.what)


def describe(revision: Revision) -> str:
    """One line for the inspector: 'edited by R. Cohen, 3 Sep 2025 14:02 UTC: summary was …'."""
    who = revision.author or "an unnamed analyst"
    head = f"{verb(revision)} by {who}, {when_text(revision.at)}"
    if revision.note:
        head += f" ({revision.note})"
    before = revision.before or {}
    fields = changed_fields(revision.before, revision.after)
    if fields:
        parts = [f"{name.replace('_', ' ')} was {value_text(before.get(name))}"
                 for name in fields]
        return f"{head}: " + "; ".join(parts)
    if revision.after is None and revision.before is not None:
        return f"{head}: the record was removed"
    return head


# -- "as known on": what the case said as recorded up to a moment ---------------------

class KnownOnError(ValueError):
    """A known-on moment that cannot be read."""


def parse_known_on(text: str) -> str:
    """The UTC moment a known-on text names, as stored stamps are written.

    "2025-08-20" is the end of that day (UTC); "2025-08-20 14:02",
    "2025-08-20T14:02:03.123456Z" and "2025-08-20 14:02:03.123456 UTC" (the
    form exports print) name that moment. A moment without a zone is UTC.
    """
    cleaned = text.strip()
    if cleaned.upper().endswith(" UTC"):
        cleaned = cleaned[:-4].strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        if len(cleaned) == 10:
            day = _dt.date.fromisoformat(cleaned)
            moment = _dt.datetime.combine(day, _dt.time.max, _dt.UTC)
        else:
            moment = _dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise KnownOnError(
            f"'{text}' is not a date or a moment; write it as 2025-08-20 or "
            "2025-08-20 14:02 (UTC).") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC).isoformat(timespec="microseconds")


def known_on_day_stamp(day: PartialDate) -> str:
    """The moment "as known on `day`" means: the end of its last day, in UTC (a month
    or a year ends with its last day), as `parse_known_on` reads a day."""
    return parse_known_on(day.end().isoformat())


def known_on_text(stamp: str) -> str:
    """The exact moment: 'As known on 2025-08-20 14:02:03.123456 UTC' (`--known-on`
    with it regenerates the same export; exports keep it in their metadata)."""
    moment = _dt.datetime.fromisoformat(stamp).astimezone(_dt.UTC)
    return f"As known on {moment:%Y-%m-%d %H:%M:%S.%f} UTC"


def known_on_words(stamp: str) -> str:
    """What an export prints: 'As known on 2 Dec 2026, 09:14 UTC', or for the end of a
    day (a known-on date) 'As known on 20 Aug 2025 (end of day, UTC)'."""
    moment = _dt.datetime.fromisoformat(stamp).astimezone(_dt.UTC)
    day = f"{moment.day} {moment:%b %Y}"
    if moment.time() == _dt.time.max:
        return f"As known on {day} (end of day, UTC)"
    return f"As known on {day}, {moment:%H:%M} UTC"
