"""Integer keys inside the file, text UUIDs outside it (schema m012).

Every record keeps its UUID (`id`): the stable public id that JSON, merging,
revisions and the window use. Inside the file, each record table also has
`n INTEGER PRIMARY KEY` (its rowid, made explicit so that VACUUM keeps it),
and every link between records is a pair of those integers in a table of its
own (`event_party_links (event_n, party_n)` ...), WITHOUT ROWID, with its
reverse index. A link row was two 36-character texts stored twice (the table
and its index): 225 MiB of a 716 MiB case of a million events; as integers it
is a few bytes.

The old link tables' names (`event_parties (event_id, party_id)` ...) stay as
views that show the UUIDs, so any SQLite tool, and any query of ours that is
not on a hot path, reads the links as before; INSTEAD OF triggers let a
program insert or delete through them. The store's own reads and writes on
hot paths go to the integer tables directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlite_utils import Database

# Record tables that get `n`, in the order m012 rebuilds them.
RECORD_TABLES = ("parties", "issues", "sources", "events", "proposals", "positions")


@dataclass(frozen=True)
class Link:
    """A link table: the view's (old table's) name and columns, and where they live now."""

    view: str  # event_parties
    table: str  # event_party_links
    owner: str  # events: the record whose links these are
    owner_id: str  # event_id (view column); the table's column is event_n
    other: str | None  # parties; None: the value is plain text (a tag)
    other_id: str  # party_id (view column); party_n in the table (or the text itself)
    extra: tuple[str, ...] = ()  # further columns, the same in both
    key_extra: bool = False  # whether `extra` is part of the key (proposal_parties.part)

    @property
    def owner_n(self) -> str:
        return self.owner_id.removesuffix("_id") + "_n"

    @property
    def other_n(self) -> str:
        return self.other_id if self.other is None else self.other_id.removesuffix("_id") + "_n"


LINKS = (
    Link("event_parties", "event_party_links", "events", "event_id", "parties", "party_id"),
    Link("event_issues", "event_issue_links", "events", "event_id", "issues", "issue_id"),
    Link("event_tags", "event_tag_links", "events", "event_id", None, "tag"),
    Link("event_sources", "event_source_links", "events", "event_id", "sources", "source_id"),
    Link("proposal_parties", "proposal_party_links", "proposals", "proposal_id", "parties",
         "party_id", ("part",), key_extra=True),
    Link("proposal_terms", "proposal_term_links", "proposals", "proposal_id", "issues",
         "issue_id", ("text",)),
    Link("proposal_sources", "proposal_source_links", "proposals", "proposal_id", "sources",
         "source_id"),
    Link("position_sources", "position_source_links", "positions", "position_id", "sources",
         "source_id"),
)
LINK_BY_VIEW = {link.view: link for link in LINKS}

_EXTRA_DDL = {"part": "part TEXT NOT NULL CHECK (part IN ('proposer','addressee'))",
              "text": "text TEXT NOT NULL"}


def n_of(table: str, uuid_sql: str) -> str:
    """SQL for the integer key of the record of `table` whose UUID is `uuid_sql`."""
    return f"(SELECT n FROM {table} WHERE id = {uuid_sql})"


def _create_link_table(link: Link) -> list[str]:
    other = (f"{link.other_n} TEXT NOT NULL" if link.other is None else
             f"{link.other_n} INTEGER NOT NULL REFERENCES {link.other}(n) ON DELETE CASCADE")
    key = [link.owner_n, *(link.extra if link.key_extra else ()), link.other_n]
    columns = [f"{link.owner_n} INTEGER NOT NULL REFERENCES {link.owner}(n) ON DELETE CASCADE",
               other, *(_EXTRA_DDL[c] for c in link.extra)]
    return [
        (f"CREATE TABLE {link.table} ({', '.join(columns)}, "
         f"PRIMARY KEY ({', '.join(key)})) WITHOUT ROWID"),
        (f"CREATE INDEX {link.table}_by_{link.other_n} "
         f"ON {link.table}({link.other_n}, {link.owner_n})"),
    ]


def _view(link: Link) -> list[str]:
    """The view under the old name, and the triggers that write through it."""
    other = "l." + link.other_n if link.other is None else "x.id"
    join = "" if link.other is None else f" JOIN {link.other} x ON x.n = l.{link.other_n}"
    extra = "".join(f", l.{c}" for c in link.extra)
    names = ", ".join([link.owner_id, link.other_id, *link.extra])
    table_columns = ", ".join([link.owner_n, link.other_n, *link.extra])

    def values(row: str) -> str:
        other_value = (f"{row}.{link.other_id}" if link.other is None
                       else n_of(link.other, f"{row}.{link.other_id}"))
        return ", ".join([n_of(link.owner, f"{row}.{link.owner_id}"), other_value,
                          *(f"{row}.{c}" for c in link.extra)])

    def matches(row: str) -> str:
        other_value = (f"{row}.{link.other_id}" if link.other is None
                       else n_of(link.other, f"{row}.{link.other_id}"))
        clauses = [f"{link.owner_n} = {n_of(link.owner, f'{row}.{link.owner_id}')}",
                   f"{link.other_n} = {other_value}",
                   *(f"{c} = {row}.{c}" for c in link.extra if link.key_extra)]
        return " AND ".join(clauses)

    insert = f"INSERT INTO {link.table} ({table_columns}) VALUES ({values('NEW')});"
    delete = f"DELETE FROM {link.table} WHERE {matches('OLD')};"
    instead = "CREATE TRIGGER {view}_{when} INSTEAD OF {what} ON {view} BEGIN {body} END"
    return [
        (f"CREATE VIEW {link.view} ({names}) AS SELECT o.id, {other}{extra} "
         f"FROM {link.table} l JOIN {link.owner} o ON o.n = l.{link.owner_n}{join}"),
        *(instead.format(view=link.view, when=what.lower(), what=what, body=body)
          for what, body in (("INSERT", insert), ("DELETE", delete),
                             ("UPDATE", f"{delete} {insert}"))),
    ]


def _rekeyed_table(db: Database, table: str) -> list[str]:
    """`table` made again with `n INTEGER PRIMARY KEY` (its rowids) and its indexes."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                     [table]).fetchone()[0]
    head = f"CREATE TABLE {table} ("
    if not sql.startswith(head) or sql.count("id TEXT PRIMARY KEY") != 1:
        raise ValueError(f"the table {table} is not as this version made it: {sql[:80]}")
    new = sql.replace(head, f"CREATE TABLE {table}_rekeyed (n INTEGER PRIMARY KEY, ", 1)
    new = new.replace("id TEXT PRIMARY KEY", "id TEXT NOT NULL UNIQUE", 1)
    columns = ", ".join(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
    indexes = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", [table])]
    return [
        new,
        (f"INSERT INTO {table}_rekeyed (n, {columns}) SELECT rowid, {columns} FROM {table} "
         "ORDER BY rowid"),
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_rekeyed RENAME TO {table}",
        *indexes,
    ]


def _moved_links(link: Link) -> list[str]:
    """The old link table's rows into the integer table (links to a record that is
    not there, which only another program could have written, are left out)."""
    other = (f"l.{link.other_id}" if link.other is None else "x.n")
    join = ("" if link.other is None else
            f" JOIN {link.other} x ON x.id = l.{link.other_id}")
    extra = "".join(f", l.{c}" for c in link.extra)
    columns = ", ".join([link.owner_n, link.other_n, *link.extra])
    return [
        *_create_link_table(link),
        (f"INSERT OR IGNORE INTO {link.table} ({columns}) SELECT o.n, {other}{extra} "
         f"FROM {link.view} l JOIN {link.owner} o ON o.id = l.{link.owner_id}{join}"),
        f"DROP TABLE {link.view}",
        *_view(link),
    ]


def m012_statements(db: Database) -> list[str]:
    """Every statement of m012, read off the file's tables as they are now."""
    from .list_keys import trigger_statements

    triggers = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join('?' for _ in RECORD_TABLES + tuple(LINK_BY_VIEW))})",
        [*RECORD_TABLES, *LINK_BY_VIEW])]
    statements = [f"DROP TRIGGER {name}" for name in triggers]
    for table in RECORD_TABLES:
        statements += _rekeyed_table(db, table)
    for link in LINKS:
        statements += _moved_links(link)
    return statements + trigger_statements() + [_SOURCE_IDS_TRIGGER]


