"""The revision log: an append-only record of every change to every record.

Tables (schema m006): `replica` (this file's case id and copy id), `changes`
(one row per transaction that changed records: who, when, on which copy,
numbered per copy), `revisions` (per change, each record's values before and
after, as JSON), `peers` (what each file merged into this one held).

Why the store writes revisions itself rather than SQLite triggers: a record
is spread over several tables (an event's parties, issues, tags and sources
are link rows), so a trigger on one table would log fragments, and triggers
on the link tables would cost the CSV import a JSON object per link row.
Every write already goes through `CaseStore` (and `csv_import`), which knows
the whole record before and after; undo and redo are store calls too.

Copies. Each copy of a case file has its own replica id, so that the changes
made in two copies can be told apart when they are merged. A copy made inside
the app is a new file; a copy made outside it (a file manager, a USB stick)
holds the same bytes, so the replica row also keeps the device and inode of
the file it belongs to: when a file is opened for writing and its device or
inode differs, it is a copy, and it gets a new replica id before anything is
written (the original, at its own inode, keeps its id). Renaming or moving a
file within a disk keeps its inode and so its id.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..domain.revisions import Revision
from . import revision_keys
from .event_keys import event_key, ids_in
from .revision_values import decode, encode

AUTHOR_ENV = "NEGOTIATIONS_GUI_AUTHOR"
# the name this process records changes under (the window's Preferences, or
# --author on the command line); every store opened afterwards uses it
_session_author = ""


def set_session_author(name: str) -> None:
    """Record changes made by this process under `name` (blank: back to the default)."""
    global _session_author
    _session_author = name.strip()


def default_author() -> str:
    """The analyst's name: the session's, else $NEGOTIATIONS_GUI_AUTHOR, else the OS user."""
    named = _session_author or os.environ.get(AUTHOR_ENV, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""


def new_replica_id() -> str:
    return str(uuid.uuid4())


_CHANGE_COLUMNS = "c.what, c.author, c.at, c.replica_id, c.seq, c.note"
# the (kind, record) keys of the record with id ?1 (?3: its event key): an event is
# found by its key, as no index finds it by its generated id (event_keys.py)
_EVENT = revision_keys.CODES["event"]
_KEYS_OF_ID = (
    f"(SELECT kind, record FROM revision_records WHERE id = ?1 AND kind <> {_EVENT} "
    f"UNION ALL SELECT {_EVENT}, n FROM events WHERE key = ?3 "
    f"UNION ALL SELECT kind, record FROM revision_names WHERE kind = {_EVENT} AND id = ?1)")


def revision_from_row(row) -> Revision:
    return Revision(row[0], row[1], decode(row[2]), decode(row[3]), row[4], row[5], row[6],
                    row[7], row[8], row[9])


class RevisionLog:
    """Writes the revisions of the changes a `CaseStore` makes, inside its transactions."""

    def __init__(self, db: Database):
        self.db = db
        self._author: str | None = None  # None: the session's name (default_author)
        self._what: str | None = None  # label of the change being written
        self._note = ""
        self._override: tuple[str, str] | None = None
        self._change: int | None = None  # its row, once a revision was written
        self._stamp = ""

    @property
    def author(self) -> str:
        return default_author() if self._author is None else self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    # -- identity of the file ----------------------------------------------------

    def identity(self) -> tuple[str, str]:
        """(case id, replica id) of this file."""
        row = self.db.execute("SELECT case_id, replica_id FROM replica WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else ("", "")

    def confirm_replica(self, path: Path) -> bool:
        """Give this file a new replica id if it is a copy (see the module docstring).

        Runs in its own transaction when the file is opened for writing;
        returns True when a new id was minted.
        """
        info = path.stat()
        row = self.db.execute(
            "SELECT file_device, file_inode FROM replica WHERE id = 1").fetchone()
        if row is None:
            return False
        if row == (info.st_dev, info.st_ino):
            return False
        copied = row[0] is not None
        with self.db.atomic():
            self.db.execute(
                "UPDATE replica SET file_device = ?, file_inode = ?, file_path = ?"
                + (", replica_id = ?" if copied else "") + " WHERE id = 1",
                [info.st_dev, info.st_ino, str(path.resolve())]
                + ([new_replica_id()] if copied else []))
        return copied

    def mint_replica(self) -> str:
        """A new replica id for this file (a copy saved by the app); inside a transaction."""
        replica = new_replica_id()
        self.db.execute("UPDATE replica SET replica_id = ?, file_device = NULL, "
                        "file_inode = NULL WHERE id = 1", [replica])
        return replica

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def change(self, what: str, note: str, stamp: str) -> Iterator[None]:
        """Revisions written inside belong to one change (the caller's transaction)."""
        if self._what is not None:  # nested: part of the outer change
            yield
            return
        self._what, self._note = self._override or (what, note)
        self._stamp, self._change = stamp, None
        try:
            yield
        finally:
            self._what, self._change = None, None

    @contextmanager
    def labelled(self, what: str, note: str = "") -> Iterator[None]:
        """Changes made inside are recorded as `what` (e.g. "undo") whatever the store call."""
        previous, self._override = self._override, (what, note)
        try:
            yield
        finally:
            self._override = previous

    def _change_row(self) -> int:
        if self._change is None:
            replica = self.identity()[1]
            cursor = self.db.execute(
                "INSERT INTO changes (replica_id, seq, what, author, at, note, applied_at) "
                "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM changes WHERE replica_id = ?),"
                " ?, ?, ?, ?, ?)",
                [replica, replica, self._what or "edit", self.author, self._stamp,
                 self._note, self._stamp])
            self._change = int(cursor.lastrowid or 0)
        return self._change

    def change_number(self) -> int:
        """The row (`changes.n`) of the change being written, made now if not yet."""
        return self._change_row()

    def add(self, kind: str, record_id: str, before: dict | None, after: dict | None) -> None:
        """One record's values before and after the change being written (a creation's
        values are not kept twice: see `_with_created_values`)."""
        self.add_rows([(kind, record_id, encode(before),
                        None if before is None else encode(after))])

    def add_rows(self, rows: Iterable[tuple[str, str, str | None, str | None]]) -> None:
        """Many revisions at once: (kind, record id, before JSON, after JSON)."""
        rows = list(rows)
        if not rows:
            return
        change = self._change_row()
        for start in range(0, len(rows), revision_keys.CHUNK):
            self._add_chunk(change, rows[start:start + revision_keys.CHUNK])

    def _add_chunk(self, change: int, rows: list[tuple[str, str, str | None, str | None]]
                   ) -> None:
        # records with a key in the log already (the most: those here, or just deleted)
        # straight in; the rest through the view, whose trigger gives each a name
        keys = revision_keys.known_keys(self.db, [(kind, i) for kind, i, _, _ in rows])
        self.db.conn.executemany(
            "INSERT INTO revision_log (kind, record, change, before, after) "
            "VALUES (?, ?, ?, ?, ?)",
            [(*keys[(kind, i)], change, before, after) for kind, i, before, after in rows
             if (kind, i) in keys])
        self.db.conn.executemany(
            "INSERT INTO revisions (change, record_id, kind, before, after) "
            "VALUES (?, ?, ?, ?, ?)",
            [(change, i, kind, before, after) for kind, i, before, after in rows
             if (kind, i) not in keys])

    def add_created(self, kind: str, table: str, after_rowid: int) -> None:
        """One revision per row of `table` past `after_rowid` (the rows this change just
        inserted, in their order), with no values: the record holds them until its next
        revision, which keeps them as "before" (as schema m006's "imported" revisions).

        One INSERT … SELECT, so a bulk import makes no Python object per revision.
        """
        if not self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE rowid > ?)",
                               [after_rowid]).fetchone()[0]:
            return
        if revision_keys.KEYED_TABLES.get(kind) == table:  # keyed by `n`: no lookup a row
            self.db.execute(f"INSERT INTO revision_log (kind, record, change) "
                            f"SELECT ?, n, ? FROM {table} WHERE n > ? ORDER BY n",
                            [revision_keys.CODES[kind], self._change_row(), after_rowid])
        else:
            self.db.execute(f"INSERT INTO revisions (change, record_id, kind) "
                            f"SELECT ?, id, ? FROM {table} WHERE rowid > ? ORDER BY rowid",
                            [self._change_row(), kind, after_rowid])

    # -- reading -----------------------------------------------------------------

    def revisions_of(self, record_id: str, kind: str | None = None) -> list[Revision]:
        """Every revision of one record, oldest first (of that kind only, if given:
        records of different kinds may share an id in older files)."""
        # one seek per key the record has in the log (revision_keys.py)
        rows = self.db.execute(
            f"SELECT ?1, k.kind, l.before, l.after, {_CHANGE_COLUMNS} FROM {_KEYS_OF_ID} x "
            "JOIN revision_log l ON l.kind = x.kind AND l.record = x.record "
            "JOIN revision_kinds k ON k.code = l.kind JOIN changes c ON c.n = l.change "
            "WHERE (?2 IS NULL OR k.kind = ?2) ORDER BY c.at, l.change",
            [record_id, kind, event_key(record_id)]).fetchall()
        return _with_created_values(self.db, [revision_from_row(row) for row in rows])

    def change_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM changes").fetchone()[0]


