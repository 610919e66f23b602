"""The revision log: every change to every record is kept, with who, when and where."""

import dataclasses
import shutil
import sqlite3

import pytest

from negotiations_gui.domain import CaseInfo, Event, Stance
from negotiations_gui.domain.revisions import describe
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.schema import MIGRATION_NAMES

from .helpers import d, position, two_principals


def test_create_edit_delete_each_leave_a_revision_with_values(store):
    store.author = "R. Cohen"
    israel, _ = two_principals(store)
    hostages = store.issues()[0]
    p = position(store, israel, hostages, "2025-08-12", Stance.OFFERS, "Phased release")
    store.update_position(dataclasses.replace(p, summary="All at once"))
    store.delete_position(p.id)
    created, edited, deleted = store.revisions(p.id)
    assert created.before is None and created.after["summary"] == "Phased release"
    assert edited.before["summary"] == "Phased release"
    assert edited.after["summary"] == "All at once"
    assert deleted.before["summary"] == "All at once" and deleted.after is None
    assert {r.author for r in (created, edited, deleted)} == {"R. Cohen"}
    assert {r.replica_id for r in (created, edited, deleted)} == {store.replica_id}
    assert [r.seq for r in (created, edited, deleted)] == sorted(
        {created.seq, edited.seq, deleted.seq})
    text = describe(edited)
    assert text.startswith("edited by R. Cohen, ") and "summary was Phased release" in text


def test_a_new_case_starts_with_its_properties_and_issues_recorded(store):
    issue = store.issues()[0]
    assert [r.what for r in store.revisions(issue.id)] == ["create"]
    assert store.revisions(store.case_id)[0].after["title"] == "Test case"
    store.update_case_info(CaseInfo("Renamed", marking="TEST"))
    assert store.revisions(store.case_id)[-1].before["title"] == "Test case"


def test_deleting_a_party_records_what_went_with_it(store):
    israel, hamas = two_principals(store)
    hostages = store.issues()[0]
    p = position(store, israel, hostages, "2025-08")
    talks = store.add_event(Event(d("2025-08-02"), "Talks", party_ids=(israel.id, hamas.id)))
    store.delete_party(israel.id)
    assert store.revisions(israel.id)[-1].after is None
    assert store.revisions(p.id)[-1].after is None  # cascaded
    unlinked = store.revisions(talks.id)[-1]
    assert unlinked.before["party_ids"] == sorted([israel.id, hamas.id])
    assert unlinked.after["party_ids"] == [hamas.id]
    assert describe(unlinked).startswith("edited by")


def test_an_undone_change_is_itself_a_revision(store):
    israel, _ = two_principals(store)
    removed = store.delete_party(israel.id)
    with store.labelled("undo"):
        store.restore(removed)
    last = store.revisions(israel.id)[-1]
    assert last.what == "undo" and last.before is None and last.after["name"] == "Israel"


def test_an_edit_that_changes_nothing_adds_no_revision(store):
    israel, _ = two_principals(store)
    store.update_party(israel)
    assert len(store.revisions(israel.id)) == 1


def test_the_log_is_append_only(store, case_path):
    two_principals(store)
    conn = sqlite3.connect(case_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE revisions SET before = NULL")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM changes")
    conn.close()


def test_a_copy_made_outside_the_app_gets_its_own_replica_id(store, case_path, tmp_path):
    original = store.replica_id
    two_principals(store)
    store.close()
    copy = tmp_path / "copy.nego"
    shutil.copyfile(case_path, copy)
    with CaseStore.open(copy) as copied:
        assert copied.case_id and copied.replica_id != original
        copied.update_case_info(CaseInfo("In the copy"))
        assert copied.revisions(copied.case_id)[-1].replica_id == copied.replica_id
    with CaseStore.open(case_path) as again:
        assert again.replica_id == original
    moved = tmp_path / "moved.nego"
    case_path.rename(moved)  # a move keeps the file, and so its id
    with CaseStore.open(moved) as same:
        assert same.replica_id == original


def test_an_older_file_migrates_with_one_imported_revision_per_record(tmp_path):
    path = tmp_path / "v5.nego"
    create_database(path, stop_before="m006_revisions")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == \
        MIGRATION_NAMES.index("m006_revisions")
    stamp = "2025-01-01T00:00:00.000000+00:00"
    conn.execute("INSERT INTO case_info (id, title, created_at, updated_at) "
                 "VALUES (1, 'Old case', ?1, ?1)", [stamp])
    conn.execute("INSERT INTO parties (id, name, role, created_at, updated_at) "
                 "VALUES ('p', 'Israel', 'principal', ?1, ?1)", [stamp])
    conn.execute("INSERT INTO issues (id, name, created_at, updated_at) "
                 "VALUES ('i', 'Hostages', ?1, ?1)", [stamp])
    conn.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, summary, "
                 "created_at, updated_at) VALUES ('x', 'p', 'i', '2025-08', 'offers', 'Old', "
                 "?1, ?1)", [stamp])
    conn.commit()
    conn.close()
    with CaseStore.open(path) as upgraded:
        assert upgraded.backup_path is not None and upgraded.backup_path.exists()
        for record_id in ("p", "i", "x", upgraded.case_id):
            (imported,) = upgraded.revisions(record_id)
            assert imported.what == "imported"
        upgraded.update_position(dataclasses.replace(upgraded.position("x"), summary="New"))
        assert upgraded.revisions("x")[-1].before["summary"] == "Old"


def test_restoring_a_version_drops_links_to_records_deleted_since(store):
    from negotiations_gui.domain import Source
    from negotiations_gui.store.revision_values import from_values

    israel, _ = two_principals(store)
    cable = store.add_source(Source("Cable", reliability="B", credibility=2))
    p = position(store, israel, store.issues()[0], "2025-08", Stance.OFFERS, "First",
                 source_ids=(cable.id,))
    store.update_position(dataclasses.replace(p, summary="Second", source_ids=()))
    store.delete_source(cable.id)
    earlier = from_values("position", store.revisions(p.id)[1].before)
    assert earlier.summary == "First" and earlier.source_ids == (cable.id,)
    store.restore_version(earlier)
    restored = store.position(p.id)
    assert (restored.summary, restored.source_ids) == ("First", ())
    assert store.revisions(p.id)[-1].what == "restore"
