"""Opening something that is not a usable case: a clear error, and the file untouched."""

import hashlib
import os
import sqlite3

import pytest

from negotiations_gui.store import (
    CaseFileError,
    CaseStore,
    DamagedFileError,
    NewerVersionError,
    NotACaseFile,
)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused(path, error, message):
    before = _digest(path)
    siblings = sorted(os.listdir(path.parent))
    with pytest.raises(error, match=message) as caught:
        CaseStore.open(path)
    assert str(path) in str(caught.value)  # the message names the file
    assert _digest(path) == before
    assert sorted(os.listdir(path.parent)) == siblings  # no -wal, -shm or backup left


def test_text_file(tmp_path):
    path = tmp_path / "notes.nego"
    path.write_text("Meeting notes: Cairo, 12 August\n")
    _assert_refused(path, NotACaseFile, "not a case file.*text file")


def test_json_export_given_as_case(tmp_path):
    path = tmp_path / "export.nego"
    path.write_text('{"format": "negotiations-case"}')
    _assert_refused(path, NotACaseFile, "looks like JSON.*File > Import")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.nego"
    path.write_bytes(b"")
    _assert_refused(path, NotACaseFile, "empty")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.nego"
    path.write_bytes(bytes(range(256)) * 10)
    _assert_refused(path, NotACaseFile, "not recognised")


def test_another_programs_sqlite_database(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    _assert_refused(path, NotACaseFile, "SQLite database, but not a negotiation case.*songs")


def test_truncated_case(tmp_path, store, case_path):
    for n in range(200):
        store.add_issue(__import__("negotiations_gui.domain", fromlist=["Issue"]).Issue(
            f"Issue {n}", "x" * 200))
    store.close()
    data = case_path.read_bytes()
    cut = tmp_path / "cut.nego"
    cut.write_bytes(data[: len(data) // 2])
    _assert_refused(cut, DamagedFileError, "truncated")


def test_header_only(tmp_path, store, case_path):
    store.close()
    cut = tmp_path / "header.nego"
    cut.write_bytes(case_path.read_bytes()[:50])
    _assert_refused(cut, DamagedFileError, "truncated")


def test_newer_version(store, case_path):
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    _assert_refused(case_path, NewerVersionError, "newer version.*has not been changed")


def test_newer_version_by_unknown_migration(store, case_path):
    store.db["_sqlite_migrations"].insert(
        {"migration_set": "negotiations_gui", "name": "m999_from_the_future",
         "applied_at": "2030-01-01"})
    store.close()
    _assert_refused(case_path, NewerVersionError, "newer version")


def test_missing_file(tmp_path):
    with pytest.raises(CaseFileError, match="no file"):
        CaseStore.open(tmp_path / "nowhere.nego")
    assert not (tmp_path / "nowhere.nego").exists()


def test_folder(tmp_path):
    folder = tmp_path / "folder.nego"
    folder.mkdir()
    with pytest.raises(NotACaseFile, match="folder"):
        CaseStore.open(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_opens_read_only(store, case_path):
    store.close()
    case_path.chmod(0o444)
    with CaseStore.open(case_path) as ro:
        assert ro.read_only


def test_read_only_folder_opens_read_only_without_writing(store, case_path, tmp_path,
                                                          monkeypatch):
    store.close()
    # os.access is what decides; simulate a read-only location even when running as root
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK
                        else real_access(p, mode, **kw))
    before = _digest(case_path)
    with CaseStore.open(case_path) as ro:
        assert ro.read_only
        assert len(ro.issues()) == 6
    assert _digest(case_path) == before
