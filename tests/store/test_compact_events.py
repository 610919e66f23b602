"""Schema m014 (store/m014_compact_events.py): a file made by the schema before it is
migrated after a backup and reads the same; a new file has the compact form."""

import dataclasses
import sqlite3

from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.m014_compact_events import PARTIAL_LIST_KEYS
from negotiations_gui.store.schema import SCHEMA_VERSION

E1, E2, E3 = ("55555555-0000-4000-8000-000000000005", "66666666-0000-4000-8000-000000000006",
              "77777777-0000-4000-8000-000000000007")
_STAMP = "2025-01-01T00:00:00.000001+00:00"
_OTHER = "2025-01-02T10:00:00+02:00"  # a stamp from elsewhere (JSON): kept as written


def _m013_file(path):
    """A case as the version before m014 wrote it: three events, one with tags, an end
    date and a description."""
    create_database(path, stop_before="m014_partial_list_keys")
    conn = sqlite3.connect(path)
    rows = [(E1, "2025-08-12", "2025-08-14", "meeting", "Talks", "Notes"),
            (E2, "2025-08", None, "statement", "Statement", ""),
            (E3, "2025-08-01", None, "meeting", "Visit", "")]
    conn.executemany("INSERT INTO events (id, date, end_date, kind, title, description, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(*row, _STAMP, _OTHER if row[0] == E3 else _STAMP) for row in rows])
    conn.execute("INSERT INTO event_tags VALUES (?, 'cairo'), (?, 'b')", [E1, E1])
    conn.commit()
    conn.close()


def _indexes(db) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
        "AND sql IS NOT NULL")}


def test_an_m013_file_is_migrated_after_a_backup_and_lists_the_same(tmp_path):
    path = tmp_path / "old.nego"
    _m013_file(path)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = _indexes(store.db)
        assert "events_by_kind" not in indexes
        for name, (_key, present) in PARTIAL_LIST_KEYS.items():
            assert indexes[name].endswith(f"WHERE {present}"), indexes[name]
        assert store.record_listing("event", "Tags").after(None, 5) == [E2, E3, E1]
        assert store.record_listing("event", "End", True).after(None, 5) == [E1, E3, E2]
        assert store.record_listing("event", "Description").after(None, 5) == [E2, E3, E1]
        events = {e.id: e for e in store.events()}
        assert events[E1].tags == ("b", "cairo")
        assert {(e.created_at, e.updated_at) for e in events.values()} == {
            (_STAMP, _STAMP), (_STAMP, _OTHER)}
        assert store.db.execute("SELECT typeof(created_at), typeof(updated_at) FROM events "
                                "ORDER BY n").fetchall() == [("integer", "integer")] * 2 + [
                                    ("integer", "text")]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    assert "events_by_kind" in _indexes(backup)


def test_a_new_file_has_the_partial_indexes(tmp_path):
    path = tmp_path / "new.nego"
    create_database(path)
    conn = sqlite3.connect(path)
    indexes = _indexes(conn)
    conn.close()
    assert "events_by_kind" not in indexes
    assert all(" WHERE " in indexes[name] for name in PARTIAL_LIST_KEYS)


def test_events_written_after_the_migration_keep_their_links_and_stamps(tmp_path):
    path = tmp_path / "old.nego"
    _m013_file(path)
    with CaseStore.open(path) as store:
        event = store.update_event(dataclasses.replace(
            {e.id: e for e in store.events()}[E2], tags=("new",)))
        assert event.created_at == _STAMP and event.updated_at > _STAMP
        assert store.record_listing("event", "Tags").after(None, 5) == [E3, E1, E2]
        store.delete_event(E1)  # the links of the rebuilt table still go with it
        assert store.db.execute("SELECT count(*) FROM event_tag_links").fetchone()[0] == 1
        # as known on: the stamps compared as integers, the edits after it taken back
        with store.as_known_on("2025-06-01T00:00:00.000000+00:00") as past:
            tags = {e.id: e.tags for e in past.events()}
            assert tags == {E1: ("b", "cairo"), E2: (), E3: ()}
        with store.as_known_on("2024-12-31T00:00:00.000000+00:00") as past:
            assert past.events() == []


def test_the_case_s_date_bounds_are_index_seeks_with_the_partial_end_index(store):
    """The window reads them on opening; a scan of events took 0.16 s at a million (and
    read a damaged page of the table where it need not)."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        store.date_bounds()
    finally:
        store.db.conn.set_trace_callback(None)
    [sql] = [s for s in statements if "min(date)" in s]
    plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    reads = [step for step in plan if step.startswith(("SCAN ", "SEARCH "))
             and "subquery" not in step]
    assert len(reads) == 7 and all("USING" in step and "INDEX" in step for step in reads), plan
