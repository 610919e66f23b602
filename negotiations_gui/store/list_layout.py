"""Which of the event list's mostly-empty keys are indexed in full, per file.

Schema m014 made the indexes of five event list keys (end date, issues, tags,
sources, description) partial: they hold the events that have the key, and the
list reads the others by rowid off the table (`list_order.py`). That saves 9
bytes a keyless event (9 MiB a key at a million) where most events lack the
key, and there the keyless rows lie thick in the table, so a page of them is a
few rows read. Where most events have the key (a CSV import gives every event
a source and a description) the same read goes through the whole table to find
the few keyless ones, or none: 0.2-0.34 s at a million events.

Any index of the keyless rows costs those 9 bytes a row, so no one layout is
both small where keys are rare and quick where they are common. Each file
chooses, per key, the one that suits its rows:

- *partial* (m014) while most events lack the key: the index holds the keyed
  events; the keyless ones are read by rowid where they are;
- *full* once most have it: the index holds every event, the keyless ones as ''
  at its front, found by one seek (the order is then one part, as for Title).
  It costs 9 bytes a keyless event: a minority of them by construction.

The index keeps its name either way (what a bulk import sets aside and builds
again is read from `sqlite_master`, `bulk_indexes.py`). The choice is made by
counting (`settle`) in migration m015 and again after any write that changed
many rows (`settled_after`, around every `CaseStore._write`), with a margin (full below
40% keyless, partial above 60%) so that a file near the middle does not build
an index afresh at every import. Small tables keep what they have: below
`MIN_ROWS` events a scan of them is a few milliseconds either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

# schema first: it registers the migrations in order, m014 among them (m014 read
# first would start schema.py while m014 itself is half-read, and miss its steps)
from . import schema  # noqa: F401  # isort: skip
from .m014_compact_events import PARTIAL_LIST_KEYS  # isort: skip

MIN_ROWS = 20_000  # events below which no layout is changed
SETTLE_CHANGES = 5_000  # rows a write changes, at least, before the layout is looked at
FULL_BELOW = 0.4  # keyless share under which a partial index is made full
PARTIAL_ABOVE = 0.6  # keyless share over which a full index is made partial


def is_partial(db: Database, index: str) -> bool:
    """Whether `index` on events holds only the rows its WHERE picks (False: absent too)."""
    row = db.execute("SELECT partial FROM pragma_index_list('events') WHERE name = ?",
                     [index]).fetchone()
    return bool(row and row[0])


def is_full(db: Database, index: str) -> bool:
    """Whether `index` on events exists and holds every row."""
    row = db.execute("SELECT partial FROM pragma_index_list('events') WHERE name = ?",
                     [index]).fetchone()
    return bool(row and not row[0])


def keyless_rows(db: Database, index: str, total: int) -> int:
    """How many of the `total` events lack the key of `index`, counted through the
    index itself (its keyed rows when partial, its '' rows when full)."""
    key, present = PARTIAL_LIST_KEYS[index]
    if is_partial(db, index):
        return total - db.execute(f"SELECT count(*) FROM events WHERE {present}").fetchone()[0]
    return db.execute(f"SELECT count(*) FROM events WHERE {key} = ''").fetchone()[0]


def index_statement(index: str, partial: bool) -> str:
    """The SQL that makes `index` partial (m014's) or full."""
    key, present = PARTIAL_LIST_KEYS[index]
    return f"CREATE INDEX {index} ON events({key})" + (f" WHERE {present}" if partial else "")


def _wanted(partial: bool, keyless: int, total: int) -> bool:
    """Whether a key's index should be partial, `keyless` of `total` events lacking the
    key, the index partial now or not (the margin: see the module docstring)."""
    if not total or total < MIN_ROWS:
        return partial
    share = keyless / total
    return share >= FULL_BELOW if partial else share > PARTIAL_ABOVE


def settle(db: Database) -> dict[str, bool]:
    """Make each key's index partial or full as its rows now call for (see the module
    docstring), in the caller's transaction; returns index -> partial, as left."""
    total = db.execute("SELECT count(*) FROM events").fetchone()[0]
    layout = {}
    for index in PARTIAL_LIST_KEYS:
        partial = is_partial(db, index)
        if total and total >= MIN_ROWS:
            wanted = _wanted(partial, keyless_rows(db, index, total), total)
            if wanted != partial:
                db.execute(f"DROP INDEX IF EXISTS {index}")
                db.execute(index_statement(index, wanted))
                partial = wanted
        layout[index] = partial
    return layout


def settled_statements(db: Database, statements: list[str]) -> list[str]:
    """The CREATE INDEX statements of events' indexes that a bulk insert set aside
    (bulk_indexes.py), each list key's index in the layout `settle` would choose for
    the rows now in the table: built once as it is to stay, not built and then made
    again by `settle` (at a million imported events, one index build fewer for each
    key every event has, such as the description or the source)."""
    statement_of = {sql.split()[2]: sql for sql in statements}
    keys = [index for index in PARTIAL_LIST_KEYS if index in statement_of]
    if not keys:
        return statements
    # one pass over the table for every key (its indexes are not there yet)
    total, *keyed = db.execute(
        "SELECT count(*), " + ", ".join(f"coalesce(sum({PARTIAL_LIST_KEYS[i][1]}), 0)"
                                        for i in keys) + " FROM events").fetchone()
    for index, count in zip(keys, keyed):
        partial = " WHERE " in statement_of[index]
        wanted = _wanted(partial, total - count, total)
        if wanted != partial:
            statement_of[index] = index_statement(index, wanted)
    return [statement_of[sql.split()[2]] for sql in statements]


@contextmanager
def settled_after(db: Database) -> Iterator[None]:
    """Around a write's body: `settle_after` the rows it changed, if it ends normally
    (a big write may have moved which keys most events have)."""
    changes = db.conn.total_changes
    yield
    settle_after(db, db.conn.total_changes - changes)


def settle_after(db: Database, changes: int) -> None:
    """`settle` when a write that changed `changes` rows (any table) may have moved a
    key's share: at least `SETTLE_CHANGES` of them and a twentieth of the events."""
    if changes < SETTLE_CHANGES:
        return
    events = db.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
    if changes * 20 >= events:
        settle(db)
