"""Older files whose records of different kinds share an id migrate and open (issue 16).

The revision log first keyed a revision by (change, record id), so the
"imported" revisions of a party and an issue both called "x" collided and the
upgrade failed with `UNIQUE constraint failed: revisions.change,
revisions.record_id`: the file could not be opened at all.
"""

import dataclasses
import json
import sqlite3

import pytest

from negotiations_gui.domain import Stance
from negotiations_gui.store import SCHEMA_VERSION, CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.schema import MIGRATION_NAMES

STAMP = "2025-01-01T00:00:00.000000+00:00"


def _m005_file(path, shared="x", ids=None):
    """A file as version m005 wrote it: a party, an issue and a position all with id
    `shared` (or with the three `ids`)."""
    party_id, issue_id, position_id = ids or (shared, shared, shared)
    create_database(path, stop_before="m006_revisions")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO case_info (id, title, created_at, updated_at) "
                 "VALUES (1, 'Old case', ?1, ?1)", [STAMP])
    conn.execute("INSERT INTO parties (id, name, role, created_at, updated_at) "
                 "VALUES (?2, 'Israel', 'principal', ?1, ?1)", [STAMP, party_id])
    conn.execute("INSERT INTO issues (id, name, created_at, updated_at) "
                 "VALUES (?2, 'Hostages', ?1, ?1)", [STAMP, issue_id])
    conn.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, summary, "
                 "created_at, updated_at) VALUES (?2, ?3, ?4, '2025-08', 'offers', 'Old', "
                 "?1, ?1)", [STAMP, position_id, party_id, issue_id])
    conn.commit()
    conn.close()


def test_an_m005_file_with_one_id_in_three_tables_migrates_after_a_backup(tmp_path):
    path = tmp_path / "v5.nego"
    _m005_file(path)
    with CaseStore.open(path) as upgraded:
        assert upgraded.backup_path is not None and upgraded.backup_path.exists()
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [p.name for p in upgraded.parties()] == ["Israel"]
        assert [i.name for i in upgraded.issues()] == ["Hostages"]
        assert upgraded.position("x").summary == "Old"
        for kind in ("party", "issue", "position"):
            (imported,) = upgraded.revisions("x", kind)
            assert imported.what == "imported" and imported.kind == kind
        upgraded.update_position(dataclasses.replace(upgraded.position("x"), summary="New"))
        assert upgraded.revisions("x", "position")[-1].before["summary"] == "Old"
        assert len(upgraded.revisions("x", "party")) == 1  # the party's log is its own
    backup = sqlite3.connect(f"file:{upgraded.backup_path}?mode=ro", uri=True)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == \
        MIGRATION_NAMES.index("m006_revisions")


def test_one_change_may_touch_records_of_two_kinds_with_one_id(tmp_path):
    """A JSON export of such a file imports: the import is one change holding both."""
    from negotiations_gui.store.json_io import dump_case, import_case_file, write_json

    shared = "7d1c2a9e-0b5f-4e61-9a57-3c2b8f0e4d21"
    old = tmp_path / "v5.nego"
    _m005_file(old, shared)
    with CaseStore.open(old) as upgraded:
        write_json(dump_case(upgraded.export_data()), tmp_path / "case.json")
    doc = json.loads((tmp_path / "case.json").read_text())
    assert {doc["parties"][0]["id"], doc["issues"][0]["id"]} == {shared}
    import_case_file(tmp_path / "case.json", tmp_path / "again.nego")
    with CaseStore.open(tmp_path / "again.nego") as again:
        assert [p.name for p in again.parties()] == ["Israel"]
        assert again.position(shared).stance == Stance.OFFERS
        assert {r.kind for r in again.revisions(shared)} == {"party", "issue", "position"}


def _revisions_keyed_as_first_shipped(path):
    """Give a current file the revisions table m006 made before the fix (no kind in the key)."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        DROP TRIGGER revisions_no_update; DROP TRIGGER revisions_no_delete;
        CREATE TABLE old_revisions (change INTEGER NOT NULL REFERENCES changes(n),
            record_id TEXT NOT NULL, kind TEXT NOT NULL, before TEXT, after TEXT,
            PRIMARY KEY (change, record_id)) WITHOUT ROWID;
        INSERT INTO old_revisions SELECT change, record_id, kind, before, after FROM revisions;
        DROP TABLE revisions;
        ALTER TABLE old_revisions RENAME TO revisions;
        CREATE INDEX revisions_by_record ON revisions(record_id, change);
        CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions BEGIN
            SELECT RAISE(ABORT, 'the revision log is append-only'); END;
        CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions BEGIN
            SELECT RAISE(ABORT, 'the revision log is append-only'); END;
    """)
    conn.close()


def test_a_file_from_the_first_m006_gets_the_key_with_kind_and_keeps_its_log(tmp_path):
    from sqlite_utils import Database

    from negotiations_gui.store.schema import apply_migrations

    path = tmp_path / "v6.nego"
    _m005_file(path, ids=("p", "i", "x"))  # ids the first m006 could cope with
    conn = sqlite3.connect(path)
    apply_migrations(Database(conn), stop_before="m011_revision_key_with_kind")
    conn.close()
    _revisions_keyed_as_first_shipped(path)
    before = sqlite3.connect(path).execute(
        "SELECT change, record_id, kind, before, after FROM revisions ORDER BY 1, 2").fetchall()
    with CaseStore.open(path) as upgraded:
        assert upgraded.backup_path is not None
        rows = upgraded.db.execute("SELECT change, record_id, kind, before, after "
                                   "FROM revisions ORDER BY 1, 2").fetchall()
        assert rows == before
        # the kind is part of the key (m011), as its code since m016 (revision_keys.py)
        key = {r[1] for r in upgraded.db.execute("PRAGMA table_info(revision_log)") if r[5]}
        assert key == {"change", "kind", "record"}
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            upgraded.db.execute("DELETE FROM revisions")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            upgraded.db.execute("UPDATE revisions SET kind = 'x'")
