"""What a record list must show, worked out the slow way: every record read from the
store, sorted and filtered in Python by the rules the list promises
(`store/record_lists.py`): text ignoring the case of ASCII letters, dates by ISO
text, grades by grade, an event's description by its first 32 characters, ties by
the order entered, a row shown when any cell contains the filter text."""

from __future__ import annotations

import string

from negotiations_gui.domain.bidi import visible
from negotiations_gui.store.list_keys import DESCRIPTION_KEY_CHARS
from negotiations_gui.ui.lists.columns import COLUMNS, Names
from negotiations_gui.ui.record_kinds import KINDS

_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """Case-folded as the store compares; without the bidi isolates a cell joining
    several names puts around each (they show nothing, and the store sorts by names)."""
    return visible(text).translate(_ASCII_FOLD)


def _key(kind: str, title: str, record, text: str):
    if title in ("Date", "End"):
        date = record.end if title == "End" else record.date
        return date.iso if date else ""
    if title == "Grade":
        return record.grade
    if title == "Stance":
        return record.stance.label
    if title == "Order":
        return record.sort_order
    if kind == "event" and title == "Description":
        return fold(text[:DESCRIPTION_KEY_CHARS])
    return fold(text)


def expected_rows(store, kind: str, column: int, descending: bool, needle: str = ""):
    """(id, [cell texts]) of every row the list shows, top to bottom."""
    names = Names.of(store)
    columns = COLUMNS[kind]
    entered = dict(store.db.execute(f"SELECT id, rowid FROM {KINDS[kind].table}").fetchall())
    rows = []
    for record in KINDS[kind].all(store):
        texts = [c.text(record, names) for c in columns]
        if needle and not any(fold(needle.strip()) in fold(t) for t in texts):
            continue
        key = _key(kind, columns[column].title, record, texts[column])
        rows.append(((key, entered[record.id]), record.id, [t.replace("\n", " ") for t in texts]))
    rows.sort(key=lambda row: row[0], reverse=descending)
    return [(record_id, cells) for _key, record_id, cells in rows]
