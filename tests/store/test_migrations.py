"""Schema versions: files from the first format are upgraded after a backup copy."""

import sqlite3

from negotiations_gui.domain import Party
from negotiations_gui.store import SCHEMA_VERSION, CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.schema import MIGRATION_NAMES


def _first_format_case(path):
    """A case file as the first released version wrote it, with a party in it."""
    create_database(path, stop_before=MIGRATION_NAMES[1])
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO case_info VALUES (1, 'Old case', '', 'OLD', '2025-01-01', "
                 "'2025-01-01')")
    conn.execute("INSERT INTO parties VALUES ('3f0b6a52-6f1e-4a39-9a0c-1c1b4e8e4b11', "
                 "'Israel', 'ISR', 'principal', '#0072b2', 0, '2025-01-01', '2025-01-01')")
    conn.commit()
    conn.close()


def test_first_format_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "old.nego"
    _first_format_case(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.backup_path.parent == path.parent
        assert [p.name for p in store.parties()] == ["Israel"]
        assert store.case_info().title == "Old case"
        assert store.assessments() == []  # table added by the upgrade
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.add_party(Party("Hamas"))
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM parties").fetchone()[0] == 1
    tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}
    assert "assessments" not in tables


def test_current_format_opens_without_backup(store, case_path, tmp_path):
    store.close()
    with CaseStore.open(case_path) as again:
        assert again.backup_path is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.nego"]


def test_every_migration_recorded(store):
    names = [m["name"] for m in store.db["_sqlite_migrations"].rows]
    assert names == list(MIGRATION_NAMES)
    assert len(names) == SCHEMA_VERSION


def test_first_format_opened_read_only_is_upgraded_in_memory_only(tmp_path):
    import hashlib

    path = tmp_path / "old.nego"
    _first_format_case(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with CaseStore.open(path, read_only=True) as store:
        assert store.read_only and store.backup_path is None
        assert [p.name for p in store.parties()] == ["Israel"]
        assert store.assessments() == []  # the upgraded schema answers
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.nego"]  # no backup, no -wal


def test_a_file_before_the_list_indexes_gets_them_after_a_backup(tmp_path):
    from negotiations_gui.domain import Event, PartialDate

    path = tmp_path / "v4.nego"
    create_database(path, stop_before="m005_list_order_indexes")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO case_info VALUES (1, 'Case', '', '', '2025-01-01', '2025-01-01')")
    for n, title in enumerate(["beta", "Alpha", "gamma"]):
        conn.execute("INSERT INTO events (id, date, title, kind, created_at, updated_at) "
                     f"VALUES ('e{n}', '2025-08-0{n + 1}', '{title}', 'meeting', 'x', 'x')")
    conn.commit()
    conn.close()
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        listing = store.record_listing("event", "Title")
        assert listing.after(None, 10) == ["e1", "e0", "e2"]
        plan = " ".join(str(row) for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT t.id FROM events t "
            "ORDER BY (t.title COLLATE NOCASE), t.rowid LIMIT 10"))
        assert "events_list_title" in plan and "TEMP B-TREE" not in plan
        store.add_event(Event(PartialDate.parse("2025"), "Delta"))
        assert listing.after(None, 10)[2] != "e2"
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    indexes = {r[0] for r in backup.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "events_list_title" not in indexes


def test_a_large_upgraded_case_still_says_where_its_backup_is(tmp_path, monkeypatch):
    # a large case in WAL mode is checked after open (open_check.py); the upgrade's
    # backup must still be named, or the window cannot tell the user where it is
    from negotiations_gui.store import open_check

    path = tmp_path / "old.nego"
    _first_format_case(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    monkeypatch.setattr(open_check, "CHECK_LATER_BYTES", 0)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert [p.name for p in store.parties()] == ["Israel"]
