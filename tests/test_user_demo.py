"""The user's own copy of the demo: one file, kept when changed, fresh only when asked."""

import json

import pytest

from negotiations_gui.demo import (
    DEMO_FILE_NAME,
    ORIGIN_FILE_NAME,
    DemoState,
    content_digest,
    demo_json_sha256,
    fresh_demo_copy,
    user_demo,
)
from negotiations_gui.domain import Party
from negotiations_gui.store import CaseFileError, CaseStore


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data" / "demo"  # not there yet, as on a first run


def _party_names(path):
    with CaseStore.open(path, read_only=True) as store:
        return {p.name for p in store.parties()}


def _add_jordan(path):
    with CaseStore.open(path) as store:
        store.add_party(Party("Jordan"))


def test_the_same_file_every_time_and_nothing_else_left_behind(folder):
    first = user_demo(folder)
    assert first.state is DemoState.NEW and first.path == folder / DEMO_FILE_NAME
    again = user_demo(folder)
    assert again.state is DemoState.CURRENT and again.path == first.path
    assert sorted(p.name for p in folder.iterdir()) == sorted([DEMO_FILE_NAME, ORIGIN_FILE_NAME])
    assert content_digest(first.path) == demo_json_sha256()  # exactly the bundled demo


def test_a_changed_copy_is_kept_as_it_is(folder):
    path = user_demo(folder).path
    _add_jordan(path)
    copy = user_demo(folder)
    assert copy.state is DemoState.CHANGED and copy.path == path
    assert "Jordan" in _party_names(path)


def test_a_fresh_copy_keeps_the_changed_one_under_a_clear_name(folder):
    import datetime as dt

    path = user_demo(folder).path
    _add_jordan(path)
    now = dt.datetime(2026, 12, 1, 23, 40)
    fresh = fresh_demo_copy(folder, now)
    assert fresh.path == path and "Jordan" not in _party_names(path)
    assert fresh.kept_as.name == \
        "Gaza mediation, August 2025 (demo, your changes of 1 Dec 2026 23.40).nego"
    assert "Jordan" in _party_names(fresh.kept_as)
    assert user_demo(folder).state is DemoState.CURRENT
    # asked twice in the same minute: a second kept copy does not replace the first
    _add_jordan(path)
    second = fresh_demo_copy(folder, now)
    assert second.kept_as.name.endswith("23.40, 2).nego") and fresh.kept_as.exists()


def test_a_fresh_copy_of_an_unchanged_demo_keeps_nothing(folder):
    user_demo(folder)
    assert fresh_demo_copy(folder).kept_as is None
    assert len(list(folder.glob("*.nego"))) == 1


def _as_if_written_by_an_older_version(folder):
    """An unchanged copy of an older demo: its content differs, but is what was written."""
    path = user_demo(folder).path
    _add_jordan(path)  # stands for what the older demo held differently
    origin = {"bundled_sha256": "0" * 64, "content_sha256": content_digest(path)}
    (folder / ORIGIN_FILE_NAME).write_text(json.dumps(origin), encoding="utf-8")
    return path


def test_an_unchanged_copy_of_an_older_demo_is_brought_up_to_date(folder):
    path = _as_if_written_by_an_older_version(folder)
    copy = user_demo(folder)
    assert copy.state is DemoState.REFRESHED and copy.path == path
    assert content_digest(path) == demo_json_sha256()
    assert user_demo(folder).state is DemoState.CURRENT


def test_an_older_copy_open_in_another_window_is_left_alone(folder):
    path = _as_if_written_by_an_older_version(folder)
    assert user_demo(folder, may_replace=False).state is DemoState.CURRENT
    assert "Jordan" in _party_names(path)


def test_a_damaged_copy_is_kept_and_a_fresh_one_replaces_it(folder):
    path = user_demo(folder).path
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"  # bytes changed on disk
    path.write_bytes(bytes(data))
    assert user_demo(folder).state is DemoState.CHANGED  # opening it will say what is wrong
    fresh = fresh_demo_copy(folder)
    assert fresh.kept_as.read_bytes() == bytes(data)
    assert content_digest(path) == demo_json_sha256()


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(CaseFileError, match="the demo case cannot be written in this folder"):
        user_demo(blocker / "demo")
