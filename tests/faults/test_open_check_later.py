"""A large case is checked beside the window's first paint, and nothing is written to it
until the check has passed (store/open_check.py). Damage is bytes changed on disk; the
size from which a case counts as large is lowered so that small files stand for it."""

import pytest

from negotiations_gui.domain import Party
from negotiations_gui.store import CaseStore, DamagedFileError, ReadOnlyError, open_check

from .helpers import check_threads, gate_the_check
from .helpers import digest as _digest
from .helpers import events_leaf as _events_leaf
from .helpers import overwrite_page as _overwrite_page
from .test_damaged_files import _case


@pytest.fixture
def checked_later(monkeypatch):
    monkeypatch.setattr(open_check, "CHECK_LATER_BYTES", 0)


def _wal_case(tmp_path):
    """A case as the app leaves it: opened once, so in WAL mode."""
    path = _case(tmp_path)
    CaseStore.open(path).close()
    return path


def test_a_small_case_is_checked_before_it_opens(tmp_path):
    path = _case(tmp_path, events=200)
    _overwrite_page(path, _events_leaf(path))
    with CaseStore.open(path) as store:
        assert not store.open_check_running and store.damage is not None and store.read_only


def test_nothing_is_written_to_a_large_case_until_its_check_has_passed(tmp_path, checked_later):
    path = _wal_case(tmp_path)
    with CaseStore.open(path) as store:
        # even SQL that goes around CaseStore is refused while the check is pending
        with pytest.raises(ReadOnlyError):
            store.db.execute("INSERT INTO case_info (id, title) VALUES (2, 'x')")
        qatar = store.add_party(Party("Qatar"))  # waits for the check, which passes
        assert not store.open_check_running and store.damage is None
        assert qatar.id in {p.id for p in store.parties()}
    with CaseStore.open(path) as again:
        assert qatar.id in {p.id for p in again.parties()}


def test_damage_found_by_the_later_check_refuses_the_first_write(tmp_path, checked_later):
    path = _wal_case(tmp_path)
    _overwrite_page(path, _events_leaf(path))
    before = _digest(path)
    with CaseStore.open(path) as store:
        assert store.damage is None  # opened at once, not known yet
        with pytest.raises(DamagedFileError, match="damaged"):
            store.add_party(Party("Qatar"))
        assert store.read_only and "Save a Copy" in str(store.damage)
    assert _digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_closing_while_the_check_runs_leaves_the_file_as_it_was(tmp_path, checked_later):
    path = _wal_case(tmp_path)
    before = _digest(path)
    store = CaseStore.open(path)
    store.close()
    assert not store.open_check_running
    assert _digest(path) == before
    for side in ("-wal", "-shm"):
        assert not path.with_name(path.name + side).exists()




@pytest.fixture
def gate(monkeypatch):
    opened = gate_the_check(monkeypatch)
    yield opened
    opened.set()


def test_a_check_held_back_waits_for_its_start_and_then_judges_the_file(
        tmp_path, checked_later, gate):
    path = _wal_case(tmp_path)
    _overwrite_page(path, _events_leaf(path))
    with CaseStore.open(path, start_check=False) as store:
        assert store.open_check_running and store.damage is None
        assert check_threads() == []  # held back: nothing reads the file yet
        store.start_open_check()
        assert len(check_threads()) == 1
        gate.set()
        assert store.settle_open_check() is not None
        assert store.read_only


def test_the_first_write_starts_a_check_held_back(tmp_path, checked_later):
    path = _wal_case(tmp_path)
    with CaseStore.open(path, start_check=False) as store:
        qatar = store.add_party(Party("Qatar"))  # starts the check and waits for it
        assert not store.open_check_running and store.damage is None
        assert qatar.id in {p.id for p in store.parties()}


def test_closing_a_case_whose_check_was_held_back_leaves_the_file_as_it_was(
        tmp_path, checked_later, gate):
    path = _wal_case(tmp_path)
    before = _digest(path)
    store = CaseStore.open(path, start_check=False)
    store.close()
    store.start_open_check()  # too late: nothing to start
    assert check_threads() == [] and not store.open_check_running
    assert _digest(path) == before
    for side in ("-wal", "-shm"):
        assert not path.with_name(path.name + side).exists()
