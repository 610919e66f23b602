"""The case file's schema, as numbered sqlite-utils migrations.

Each migration runs in its own transaction with the record of it being
applied. `PRAGMA user_version` mirrors the number of migrations applied, so a
file from a newer version (a larger number than this code knows) can be
recognised and refused before anything touches it. `PRAGMA application_id`
marks the file as ours, so another program's SQLite database is told apart.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from . import integer_keys, migrating

# "NEGO" in ASCII: tells our case files apart from any other SQLite database.
APPLICATION_ID = 0x4E45474F

migrations = Migrations("negotiations_gui")
_NAMES: list[str] = []


def _migration(fn):
    _NAMES.append(fn.__name__)
    return migrations()(fn)

_STANCES = "'demands','offers','accepts','conditional','rejects','red line','unclear'"
_ROLES = "'principal','mediator','guarantor','observer'"
_STATUSES = "'drafted','presented','accepted','rejected','countered','superseded'"
_GAPS = "'converged','narrowing','wide','unknown'"

# Partial dates are ISO text truncated to their precision: '2025', '2025-08', '2025-08-12'.
_DATE_CHECK = ("CHECK ({col} GLOB '[0-9][0-9][0-9][0-9]' "
               "OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' "
               "OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')")


def _date(col: str, nullable: bool = False) -> str:
    null = "" if nullable else " NOT NULL"
    return f"{col} TEXT{null} {_DATE_CHECK.format(col=col)}"


_STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"


def _run(db: Database, statements: list[str]) -> None:
    # executescript() would COMMIT the migration's transaction; run one by one.
    for statement in statements:
        db.execute(statement)


@_migration
def m001_initial(db: Database) -> None:
    _run(db, [
        f"""CREATE TABLE case_info (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            marking TEXT NOT NULL DEFAULT '',
            {_STAMPS})""",
        f"""CREATE TABLE parties (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            short_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ({_ROLES})),
            colour TEXT NOT NULL DEFAULT '#607d8b',
            sort_order INTEGER NOT NULL DEFAULT 0,
            {_STAMPS})""",
        f"""CREATE TABLE issues (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            description TEXT NOT NULL DEFAULT '',
            pax_code TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            {_STAMPS})""",
        f"""CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            outlet TEXT NOT NULL DEFAULT '',
            {_date('date', nullable=True)},
            date_approx INTEGER NOT NULL DEFAULT 0,
            location TEXT NOT NULL DEFAULT '',
            reliability TEXT NOT NULL CHECK (reliability IN ('A','B','C','D','E','F')),
            credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
            notes TEXT NOT NULL DEFAULT '',
            {_STAMPS})""",
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY,
            {_date('date')},
            date_approx INTEGER NOT NULL DEFAULT 0,
            {_date('end_date', nullable=True)},
            end_approx INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'other',
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            {_STAMPS})""",
        "CREATE INDEX events_by_date ON events(date)",
        "CREATE INDEX events_by_kind ON events(kind, date)",
        """CREATE TABLE event_parties (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, party_id)) WITHOUT ROWID""",
        "CREATE INDEX event_parties_by_party ON event_parties(party_id, event_id)",
        """CREATE TABLE event_issues (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, issue_id)) WITHOUT ROWID""",
        "CREATE INDEX event_issues_by_issue ON event_issues(issue_id, event_id)",
        """CREATE TABLE event_tags (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (event_id, tag)) WITHOUT ROWID""",
        "CREATE INDEX event_tags_by_tag ON event_tags(tag, event_id)",
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, source_id)) WITHOUT ROWID""",
        "CREATE INDEX event_sources_by_source ON event_sources(source_id)",
        f"""CREATE TABLE proposals (
            id TEXT PRIMARY KEY,
            {_date('date')},
            date_approx INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
            summary TEXT NOT NULL DEFAULT '',
            {_STAMPS})""",
        "CREATE INDEX proposals_by_date ON proposals(date)",
        """CREATE TABLE proposal_parties (
            proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
            party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
            part TEXT NOT NULL CHECK (part IN ('proposer','addressee')),
            PRIMARY KEY (proposal_id, part, party_id)) WITHOUT ROWID""",
        "CREATE INDEX proposal_parties_by_party ON proposal_parties(party_id)",
        """CREATE TABLE proposal_terms (
            proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            PRIMARY KEY (proposal_id, issue_id)) WITHOUT ROWID""",
        "CREATE INDEX proposal_terms_by_issue ON proposal_terms(issue_id)",
        """CREATE TABLE proposal_sources (
            proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            PRIMARY KEY (proposal_id, source_id)) WITHOUT ROWID""",
        "CREATE INDEX proposal_sources_by_source ON proposal_sources(source_id)",
        f"""CREATE TABLE positions (
            id TEXT PRIMARY KEY,
            party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
            issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            {_date('date')},
            date_approx INTEGER NOT NULL DEFAULT 0,
            stance TEXT NOT NULL CHECK (stance IN ({_STANCES})),
            summary TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            proposal_id TEXT REFERENCES proposals(id) ON DELETE SET NULL,
            event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
            {_STAMPS})""",
        # positions_as_of: one index seek per party × issue
        "CREATE INDEX positions_as_of ON positions(party_id, issue_id, date, created_at, id)",
        "CREATE INDEX positions_by_date ON positions(date)",
        "CREATE INDEX positions_by_proposal ON positions(proposal_id)",
        "CREATE INDEX positions_by_event ON positions(event_id)",
        """CREATE TABLE position_sources (
            position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            PRIMARY KEY (position_id, source_id)) WITHOUT ROWID""",
        "CREATE INDEX position_sources_by_source ON position_sources(source_id)",
    ])


@_migration
def m002_gap_assessments(db: Database) -> None:
    """The analyst's own dated assessment of the gap on an issue."""
    _run(db, [
        f"""CREATE TABLE assessments (
            id TEXT PRIMARY KEY,
            issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            {_date('date')},
            date_approx INTEGER NOT NULL DEFAULT 0,
            gap TEXT NOT NULL CHECK (gap IN ({_GAPS})),
            note TEXT NOT NULL DEFAULT '',
            {_STAMPS})""",
        "CREATE INDEX assessments_as_of ON assessments(issue_id, date, created_at, id)",
    ])