# positions.source_ids (schema m004) kept in step when a link goes, on the integer table
_SOURCE_IDS_TRIGGER = (
    "CREATE TRIGGER position_source_removed AFTER DELETE ON position_source_links BEGIN "
    "UPDATE positions SET source_ids = (SELECT json_group_array(id) FROM (SELECT x.id "
    "FROM position_source_links l JOIN sources x ON x.n = l.source_n "
    "WHERE l.position_n = OLD.position_n ORDER BY x.id)) WHERE n = OLD.position_n; END")


def revisions_by_record(append_only: list[str]) -> list[str]:
    """The revision log keyed by (record id, kind, change) (m012_revisions_by_record).

    It was keyed by (change, kind, record id) with an index on (record id,
    change): each revision's 36-character id held twice, 97 MiB of a case of a
    million imported events. The questions asked of it by record (a record's
    history, who recorded a position) are now one seek on the key; those asked
    by change (as known on, an exchange file, a merge) read the log through
    once, as the merge always did. The append-only triggers (m006) come back.
    """
    return [
        """CREATE TABLE revisions_rekeyed (
            change INTEGER NOT NULL REFERENCES changes(n),
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            before TEXT,
            after TEXT,
            PRIMARY KEY (record_id, kind, change)) WITHOUT ROWID""",
        ("INSERT INTO revisions_rekeyed (change, record_id, kind, before, after) "
         "SELECT change, record_id, kind, before, after FROM revisions "
         "ORDER BY record_id, kind, change"),
        "DROP TABLE revisions",  # with its index and its triggers
        "ALTER TABLE revisions_rekeyed RENAME TO revisions",
        *append_only,
    ]


# Migrations that rebuild tables others refer to, or drop indexes (m014): after them
# the freed pages leave the file (a VACUUM, below)
REBUILDS = ("m012_integer_keys", "m012_revisions_by_record", "m014_partial_list_keys",
            "m014_integer_stamps", "m016_compact_keys", "m017_event_keys")


@contextmanager
def rebuilding_tables(db: Database, pending: set[str]) -> Iterator[None]:
    """Around migrations (`pending`: the names of those not applied yet) that rebuild
    tables others refer to (REBUILDS): foreign keys off
    while they run (else dropping the old table would cascade), as SQLite's documented
    table rebuild does; then, if the rebuild went through, a VACUUM when the old
    tables' pages are a tenth of the file or more, so that they leave it."""
    if not pending.intersection(REBUILDS):
        yield
        return
    if db.conn.in_transaction:  # where PRAGMA foreign_keys does nothing
        raise RuntimeError("a table rebuild cannot run inside a transaction")
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    rebuilt = bool(db.execute("SELECT 1 FROM pragma_table_info('events') WHERE name = 'n'")
                   .fetchone())
    pages, free = (db.execute(f"PRAGMA {p}").fetchone()[0]
                   for p in ("page_count", "freelist_count"))
    if rebuilt and free > 256 and free * 10 > pages:
        db.execute("VACUUM")
