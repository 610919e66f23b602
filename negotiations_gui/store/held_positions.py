"""What the grid shows of every position, held in memory: a new date without row reads.

Next to each cell's order (`CellOrder`, as_of_cells.py), `ShownFields` holds
for every position what the window's grid shows of it: its id, stance,
summary, the precision of its date (the date itself is the cell order's key)
and its sources. A new as-of date then needs no table page read at all
(each found row was one 4 KB read from outside SQLite's cache: most of a cold
date's cost on a large case).

Compactly, not one object per position: the ids as 16 bytes each (UUID text
in its canonical form; any other id is kept as text aside), stance and
precision in one byte, the summaries' UTF-8 in one buffer with offsets, the
sources as an index into their distinct lists. About 26 bytes a position plus
its summary's length.

`HeldPosition` is a `Position` built from these: the fields the grid shows
are set, the others (detail, proposal, event, stamps) are read from the file
when first asked for, on the connection that made it: by rowid while the
file is as it was, else by the position's id (its record as it is now; a
record deleted since reads as empty). Only the window's grid is given these
(`CaseQueries.grid_snapshot(..., shown_only=True)`); every other reader gets
whole positions, read as before.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from array import array
from dataclasses import fields
from itertools import accumulate, islice

from ..domain import PartialDate, Position, Stance

_STANCE_LIST = list(Stance)
_APPROX, _ODD_ID = 16, 32  # bits of a code above the stance's number
_CANONICAL = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*")
# per position: rowid, id, code (stance's number, + _APPROX; negative for a stance the
# vocabulary lacks), summary, sources (NULL for none): SQLite makes the code, not Python
_STANCE_CASE = " ".join(f"WHEN '{s.value.replace(chr(39), chr(39) * 2)}' THEN {n}"
                        for n, s in enumerate(_STANCE_LIST))
_SHOWN_ROWS = (f"SELECT t.rowid, t.id, (CASE t.stance {_STANCE_CASE} ELSE -1000 END) + "
               f"(CASE WHEN t.date_approx THEN {_APPROX} ELSE 0 END), t.summary, "
               "nullif(t.source_ids, '[]') FROM positions t ORDER BY t.rowid")
# the fields a HeldPosition reads when first asked for
LAZY = ("detail", "proposal_id", "event_id", "created_at", "updated_at")
_REST = "t.detail, t.proposal_id, t.event_id, t.created_at, t.updated_at"
_NONE_LEFT = ("", None, None, None, None)  # a record deleted since
_new_object = object.__new__


def file_state(conn: sqlite3.Connection) -> tuple[int, int]:
    """The state of the file as this connection sees it: its count of changed rows (every
    write, rolled back or not) with SQLite's data_version (a commit by another one)."""
    return (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])


