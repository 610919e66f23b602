"""Events keyed by their UUID's 16 bytes (schema m017): every id reads as it went in."""

import dataclasses
import shutil
import sqlite3
import uuid

import pytest

from negotiations_gui.domain import CaseInfo, Event, Party, PartyRole, Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.event_keys import event_id, event_key, key_sql
from negotiations_gui.store.file_inspection import inspect_version, plain_connect
from negotiations_gui.store.json_io import case_from_dict, case_to_dict
from negotiations_gui.store.merge import apply_merge, plan_from_file
from negotiations_gui.store.salvage import salvage_case
from negotiations_gui.store.schema import SCHEMA_VERSION
from negotiations_gui.store.validation import schema_problems

from .helpers import d, seed_old_file

_STAMP = "2025-01-01T00:00:00.000000+00:00"
CANONICAL = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
UPPER = "6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4C"  # not canonical: kept as text
HAND_MADE = "meeting-1"
GONE = "00000000-0000-4000-8000-0000000000ff"
IDS = (CANONICAL, UPPER, HAND_MADE, "", "0" * 36, str(uuid.UUID(int=2 ** 128 - 1)),
       "00000000-0000-4000-8000-000000000000", "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4")


def test_the_key_of_an_id_is_the_same_in_python_and_in_sql():
    conn = sqlite3.connect(":memory:")
    for record_id in IDS:
        key = event_key(record_id)
        assert conn.execute(f"SELECT {key_sql('?')}", [record_id]).fetchone()[0] == key
        assert event_id(key) == record_id
    assert isinstance(event_key(CANONICAL), bytes) and len(event_key(CANONICAL)) == 16
    assert event_key(UPPER) == UPPER and event_key(HAND_MADE) == HAND_MADE


def _file_before_m017(path):
    """A file as m016 left it: three events (one id canonical, two not), one deleted
    after them, a party linked to the first, a position answering it."""
    create_database(path, stop_before="m017_event_keys")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    seed_old_file(conn)
    for n, record_id in enumerate((CANONICAL, UPPER, HAND_MADE, GONE)):
        conn.execute("INSERT INTO events (id, date, kind, title, created_at, updated_at) "
                     "VALUES (?, '2025-08-01', 'meeting', ?, 0, 0)", [record_id, f"Talks {n}"])
    conn.execute("DELETE FROM events WHERE id = ?", [GONE])
    conn.execute("INSERT INTO event_parties VALUES (?, 'p1'), (?, 'p1')", [CANONICAL, HAND_MADE])
    conn.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, event_id, "
                 "created_at, updated_at) VALUES ('x1', 'p1', 'i1', '2025-08-01', 'offers', ?, "
                 "?, ?)", [CANONICAL, _STAMP, _STAMP])
    conn.execute("COMMIT")
    conn.close()


def test_an_older_file_keeps_every_event_id_its_links_and_its_count(tmp_path):
    path = tmp_path / "old.nego"
    _file_before_m017(path)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None
        events = {e.id: e for e in store.events()}
        assert set(events) == {CANONICAL, UPPER, HAND_MADE}
        assert events[CANONICAL].party_ids == ("p1",) == events[HAND_MADE].party_ids
        assert store.event(UPPER).title == "Talks 1"
        kinds = dict(store.db.execute("SELECT id, typeof(key) FROM events").fetchall())
        assert kinds == {CANONICAL: "blob", UPPER: "text", HAND_MADE: "text"}
        assert store.position("x1").event_id == CANONICAL
        # the deleted event's n is not given again
        new = store.add_event(Event(date=d("2025-08-03"), title="Statement"))
        assert store.db.execute("SELECT n FROM events WHERE key = ?",
                                [event_key(new.id)]).fetchone()[0] == 5
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        problems = schema_problems(store.db.conn)
        assert problems == []


def test_a_positions_event_is_checked_and_emptied_as_its_foreign_key_did(store):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    talks = store.add_event(Event(date=d("2025-08-01"), title="Talks"))
    answer = store.add_position(Position(israel.id, issue.id, d("2025-08-02"), Stance.OFFERS,
                                         "yes", event_id=talks.id))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.db.execute("UPDATE positions SET event_id = 'no such event'")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.db.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, "
                         "event_id, created_at, updated_at) VALUES ('x2', ?, ?, '2025-08-01', "
                         "'offers', ?, '', '')", [israel.id, issue.id, str(uuid.uuid4())])
    removed = store.delete_event(talks.id)
    assert store.position(answer.id).event_id is None
    assert [p.id for p in removed.positions] == [answer.id]
    store.restore(removed)  # undo
    assert store.position(answer.id).event_id == talks.id


def test_a_non_canonical_event_id_keeps_its_history(store):
    made = store.add_event(Event(date=d("2025-08-01"), title="Talks", id=HAND_MADE))
    store.update_event(dataclasses.replace(made, title="Talks, day 2"))
    assert store.event(HAND_MADE).title == "Talks, day 2"
    store.delete_event(HAND_MADE)
    assert [r.what for r in store.revisions(HAND_MADE)] == ["create", "edit", "delete"]
    assert store.revisions(HAND_MADE)[-1].before["title"] == "Talks, day 2"


def test_event_ids_round_trip_json_exactly(store, tmp_path):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL))
    for n in range(3):
        store.add_event(Event(date=d("2025-08-01"), title=f"Talks {n}", party_ids=(israel.id,)))
    store.add_event(Event(date=d("2025-08-02"), title="Visit", id=CANONICAL))
    doc = case_to_dict(store.export_data())
    again = CaseStore.create(tmp_path / "again.nego", CaseInfo("Again"))
    try:
        again.restore(case_from_dict(doc))
        assert case_to_dict(again.export_data())["events"] == doc["events"]
        assert again.event(CANONICAL).title == "Visit"
    finally:
        again.close()


def test_two_analysts_files_merge_their_events_by_id(store, case_path, tmp_path):
    talks = store.add_event(Event(date=d("2025-08-01"), title="Talks"))
    odd = store.add_event(Event(date=d("2025-08-02"), title="Visit", id=UPPER))
    store.close()
    theirs = tmp_path / "theirs.nego"
    shutil.copyfile(case_path, theirs)
    with CaseStore.open(theirs) as other:
        other.update_event(dataclasses.replace(talks, title="Talks in Doha"))
        other.delete_event(odd.id)
        added = other.add_event(Event(date=d("2025-08-03"), title="Statement"))
    with CaseStore.open(case_path) as ours:
        apply_merge(ours, plan_from_file(ours, theirs))
        assert {e.id: e.title for e in ours.events()} == {
            talks.id: "Talks in Doha", added.id: "Statement"}


def test_the_new_format_opens_checks_and_salvages(store, case_path, tmp_path):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL))
    talks = store.add_event(Event(date=d("2025-08-01"), title="Talks", party_ids=(israel.id,)))
    store.add_event(Event(date=d("2025-08-02"), title="Visit", id=HAND_MADE))
    store.close()
    assert inspect_version(case_path) == SCHEMA_VERSION
    conn = plain_connect(case_path, "ro")
    try:
        assert schema_problems(conn) == []
    finally:
        conn.close()
    salvage_case(case_path, tmp_path / "saved.nego")
    with CaseStore.open(tmp_path / "saved.nego") as saved:
        assert {e.id: e.party_ids for e in saved.events()} == {
            talks.id: (israel.id,), HAND_MADE: ()}
