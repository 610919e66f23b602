"""The window warns of damage that a large case's check, run beside its first paint,
found (store/open_check.py), as it does when a small case's check finds it on open."""

import pytest

from negotiations_gui.store import CaseStore, open_check
from negotiations_gui.ui import prompts

from ..faults.test_damaged_files import PAGE, _case, _overwrite_page, _page_of


@pytest.fixture
def checked_later(monkeypatch):
    monkeypatch.setattr(open_check, "CHECK_LATER_BYTES", 0)


def test_the_window_warns_of_damage_found_after_it_has_painted(qtbot, tmp_path, checked_later,
                                                              make_window, monkeypatch):
    path = _case(tmp_path)
    CaseStore.open(path).close()  # as the app leaves a case: in WAL mode
    # an index the window does not read to show the case (the log of imported files)
    _overwrite_page(path, _page_of(path, "SELECT rootpage FROM sqlite_master "
                                         "WHERE name = 'import_log_by_hash'"),
                    b"\x0a" + b"\xff" * (PAGE - 1))
    warned = []
    monkeypatch.setattr(prompts, "warn", lambda _parent, title, text: warned.append(title))
    window = make_window()
    assert window.open_case(path)
    assert warned == [] and window.store.damage is None  # not known yet: checked later
    window.show()
    qtbot.waitUntil(lambda: warned == ["Damaged case opened read-only"], timeout=10_000)
    assert window.store.read_only