class _Lazy:
    """A field of a HeldPosition read from the file when first asked for."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return getattr(Position, self.name)
        values = obj.__dict__
        if self.name not in values:
            _complete(obj)
        return values[self.name]

    def __set__(self, obj, value):  # (dataclass __init__ and replace set every field)
        obj.__dict__[self.name] = value


class HeldPosition(Position):
    """A position made from `ShownFields`; equal to (and hashed as) the whole position."""

    __slots__ = ("_held",)
    _held: tuple[sqlite3.Connection, tuple[int, int], int]  # the file's state then, rowid
    detail = _Lazy()
    proposal_id = _Lazy()
    event_id = _Lazy()
    created_at = _Lazy()
    updated_at = _Lazy()

    def __eq__(self, other):
        if isinstance(other, Position):
            return _values(self) == _values(other)
        return NotImplemented

    __hash__ = Position.__hash__

    def __reduce__(self):  # a copy or a pickle is a whole, plain Position
        return (Position, _values(self))


_FIELDS = tuple(f.name for f in fields(Position))
_HELD = HeldPosition.__dict__["_held"]  # (the slot's descriptor)


def _values(position: Position) -> tuple:
    return tuple(getattr(position, name) for name in _FIELDS)


def is_complete(position: Position) -> bool:
    return type(position) is not HeldPosition or "detail" in position.__dict__


def complete(position: HeldPosition, values) -> None:
    """Set the fields read when asked for (a row of _REST's columns)."""
    position.__dict__.update(zip(LAZY, values))


def _complete(position: HeldPosition) -> None:
    conn, state, rowid = position._held
    if file_state(conn) == state:  # the same row as when it was made
        row = conn.execute(f"SELECT {_REST} FROM positions t WHERE t.rowid = ?", [rowid])
    else:  # changed since: the record as it is now
        row = conn.execute(f"SELECT {_REST} FROM positions t WHERE t.id = ?",
                           [position.__dict__["id"]])
    complete(position, row.fetchone() or _NONE_LEFT)


class ShownFields:
    """Per position (by rowid), what the grid shows of it."""

    def __init__(self, slots: array, codes: bytearray, ids: bytes, odd_ids: dict[int, str],
                 ends: array, texts: bytes, sources: array, source_lists: list):
        self._slots = slots  # rowid -> its slot in the other sequences
        self._codes, self._ids, self._odd_ids = codes, ids, odd_ids
        self._ends, self._texts = ends, texts  # summary k: texts[ends[k]:ends[k + 1]]
        self._sources, self._source_lists = sources, source_lists
        self._dates: dict[int, PartialDate] = {}  # by date key * 2 + approximate

    @property
    def nbytes(self) -> int:
        return sum(sys.getsizeof(x) for x in (self._slots, self._codes, self._ids, self._ends,
                                               self._texts, self._sources))

    def answer(self, conn: sqlite3.Connection, state: tuple[int, int],
               found: list[tuple[tuple[str, str], int, int]], read: dict[int, Position]
               ) -> tuple[dict[tuple[str, str], Position], int]:
        """Each found (cell, rowid, date key) as a position, by cell: the one `read` holds
        for the rowid, else a HeldPosition made here (and put in `read`); with how many
        were made."""
        slots, codes, ids, odd_ids = self._slots, self._codes, self._ids, self._odd_ids
        ends, texts, sources, lists = self._ends, self._texts, self._sources, self._source_lists
        dates, stances, new_object, held_by = self._dates, _STANCE_LIST, _new_object, _HELD.__set__
        answer: dict[tuple[str, str], Position] = {}
        made = 0
        for cell, rowid, key in found:
            position = read.get(rowid)
            if position is None:
                slot = slots[rowid]
                code = codes[slot]
                if code & _ODD_ID:
                    ident = odd_ids[slot]
                else:
                    h = ids[16 * slot:16 * slot + 16].hex()
                    ident = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
                approx = 1 if code & _APPROX else 0
                date = dates.get(2 * key + approx)
                if date is None:
                    date = dates[2 * key + approx] = _date_of_key(key, approx)
                position = read[rowid] = new_object(HeldPosition)
                values = position.__dict__
                values["party_id"], values["issue_id"] = cell
                values["date"], values["stance"] = date, stances[code & 15]
                values["summary"] = texts[ends[slot]:ends[slot + 1]].decode()
                values["source_ids"], values["id"] = lists[sources[slot]], ident
                held_by(position, (conn, state, rowid))
                made += 1
            answer[cell] = position
        return answer, made


def _date_of_key(key: int, approx: int) -> PartialDate:
    """The date whose text has this key (as_of_cells.date_key), at its precision."""
    month, day = key // 100 % 100 - 1, key % 100 - 1
    text = f"{key // 10000:04d}" + (f"-{month:02d}" if month >= 0 else "") + (
        f"-{day:02d}" if day >= 0 else "")
    return PartialDate.parse(("~" if approx else "") + text)


def read_shown(conn: sqlite3.Connection) -> ShownFields | None:
    """Every position's shown fields, in one pass over the table in rowid order (inside
    the caller's read transaction); None when a stance is not one of the vocabulary's, a
    summary is not text, or the rowids are too sparse for arrays by rowid."""
    top, count = conn.execute("SELECT coalesce(max(rowid), 0), count(*) FROM positions"
                              ).fetchone()
    if top > 2 * count + 1024:
        return None
    slots = array("i", bytes(4 * (top + 1)))
    codes, ids, texts = bytearray(), bytearray(), bytearray()
    odd_ids: dict[int, str] = {}
    ends = array("q", [0])
    sources, source_lists, source_of = array("i"), [()], {None: 0}
    cursor = conn.execute(_SHOWN_ROWS)
    while chunk := cursor.fetchmany(20_000):
        rowids, idents, chunk_codes, summaries, cited = (list(x) for x in zip(*chunk))
        base = len(codes)
        if rowids[-1] - rowids[0] == len(rowids) - 1:  # no rowid missing between
            slots[rowids[0]:rowids[-1] + 1] = array("i", range(base, base + len(rowids)))
        else:
            for k, rowid in enumerate(rowids, base):
                slots[rowid] = k
        if min(chunk_codes) < 0:
            return None  # a stance the vocabulary lacks: the rows answer (and say so)
        ids += _ids(idents, base, odd_ids, chunk_codes)
        codes += bytes(chunk_codes)
        try:
            encoded = [s.encode() for s in summaries]
        except AttributeError:
            return None  # a summary that is not text (a hostile file): the rows answer
        ends.extend(islice(accumulate(map(len, encoded), initial=ends[-1]), 1, None))
        texts += b"".join(encoded)
        sources.extend([source_of[c] if c in source_of else _intern(c, source_of, source_lists)
                        for c in cited])
    if ends[-1] < 2**32:  # (4 bytes an offset, not 8)
        ends = array("I", ends)
    return ShownFields(slots, codes, bytes(ids), odd_ids, ends, bytes(texts), sources,
                       source_lists)


def _ids(idents: list, base: int, odd_ids: dict[int, str], codes: list[int]) -> bytes:
    """16 bytes for each id of canonical UUID text; any other kept aside, by slot."""
    try:  # (every id of 36 characters, so the blocks of 36 are the ids)
        joined = "".join(idents) if set(map(len, idents)) == {36} else ""
    except TypeError:  # an id that is not text
        joined = ""
    if joined and _CANONICAL.fullmatch(joined):
        return bytes.fromhex(joined.replace("-", ""))
    out = bytearray()
    for k, ident in enumerate(idents):
        if isinstance(ident, str) and len(ident) == 36 and _CANONICAL.fullmatch(ident):
            out += bytes.fromhex(ident.replace("-", ""))
        else:
            out += bytes(16)
            odd_ids[base + k] = ident
            codes[k] |= _ODD_ID
    return bytes(out)


def _intern(text: str, source_of: dict, source_lists: list) -> int:
    source_of[text] = len(source_lists)
    source_lists.append(tuple(sorted(json.loads(text))) if text else ())
    return source_of[text]


def complete_each(conn: sqlite3.Connection, positions: list[HeldPosition]) -> None:
    """Complete these (made for the file as it is now) in one statement."""
    by_rowid = {p._held[2]: p for p in positions}
    for start in range(0, len(positions), 500):
        chunk = list(by_rowid)[start:start + 500]
        for row in conn.execute(f"SELECT t.rowid, {_REST} FROM positions t WHERE t.rowid IN "
                                "(SELECT value FROM json_each(?))", [json.dumps(chunk)]):
            complete(by_rowid[row[0]], row[1:])