@_migration
def m003_import_log(db: Database) -> None:
    """One row per CSV file imported, keyed by its SHA-256, so a re-import is noticed."""
    _run(db, [
        """CREATE TABLE import_log (
            id TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            mapping_json TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL,
            row_count INTEGER NOT NULL DEFAULT 0,
            record_count INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX import_log_by_hash ON import_log(file_sha256)",
    ])


# A position's source ids as one JSON array, sorted (the same text the store writes).
_POSITION_SOURCE_IDS = (
    "(SELECT json_group_array(source_id) FROM (SELECT source_id FROM position_sources "
    "WHERE position_id = {id} ORDER BY source_id))"
)


@_migration
def m004_position_source_ids(db: Database) -> None:
    """Each position's source ids copied into `positions.source_ids` (JSON array).

    Reading a position then needs no second lookup in position_sources (the
    grid reads 400 of them for every new as-of date). position_sources stays
    the record of the links; the store writes the copy with them, and a
    trigger keeps it in step whenever a link goes (a source deleted, by
    cascade, or any other way). A link added by another program straight into
    position_sources shows once the position is next saved (an insert trigger
    would cost the CSV import's bulk insert a lookup per link).
    """
    _run(db, [
        "ALTER TABLE positions ADD COLUMN source_ids TEXT NOT NULL DEFAULT '[]'",
        ("UPDATE positions SET source_ids = "
         f"{_POSITION_SOURCE_IDS.format(id='positions.id')} "
         "WHERE id IN (SELECT position_id FROM position_sources)"),
        ("CREATE TRIGGER position_source_removed AFTER DELETE ON position_sources BEGIN "
         f"UPDATE positions SET source_ids = {_POSITION_SOURCE_IDS.format(id='OLD.position_id')} "
         "WHERE id = OLD.position_id; END"),
    ])


@_migration
def m005_list_order_indexes(db: Database) -> None:
    """Indexes that serve the record lists' orders (store/record_lists.py).

    The event list reads a page at a time in the order of the column the user
    sorted by; with an index on that column's sort key the page is one seek,
    without it SQLite sorts the whole table for every page (a second or more
    at a million events). Date already has its index (events_by_date,
    positions_by_date); ties sort by rowid, which every index holds.
    Descriptions are left without one: long texts would double the file.
    """
    _run(db, [
        "CREATE INDEX IF NOT EXISTS events_list_title ON events(title COLLATE NOCASE)",
        "CREATE INDEX IF NOT EXISTS events_list_kind ON events(kind COLLATE NOCASE)",
        "CREATE INDEX IF NOT EXISTS events_list_end ON events(coalesce(end_date, ''))",
        ("CREATE INDEX IF NOT EXISTS positions_list_summary "
         "ON positions(summary COLLATE NOCASE)"),
    ])


# kind of record -> its table, for the first revisions of an existing file
_REVISED_TABLES = (("party", "parties"), ("issue", "issues"), ("source", "sources"),
                   ("event", "events"), ("proposal", "proposals"), ("position", "positions"),
                   ("assessment", "assessments"))


@_migration
def m006_revisions(db: Database) -> None:
    """The revision log (store/revisions.py): replica, changes, revisions, peers.

    A file made before revisions gets a case id, a replica id and one
    "imported" change holding one revision per record (no values: they are in
    the record itself until its next revision, which keeps its earlier values
    as "before"). Revisions and changes are append-only: triggers refuse any
    update or deletion of them.
    """
    import datetime as _dt
    import uuid

    _run(db, [
        """CREATE TABLE replica (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            case_id TEXT NOT NULL,
            replica_id TEXT NOT NULL,
            file_device INTEGER,
            file_inode INTEGER,
            file_path TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE changes (
            n INTEGER PRIMARY KEY,
            replica_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            what TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            applied_at TEXT,
            UNIQUE (replica_id, seq))""",
        "CREATE INDEX changes_by_applied ON changes(applied_at) WHERE applied_at IS NOT NULL",
        """CREATE TABLE revisions (
            change INTEGER NOT NULL REFERENCES changes(n),
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            before TEXT,
            after TEXT,
            PRIMARY KEY (change, kind, record_id)) WITHOUT ROWID""",
        "CREATE INDEX revisions_by_record ON revisions(record_id, change)",
        """CREATE TABLE peers (
            replica_id TEXT PRIMARY KEY,
            known TEXT NOT NULL,
            merged_at TEXT NOT NULL)""",
    ] + [
        f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} BEGIN "
        f"SELECT RAISE(ABORT, 'the revision log is append-only'); END"
        for table in ("changes", "revisions") for action in ("UPDATE", "DELETE")
    ])
    case_id, replica_id = str(uuid.uuid4()), str(uuid.uuid4())
    db.execute("INSERT INTO replica (id, case_id, replica_id) VALUES (1, ?, ?)",
               [case_id, replica_id])
    has_records = db.execute(
        "SELECT EXISTS (SELECT 1 FROM case_info) OR EXISTS (SELECT 1 FROM issues) "
        "OR EXISTS (SELECT 1 FROM parties)").fetchone()[0]
    if not has_records:
        return
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")
    change = db.execute(
        "INSERT INTO changes (replica_id, seq, what, author, at, applied_at) "
        "VALUES (?, 1, 'imported', '', ?, ?)", [replica_id, now, now]).lastrowid
    db.execute("INSERT INTO revisions (change, record_id, kind) "
               "SELECT ?, ?, 'case' FROM case_info", [change, case_id])
    for kind, table in _REVISED_TABLES:
        db.execute(f"INSERT INTO revisions (change, record_id, kind) "
                   f"SELECT ?, id, '{kind}' FROM {table}", [change])


_REVISIONS_APPEND_ONLY = [
    f"CREATE TRIGGER revisions_no_{action.lower()} BEFORE {action} ON revisions BEGIN "
    f"SELECT RAISE(ABORT, 'the revision log is append-only'); END"
    for action in ("UPDATE", "DELETE")
]


@_migration
def m011_revision_key_with_kind(db: Database) -> None:
    """A revision is keyed by (change, kind, record id): records of different kinds may share
    an id in older files (m006), and one change may touch both. Files m006 made in its first
    form get the table rebuilt; files it made since have the key and are left alone."""
    key = [row[1] for row in sorted(db.execute("PRAGMA table_info(revisions)").fetchall(),
                                    key=lambda row: row[5]) if row[5]]
    if "kind" in key:
        return
    _run(db, [
        "DROP TRIGGER revisions_no_update",
        "DROP TRIGGER revisions_no_delete",
        """CREATE TABLE revisions_keyed (
            change INTEGER NOT NULL REFERENCES changes(n),
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            before TEXT,
            after TEXT,
            PRIMARY KEY (change, kind, record_id)) WITHOUT ROWID""",
        ("INSERT INTO revisions_keyed (change, record_id, kind, before, after) "
         "SELECT change, record_id, kind, before, after FROM revisions"),
        "DROP TABLE revisions",
        "ALTER TABLE revisions_keyed RENAME TO revisions",
        "CREATE INDEX revisions_by_record ON revisions(record_id, change)",
        *_REVISIONS_APPEND_ONLY,
    ])


@_migration
def m010_list_sort_keys(db: Database) -> None:
    """Sort keys for the event list's names columns, kept in step by triggers, and
    indexes for them and for the description's first characters (store/list_keys.py)."""
    from .list_keys import m010_statements

    _run(db, m010_statements())


@_migration
def m012_integer_keys(db: Database) -> None:
    """Integer keys inside the file, links as integer pairs (store/integer_keys.py)."""
    _run(db, integer_keys.m012_statements(db))


@_migration
def m012_revisions_by_record(db: Database) -> None:
    """Revisions keyed by record, no second index (integer_keys.revisions_by_record)."""
    _run(db, integer_keys.revisions_by_record(_REVISIONS_APPEND_ONLY))


# Later migrations live in modules of their own, registered in this order as imported.
from . import m013_positions_by_cell, m014_compact_events  # noqa: E402, F401, I001
from . import m015_list_keyless, m016_compact_keys, m017_event_keys  # noqa: E402, F401
from . import m018_sparse_proposal_index  # noqa: E402, F401

SCHEMA_VERSION = len(_NAMES)
MIGRATION_NAMES = tuple(_NAMES)


def apply_migrations(db: Database, stop_before: str | None = None,
                     progress: migrating.Progress | None = None) -> None:
    """Bring `db` up to date (or up to `stop_before`) in one transaction, keeping
    user_version in step; `progress` hears of each step (store/migrating.py)."""
    migrating.apply_all(db, migrations, APPLICATION_ID, stop_before, progress)
