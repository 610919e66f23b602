"""The revision log keyed by integers (schema m016): every record keeps its whole history."""

import sqlite3

from negotiations_gui.domain import CaseData, Event
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.salvage import salvage_case

from .helpers import d

_STAMP = "2025-01-01T00:00:00.000000+00:00"


def _n(store, event_id):
    return store.db.execute("SELECT n FROM events WHERE id = ?", [event_id]).fetchone()[0]


def test_a_deleted_records_history_stays_its_own_when_a_new_one_comes(store):
    first = store.add_event(Event(date=d("2025-08-01"), title="Talks"))
    gone = store.add_event(Event(date=d("2025-08-02"), title="Visit"))
    gone_n = _n(store, gone.id)
    store.delete_event(gone.id)  # the newest: SQLite would give its n to the next row
    new = store.add_event(Event(date=d("2025-08-03"), title="Statement"))
    assert _n(store, new.id) > gone_n
    assert [r.what for r in store.revisions(gone.id)] == ["create", "delete"]
    assert store.revisions(gone.id)[-1].before["title"] == "Visit"
    assert [r.what for r in store.revisions(new.id)] == ["create"]
    assert [r.what for r in store.revisions(first.id)] == ["create"]


def test_a_deletion_undone_reads_as_one_history(store):
    event = store.add_event(Event(date=d("2025-08-01"), title="Talks"))
    removed = store.delete_event(event.id)
    with store.labelled("undo"):
        store.restore(removed)
    assert [r.what for r in store.revisions(event.id)] == ["create", "delete", "undo"]
    assert store.revisions(event.id)[-1].after["title"] == "Talks"
    rows = store.db.execute("SELECT kind FROM revisions WHERE record_id = ?",
                            [event.id]).fetchall()
    assert rows == [("event",)] * 3


def test_records_restored_in_bulk_are_logged_without_their_ids(store):
    events = tuple(Event(date=d("2025-08-01"), title=f"Talks {n}") for n in range(50))
    store.restore(CaseData(events=events))
    assert store.db.execute("SELECT count(*) FROM revision_names WHERE kind = "
                            "(SELECT code FROM revision_kinds WHERE kind = 'event')"
                            ).fetchone()[0] == 0
    assert [r.what for r in store.revisions(events[7].id)] == ["restore"]
    assert store.revisions(events[7].id)[0].after["title"] == "Talks 7"


def _file_before_m016(path):
    """A file as m015 left it: one event here, one deleted, the case, a kind of another time."""
    create_database(path, stop_before="m016_compact_keys")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO case_info VALUES (1, 'Old case', '', '', ?, ?)", [_STAMP, _STAMP])
    conn.execute("INSERT INTO events (id, date, kind, title, created_at, updated_at) "
                 "VALUES ('e-here', '2025-08-01', 'meeting', 'Talks', 0, 0)")
    conn.execute("INSERT INTO changes (replica_id, seq, what, at, applied_at) "
                 "VALUES ('r', 1, 'create', ?, ?), ('r', 2, 'delete', ?, ?)", [_STAMP] * 4)
    case_id = conn.execute("SELECT case_id FROM replica").fetchone()[0]
    conn.executemany("INSERT INTO revisions (change, record_id, kind, before, after) "
                     "VALUES (?, ?, ?, ?, ?)", [
                         (1, case_id, "case", None, None), (1, "e-here", "event", None, None),
                         (1, "e-gone", "event", None, None),
                         (2, "e-gone", "event", '{"title":"Visit"}', None),
                         (2, "e-here", "note", "{}", "{}")])
    conn.execute("COMMIT")
    before = sorted(conn.execute("SELECT * FROM revisions").fetchall())
    conn.close()
    return before


def test_an_older_file_keeps_every_revision_and_each_records_history(tmp_path):
    path = tmp_path / "old.nego"
    before = _file_before_m016(path)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None
        assert sorted(store.db.execute("SELECT * FROM revisions").fetchall()) == before
        assert [r.what for r in store.revisions("e-gone")] == ["create", "delete"]
        assert [r.kind for r in store.revisions("e-here")] == ["event", "note"]
        assert [r.kind for r in store.revisions("e-here", "event")] == ["event"]
        assert store.db.execute("SELECT record FROM revision_names WHERE id = 'e-gone'"
                                ).fetchall() == [(-1,)]
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'events'"
                               ).fetchone()[0]
        assert "AUTOINCREMENT" in sql
        # the event's indexes came back with the table
        assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                "AND tbl_name = 'events' AND name = 'events_by_date'"
                                ).fetchone()[0] == 1
        new = store.add_event(Event(date=d("2025-08-03"), title="Statement"))
        assert [r.what for r in store.revisions(new.id)] == ["create"]


def test_a_salvaged_file_gives_no_deleted_records_n_again(store, case_path, tmp_path):
    store.add_event(Event(date=d("2025-08-01"), title="Talks"))
    gone = store.add_event(Event(date=d("2025-08-02"), title="Visit"))
    gone_n = _n(store, gone.id)
    store.delete_event(gone.id)
    store.close()
    salvage_case(case_path, tmp_path / "saved.nego")
    with CaseStore.open(tmp_path / "saved.nego") as saved:
        new = saved.add_event(Event(date=d("2025-08-03"), title="Statement"))
        assert _n(saved, new.id) > gone_n
        assert [r.what for r in saved.revisions(gone.id)] == ["create", "delete"]
        assert [r.what for r in saved.revisions(new.id)] == ["create"]
