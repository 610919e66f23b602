"""Schema m012: integer keys inside the file, links as integer pairs, the old link
tables' names as views; an older file is migrated after a backup and reads the same."""

import sqlite3

import pytest

from negotiations_gui.domain import Event, Party, Position, Stance
from negotiations_gui.store import SCHEMA_VERSION, CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.salvage import salvage_case

from ..dates import d

P1, P2 = "11111111-0000-4000-a000-000000000001", "22222222-0000-4000-a000-000000000002"
ISSUE, SOURCE = "33333333-0000-4000-a000-000000000003", "44444444-0000-4000-a000-000000000004"
E1, E2 = "55555555-0000-4000-8000-000000000005", "66666666-0000-4000-8000-000000000006"
PROPOSAL, POSITION = ("77777777-0000-4000-9000-000000000007",
                      "88888888-0000-4000-9000-000000000008")
_STAMP = "'2025-01-01T00:00:00.000000+00:00'"


def _m011_file(path):
    """A case as the version before m012 wrote it: links between text ids."""
    create_database(path, stop_before="m012_integer_keys")
    conn = sqlite3.connect(path)
    s = _STAMP
    for sql in [
        f"INSERT INTO case_info VALUES (1, 'Old', '', '', {s}, {s})",
        f"INSERT INTO parties VALUES ('{P1}', 'Egypt', 'EGY', 'mediator', '#000000', 0, {s}, {s})",
        f"INSERT INTO parties VALUES ('{P2}', 'Qatar', '', 'mediator', '#000000', 1, {s}, {s})",
        f"INSERT INTO issues VALUES ('{ISSUE}', 'Hostages', '', '', 0, {s}, {s})",
        (f"INSERT INTO sources (id, title, reliability, credibility, created_at, updated_at) "
         f"VALUES ('{SOURCE}', 'Cable', 'B', 2, {s}, {s})"),
        (f"INSERT INTO events (id, date, kind, title, created_at, updated_at) "
        f"VALUES ('{E1}', '2025-08-12', 'meeting', 'Talks', {s}, {s})"),
        (f"INSERT INTO events (id, date, kind, title, created_at, updated_at) "
        f"VALUES ('{E2}', '2025-08', 'statement', 'Statement', {s}, {s})"),
        f"INSERT INTO event_parties VALUES ('{E1}', '{P2}'), ('{E1}', '{P1}'), ('{E2}', '{P1}')",
        f"INSERT INTO event_issues VALUES ('{E1}', '{ISSUE}')",
        f"INSERT INTO event_tags VALUES ('{E1}', 'cairo'), ('{E1}', 'round 2')",
        f"INSERT INTO event_sources VALUES ('{E1}', '{SOURCE}')",
        (f"INSERT INTO proposals (id, date, title, status, created_at, updated_at) "
        f"VALUES ('{PROPOSAL}', '2025-08-13', 'Framework', 'presented', {s}, {s})"),
        (f"INSERT INTO proposal_parties VALUES ('{PROPOSAL}', '{P1}', 'proposer'), "
        f"('{PROPOSAL}', '{P2}', 'addressee')"),
        f"INSERT INTO proposal_terms VALUES ('{PROPOSAL}', '{ISSUE}', 'All released')",
        f"INSERT INTO proposal_sources VALUES ('{PROPOSAL}', '{SOURCE}')",
        (f"INSERT INTO positions (id, party_id, issue_id, date, stance, created_at, updated_at, "
        f"source_ids) VALUES ('{POSITION}', '{P1}', '{ISSUE}', '2025-08-12', 'offers', {s}, {s}, "
        f"'[\"{SOURCE}\"]')"),
        f"INSERT INTO position_sources VALUES ('{POSITION}', '{SOURCE}')",
    ]:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _assert_old_records(store):
    events = {e.id: e for e in store.export_data().events}
    assert events[E1].party_ids == tuple(sorted([P1, P2]))
    assert events[E1].issue_ids == (ISSUE,) and events[E1].source_ids == (SOURCE,)
    assert events[E1].tags == ("cairo", "round 2") and events[E2].party_ids == (P1,)
    proposal = store.export_data().proposals[0]
    assert (proposal.proposer_ids, proposal.addressee_ids) == ((P1,), (P2,))
    assert proposal.terms == {ISSUE: "All released"} and proposal.source_ids == (SOURCE,)
    assert store.export_data().positions[0].source_ids == (SOURCE,)


def _list_keys(store, event_id):
    return store.db.execute("SELECT list_parties, list_issues, list_tags, list_sources "
                            "FROM events WHERE id = ?", [event_id]).fetchone()


def test_an_m011_file_is_migrated_after_a_backup_and_reads_the_same(tmp_path):
    path = tmp_path / "old.nego"
    _m011_file(path)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        _assert_old_records(store)
        # the sort keys of m010, filled again by the new triggers' SQL
        assert _list_keys(store, E1) == ("EGY, Qatar", "Hostages", "cairo, round 2",
                                         "Cable (B2)")
        kinds = dict(store.db.execute("SELECT name, type FROM sqlite_master"))
        assert kinds["event_parties"] == "view" and kinds["event_party_links"] == "table"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    assert backup.execute("SELECT type FROM sqlite_master WHERE name = 'event_parties'"
                          ).fetchone() == ("table",)


