"""A damaged case is found on open or on first use, and nothing is ever written on it
(issue 12, items 4 and 5). Damage is bytes changed on disk."""

import sqlite3

import pytest

from negotiations_gui.domain import Party
from negotiations_gui.store import CaseStore, DamagedFileError, validation

from .helpers import (
    PAGE,
    case_document,
    damage_events_page,
    digest,
    kill9,
    overwrite_page,
    run_cli,
    start_python,
    write_document,
)


def _case(tmp_path, events=2000):
    target = tmp_path / "case.nego"
    done = run_cli("import-json", write_document(tmp_path / "in.json",
                                                 case_document("Damaged", events)), target)
    assert done.returncode == 0, done.stderr
    return target


def _page_of(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_a_zeroed_page_opens_read_only_and_refuses_writes(tmp_path):
    path = _case(tmp_path)
    damage_events_page(path)
    before = digest(path)
    with CaseStore.open(path) as store:
        assert store.read_only and isinstance(store.damage, DamagedFileError)
        message = str(store.damage)
        assert str(path) in message and "damaged" in message
        assert "Save a Copy" in message and "negotiations-gui recover" in message
        with pytest.raises(DamagedFileError):
            store.add_party(Party("Qatar"))
    assert digest(path) == before


def test_a_damaged_index_is_found_on_open(tmp_path):
    path = _case(tmp_path)
    index_root = _page_of(path, "SELECT rootpage FROM sqlite_master WHERE type = 'index' "
                          "AND tbl_name = 'events' ORDER BY rootpage DESC LIMIT 1")
    overwrite_page(path, index_root, b"\x0a" + b"\xff" * (PAGE - 1))
    with CaseStore.open(path) as store:
        assert store.damage is not None and store.read_only


def test_damage_met_in_use_turns_the_case_read_only(tmp_path, monkeypatch):
    """A 500 MB file is not checked in full on open: damage met later stops writes at once."""
    path = _case(tmp_path)
    damage_events_page(path)
    monkeypatch.setattr(validation, "quick_check", lambda conn, budget: None)  # budget spent
    with CaseStore.open(path) as store:
        assert not store.read_only
        before = digest(path)
        with pytest.raises(DamagedFileError, match="damaged"):
            store.export_data()
        assert store.read_only
        with pytest.raises(DamagedFileError):
            store.add_party(Party("Qatar"))
        with pytest.raises(DamagedFileError):  # even SQL that goes around CaseStore
            store.db.execute("INSERT INTO case_info (id, title) VALUES (2, 'x')")
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_cli_refuses_to_write_into_a_damaged_case(tmp_path):
    path = _case(tmp_path)
    damage_events_page(path)
    before = digest(path)
    csv = tmp_path / "events.csv"
    csv.write_text("Date,Title\n2025-08-12,Talks in Cairo\n", encoding="utf-8")
    done = run_cli("import-csv", csv, path, "--mapping", _mapping(tmp_path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "damaged" in done.stderr
    assert digest(path) == before


def _mapping(tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"format": "negotiations-gui csv mapping", "version": 1, '
                       '"target": "events", "columns": {"date": "Date", "title": "Title"}}',
                       encoding="utf-8")
    return mapping


def test_recover_salvages_the_readable_records(tmp_path):
    path = _case(tmp_path)
    with CaseStore.open(path) as store:
        total = len(store.export_data().events)
    damage_events_page(path)
    before = digest(path)
    done = run_cli("recover", path, tmp_path / "saved.nego")
    assert done.returncode == 0, done.stderr
    with CaseStore.open(tmp_path / "saved.nego") as saved:
        assert saved.damage is None
        events = saved.export_data().events
        assert 0.8 * total < len(events) < total  # all but the lost page's
        assert saved.parties()[0].name == "Egypt"
        saved.add_party(Party("Qatar"))  # a sound, writable case
    assert digest(path) == before


def test_a_sound_case_killed_during_its_checkpoint_is_not_called_truncated(tmp_path):
    """kill -9 while a checkpoint copies a large commit into the main file: page 1 already
    counts the new pages, the file is not yet that long, the -wal holds the rest."""
    path = _case(tmp_path, events=50)
    child = start_python(f"""
import sqlite3, sys
conn = sqlite3.connect({str(path)!r}, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("BEGIN")
conn.execute("CREATE TABLE filler (x)")
conn.executemany("INSERT INTO filler VALUES (?)", ((b"x" * 3000,) for _ in range(3000)))
conn.execute("COMMIT")
print("committed", flush=True)
sys.stdin.readline()
""")
    assert child.stdout.readline().strip() == "committed"
    kill9(child)  # committed, in the -wal only
    wal = path.with_name(path.name + "-wal").read_bytes()
    # What the checkpoint writes first: the newest page 1, with the new page count.
    frames = [(int.from_bytes(wal[o:o + 4], "big"), o + 24)
              for o in range(32, len(wal) - PAGE, PAGE + 24)]
    newest_page_one = max(offset for number, offset in frames if number == 1)
    overwrite_page(path, 1, wal[newest_page_one:newest_page_one + PAGE])
    assert path.stat().st_size < PAGE * int.from_bytes(wal[newest_page_one + 28:
                                                           newest_page_one + 32], "big")
    with CaseStore.open(path) as store:
        assert store.damage is None and not store.read_only
        assert store.case_info().title == "Damaged"
        assert store.db.execute("SELECT count(*) FROM filler").fetchone()[0] == 3000


def _tamper(path, *statements):
    """Change the file as another program would, bypassing the case's own rules."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


@pytest.mark.parametrize("statements, named", [
    (["DROP TABLE event_tag_links"], "the table “event_tag_links” is missing"),
    (["DROP VIEW event_tags"], "the table “event_tags” is missing"),  # schema m012's view
    (["ALTER TABLE positions RENAME COLUMN stance TO position"],
     "the table “positions” has no column 'stance'"),
    ([("INSERT INTO positions (id, party_id, issue_id, date, stance, created_at, updated_at) "
       "SELECT 'p1', (SELECT id FROM parties), (SELECT id FROM issues), '2025-08', 'weird', "
       "'2025-08-01T00:00:00+00:00', '2025-08-01T00:00:00+00:00'")],
     "positions.stance 'weird' \\(1 record\\) is not one of demands"),
    (["UPDATE events SET date = 'garbage' WHERE rowid IN (SELECT rowid FROM events LIMIT 2)"],
     "events.date 'garbage' \\(2 records\\) is not a date"),
])
def test_a_valid_database_with_wrong_tables_or_values_is_refused_naming_them(
        tmp_path, statements, named):
    path = _case(tmp_path, events=20)
    _tamper(path, *statements)
    before = digest(path)
    with pytest.raises(DamagedFileError, match=named) as refused:
        CaseStore.open(path)
    assert "another program changed this case" in str(refused.value)
    assert digest(path) == before
    done = run_cli("export-json", path, tmp_path / "out.json")  # the command line too
    assert done.returncode == 1 and "Traceback" not in done.stderr and "recover" in done.stderr
