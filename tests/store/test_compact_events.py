"""Schema m014 (store/m014_compact_events.py): a file made by the schema before it is
migrated after a backup and reads the same; a new file has the compact form."""

import sqlite3

from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.m014_compact_events import PARTIAL_LIST_KEYS
from negotiations_gui.store.schema import SCHEMA_VERSION

E1, E2, E3 = ("55555555-0000-4000-8000-000000000005", "66666666-0000-4000-8000-000000000006",
              "77777777-0000-4000-8000-000000000007")
_STAMP = "2025-01-01T00:00:00.000001+00:00"


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
                     [(*row, _STAMP, _STAMP) for row in rows])
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
        assert {e.id: e.tags for e in store.events()}[E1] == ("b", "cairo")
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
