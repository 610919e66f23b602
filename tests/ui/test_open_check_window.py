"""Damage that a large case's check finds after the first paint (store/open_check.py)
reaches the window as damage found on open does: the case turns read-only, the banner
shows, and Salvage is offered (ui/salvage.py)."""

import pytest

from negotiations_gui.store import CaseStore, open_check

from ..faults.helpers import PAGE, overwrite_page
from ..faults.test_damaged_files import _case, _page_of


@pytest.fixture
def checked_later(monkeypatch):
    monkeypatch.setattr(open_check, "CHECK_LATER_BYTES", 0)


def test_damage_found_after_the_first_paint_shows_the_banner_and_offers_salvage(
        qtbot, tmp_path, checked_later, make_window, answers):
    path = _case(tmp_path)
    CaseStore.open(path).close()  # as the app leaves a case: in WAL mode
    # an index the window does not read to show the case (the log of imported files)
    overwrite_page(path, _page_of(path, "SELECT rootpage FROM sqlite_master "
                                         "WHERE name = 'import_log_by_hash'"),
                    b"\x0a" + b"\xff" * (PAGE - 1))
    answers.yes = False  # "Not now" to the salvage offer
    window = make_window()
    assert window.open_case(path)
    assert window.store.damage is None  # not known yet: checked later
    assert window.salvaging.banner.isHidden()
    window.show()
    qtbot.waitUntil(lambda: any("Salvage every readable record" in text
                                for text in answers.asked), timeout=10_000)
    assert window.store.read_only
    assert not window.salvaging.banner.isHidden()
    assert "(read-only)" in window.windowTitle()