def _with_created_values(db: Database, revisions: list[Revision]) -> list[Revision]:
    """One record's revisions with the values of its creation filled in.

    A revision that created a record keeps no copy of its values (nor does an
    import's or schema m006's "imported" one): until the record's next revision
    they are the record itself, and that revision keeps them as "before". A
    million imported or restored records would otherwise be stored twice.
    """
    filled = list(revisions)
    for n, revision in enumerate(filled):
        if revision.before is not None or revision.after is not None:
            continue
        key = (revision.kind, revision.record_id)
        later = [r for r in filled[n + 1:] if r.kind == revision.kind]
        values = later[0].before if later else current_values(db, [key]).get(key)
        filled[n] = dataclasses.replace(revision, after=values)
    return filled


# -- what a set of records says now, to log the difference a write made --------------

def _loaders() -> dict[str, Any]:
    from . import kinds

    return {"party": kinds.PARTIES.load, "issue": kinds.ISSUES.load,
            "source": kinds.SOURCES.load, "event": kinds.EVENTS.load,
            "proposal": kinds.PROPOSALS.load, "position": kinds.POSITIONS.load,
            "assessment": kinds.ASSESSMENTS.load}


def current_values(db: Database, keys: Iterable[tuple[str, str]]
                   ) -> dict[tuple[str, str], dict]:
    """(kind, id) -> values, for those of the records `keys` names that exist now."""
    from .revision_values import to_values

    ids_by_kind: dict[str, list[str]] = {}
    for kind, record_id in keys:
        ids_by_kind.setdefault(kind, []).append(record_id)
    found: dict[tuple[str, str], dict] = {}
    loaders = _loaders()
    for case_id in ids_by_kind.pop("case", []):
        row = db.execute("SELECT title, description, marking, created_at FROM case_info "
                         "WHERE id = 1").fetchone()
        if row is not None:
            found[("case", case_id)] = dict(zip(
                ("title", "description", "marking", "created_at"), row, strict=True))
    for kind, ids in ids_by_kind.items():
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            table = revision_keys.KEYED_TABLES.get(kind, "")
            inside, vals = ids_in(table, ids[start:start + 500], "t.")
            load: Any = loaders[kind]
            for record in load(db, f"WHERE {inside}", vals):
                found[(kind, record.id)] = to_values(record)
    return found


def log_differences(log: RevisionLog, before: dict[tuple[str, str], dict],
                    after: dict[tuple[str, str], dict]) -> None:
    """One revision per record whose values differ between the two readings."""
    from ..domain.revisions import same_values

    rows = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if not same_values(old, new):
            # a creation's values are the record's until its next revision (see
            # `_with_created_values`): not kept twice
            rows.append((key[0], key[1], encode(old), None if old is None else encode(new)))
    log.add_rows(rows)
