"""`positions.source_ids` (schema m004) stays a true copy of position_sources.

Reads take a position's sources from the copy, so after every kind of write
the copy must list exactly the links: add, edit, delete and undo, a source
deleted (links go by cascade), a CSV import and its undo, another
connection, another SQLite tool, and a file upgraded from the format before.
"""

import dataclasses
import json
import sqlite3

from negotiations_gui.domain import CaseData, ImportRecord, Position, Source, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.csv_import import delete_import, insert_import
from negotiations_gui.store.schema import MIGRATION_NAMES

from .helpers import d, two_principals


def copies_and_links(db: sqlite3.Connection) -> tuple[dict, dict]:
    """(id -> sources in the copy, id -> sources in position_sources), every position."""
    copies = {pid: sorted(json.loads(text))
              for pid, text in db.execute("SELECT id, source_ids FROM positions")}
    links = {pid: [] for pid in copies}
    for pid, sid in db.execute(
            "SELECT position_id, source_id FROM position_sources ORDER BY source_id"):
        links[pid].append(sid)
    return copies, links


def assert_in_step(store: CaseStore) -> dict:
    copies, links = copies_and_links(store.db.conn)
    assert copies == links
    return copies


def case_with_cited_positions(store):
    israel, hamas = two_principals(store)
    issue = store.issues()[0]
    cable, radio = store.add_source(Source("Cable")), store.add_source(Source("Radio"))
    both = store.add_position(Position(israel.id, issue.id, d("2025-08-01"), Stance.OFFERS,
                                       source_ids=(radio.id, cable.id)))
    one = store.add_position(Position(hamas.id, issue.id, d("2025-08-02"), Stance.REJECTS,
                                      source_ids=(cable.id,)))
    return cable, radio, both, one


def test_add_and_edit_write_the_copy(store):
    cable, radio, both, one = case_with_cited_positions(store)
    copies = assert_in_step(store)
    assert copies[both.id] == sorted([cable.id, radio.id]) and copies[one.id] == [cable.id]
    store.update_position(dataclasses.replace(one, source_ids=(radio.id,)))
    store.update_position(dataclasses.replace(both, source_ids=()))
    copies = assert_in_step(store)
    assert copies[both.id] == [] and copies[one.id] == [radio.id]
    assert store.position(one.id).source_ids == (radio.id,)


def test_a_deleted_source_leaves_the_copy_by_cascade_and_undo_puts_it_back(store):
    cable, radio, both, one = case_with_cited_positions(store)
    removed = store.delete_source(cable.id)
    copies = assert_in_step(store)
    assert copies[both.id] == [radio.id] and copies[one.id] == []
    assert store.positions_as_of(d("2025-08-31"))[(one.party_id, one.issue_id)].source_ids == ()
    store.restore(removed)
    copies = assert_in_step(store)
    assert copies[both.id] == sorted([cable.id, radio.id]) and copies[one.id] == [cable.id]
    assert store.position(one.id).source_ids == (cable.id,)


def test_deleting_and_restoring_positions_and_parties(store):
    cable, _radio, both, one = case_with_cited_positions(store)
    removed = store.delete_position(both.id)
    assert_in_step(store)
    store.restore(removed)
    removed = store.delete_party(one.party_id)
    assert_in_step(store)
    store.restore(removed)
    assert assert_in_step(store)[one.id] == [cable.id]
    assert store.position(both.id) == both


def test_csv_import_and_its_undo(store):
    cable, radio, both, one = case_with_cited_positions(store)
    wire = Source("Wire")
    imported = Position(both.party_id, both.issue_id, d("2025-09-01"), Stance.ACCEPTS,
                        source_ids=(wire.id, cable.id))
    plain = Position(one.party_id, one.issue_id, d("2025-09-01"), Stance.OFFERS)
    data = CaseData(sources=(wire,), positions=(imported, plain))
    insert_import(store, data, ImportRecord("log-1", "f.csv", "0" * 64))
    copies = assert_in_step(store)
    assert copies[imported.id] == sorted([wire.id, cable.id]) and copies[plain.id] == []
    assert store.position(imported.id).source_ids == tuple(sorted([wire.id, cable.id]))
    # a position from before the import cites the imported source: undo must drop it there too
    store.update_position(dataclasses.replace(both, source_ids=(wire.id, radio.id)))
    delete_import(store, data, "log-1")
    copies = assert_in_step(store)
    assert copies[both.id] == [radio.id]


def test_another_connection_and_another_sqlite_tool(store, case_path):
    cable, radio, both, _one = case_with_cited_positions(store)
    key = (both.party_id, both.issue_id)
    assert set(store.positions_as_of(d("2025-08-31"))[key].source_ids) == {cable.id, radio.id}
    with CaseStore.open(case_path) as other:
        other.update_position(dataclasses.replace(both, source_ids=(cable.id,)))
    assert store.positions_as_of(d("2025-08-31"))[key].source_ids == (cable.id,)
    tool = sqlite3.connect(case_path)  # foreign keys off, as most tools open a file
    tool.execute("DELETE FROM position_sources WHERE source_id = ?", [cable.id])
    tool.commit()
    tool.close()
    assert_in_step(store)
    assert store.positions_as_of(d("2025-08-31"))[key].source_ids == ()


def test_a_file_from_the_format_before_gets_the_copy(tmp_path):
    path = tmp_path / "v3.nego"
    create_database(path, stop_before="m004_position_source_ids")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == \
        MIGRATION_NAMES.index("m004_position_source_ids")
    stamp = "2025-01-01T00:00:00.000000+00:00"
    conn.execute("INSERT INTO parties (id, name, role, created_at, updated_at) "
                 "VALUES ('p', 'Israel', 'principal', ?1, ?1)", [stamp])
    conn.execute("INSERT INTO issues (id, name, created_at, updated_at) "
                 "VALUES ('i', 'Hostages', ?1, ?1)", [stamp])
    for sid in ("s2", "s1"):
        conn.execute("INSERT INTO sources (id, title, reliability, credibility, created_at, "
                     "updated_at) VALUES (?1, ?1, 'B', 2, ?2, ?2)", [sid, stamp])
    for pid in ("cited", "uncited"):
        conn.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, created_at, "
                     "updated_at) VALUES (?1, 'p', 'i', '2025-08', 'offers', ?2, ?2)",
                     [pid, stamp])
    conn.executemany("INSERT INTO position_sources VALUES ('cited', ?)", [("s2",), ("s1",)])
    conn.commit()
    conn.close()
    with CaseStore.open(path) as upgraded:
        assert upgraded.backup_path is not None
        copies = assert_in_step(upgraded)
        assert copies == {"cited": ["s1", "s2"], "uncited": []}
        assert upgraded.position("cited").source_ids == ("s1", "s2")
        assert upgraded.positions_as_of(d("2025-12"))[("p", "i")].id == "uncited"
        upgraded.delete_source("s1")
        assert assert_in_step(upgraded)["cited"] == ["s2"]