def test_keys_and_links_stay_in_step_after_the_migration(tmp_path):
    path = tmp_path / "old.nego"
    _m011_file(path)
    with CaseStore.open(path) as store:
        egypt = next(p for p in store.parties() if p.id == P1)
        store.update_party(egypt.__class__(**{**egypt.__dict__, "short_name": "ARE"}))
        assert _list_keys(store, E1)[0] == "ARE, Qatar"
        store.delete_party(P2)  # cascades: the event and the proposal lose it
        assert _list_keys(store, E1)[0] == "ARE"
        assert store.export_data().proposals[0].addressee_ids == ()
        store.delete_source(SOURCE)  # the position's copy of its sources follows (m004)
        assert store.export_data().positions[0].source_ids == ()
        assert _list_keys(store, E1)[3] == ""
        store.db.execute("VACUUM")  # n is an INTEGER PRIMARY KEY: VACUUM keeps it
        assert {e.id: e.party_ids for e in store.export_data().events} == {E1: (P1,), E2: (P1,)}


def test_the_old_link_names_read_and_write_through_their_views(store):
    egypt = store.add_party(Party("Egypt"))
    event = store.add_event(Event(d("2025-08-12"), "Talks"))
    with store.db.atomic():
        store.db.execute("INSERT INTO event_parties (event_id, party_id) VALUES (?, ?)",
                         [event.id, egypt.id])
    assert store.db.execute("SELECT event_id, party_id FROM event_parties").fetchall() == [
        (event.id, egypt.id)]
    assert store.export_data().events[0].party_ids == (egypt.id,)
    assert _list_keys(store, event.id)[0] == "Egypt"  # the table's trigger ran
    with pytest.raises(sqlite3.IntegrityError):  # a link to no record is refused
        store.db.execute("INSERT INTO event_parties (event_id, party_id) VALUES (?, 'nobody')",
                         [event.id])
    with store.db.atomic():
        store.db.execute("DELETE FROM event_parties WHERE party_id = ?", [egypt.id])
    assert store.export_data().events[0].party_ids == ()


def test_positions_and_links_written_by_the_store_use_integer_keys(store):
    egypt = store.add_party(Party("Egypt"))
    issue = store.issues()[0]
    store.add_position(Position(egypt.id, issue.id, d("2025-08-12"), Stance.OFFERS))
    event = store.add_event(Event(d("2025-08-12"), "Talks", party_ids=(egypt.id,),
                                  tags=("x",)))
    row = store.db.execute("SELECT l.event_n, l.party_n FROM event_party_links l").fetchone()
    assert row == store.db.execute(
        "SELECT e.n, p.n FROM events e, parties p WHERE e.id = ? AND p.id = ?",
        [event.id, egypt.id]).fetchone()


def test_salvage_of_an_m011_file_keeps_its_links(tmp_path):
    path = tmp_path / "old.nego"
    _m011_file(path)
    report = salvage_case(path, tmp_path / "saved.nego")
    assert report.copied["event_parties"] == 3 and report.copied["proposal_terms"] == 1
    with CaseStore.open(tmp_path / "saved.nego") as saved:
        _assert_old_records(saved)


def test_the_revision_log_is_keyed_by_record_and_keeps_every_row(tmp_path):
    from sqlite_utils import Database

    from negotiations_gui.store.schema import apply_migrations

    path = tmp_path / "old.nego"
    _m011_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(Database(conn), stop_before="m012_revisions_by_record")
    conn.execute("INSERT INTO changes (replica_id, seq, what, at, applied_at) "
                 "VALUES ('r', 1, 'imported', '2025-01-01', '2025-01-01')")
    for kind, table in (("party", "parties"), ("event", "events"), ("position", "positions")):
        conn.execute(f"INSERT INTO revisions (change, record_id, kind) "
                     f"SELECT 1, id, '{kind}' FROM {table}")
    conn.execute("INSERT INTO revisions (change, record_id, kind, before, after) "
                 f"VALUES (1, '{E1}', 'edit-less', '{{}}', '{{}}')")
    before = sorted(conn.execute("SELECT * FROM revisions").fetchall())
    assert len(before) > 5 and conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'revisions_by_record'").fetchone()[0]
    conn.close()
    with CaseStore.open(path) as store:
        assert store.backup_path is not None
        assert sorted(store.db.execute("SELECT * FROM revisions").fetchall()) == before
        # keyed by record since m012; by integers since m016 (revision_keys.py)
        key = [r[1] for r in sorted(store.db.execute("PRAGMA table_info(revision_log)"),
                                    key=lambda r: r[5]) if r[5]]
        assert key == ["kind", "record", "change"]
        assert store.db.execute("SELECT name FROM sqlite_master WHERE tbl_name = "
                                "'revision_log' AND type = 'index'").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute("DELETE FROM revisions")
        assert [r.kind for r in store.log.revisions_of(E1, "event")] == ["event"]
