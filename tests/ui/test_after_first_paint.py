"""Work the first paint need not wait for runs once the window has painted
(ui/after_first_paint.py): a large case's open-time check (store/open_check.py) and
the reading of its timeline (ui/timeline/background_read.py)."""

import pytest

from negotiations_gui.domain import Party
from negotiations_gui.store import CaseStore, open_check, timeline_queries
from negotiations_gui.ui import after_first_paint
from negotiations_gui.ui.after_first_paint import AfterFirstPaint
from negotiations_gui.ui.timeline import view as timeline_view

from ..faults.helpers import check_threads, gate_the_check
from ..faults.test_damaged_files import _case


@pytest.fixture
def gate(monkeypatch):
    """A large case's check (the size lowered), held at a gate before it reads."""
    monkeypatch.setattr(open_check, "CHECK_LATER_BYTES", 0)
    opened = gate_the_check(monkeypatch)
    yield opened
    opened.set()


def test_a_large_case_is_checked_once_the_window_has_painted(
        qtbot, tmp_path, gate, make_window):
    path = _case(tmp_path)
    CaseStore.open(path).close()  # as the app leaves a case: in WAL mode
    window = make_window()
    assert window.open_case(path)
    assert window.store.open_check_running
    assert check_threads() == []  # held back while the window is built
    window.show()
    qtbot.waitUntil(lambda: len(check_threads()) == 1)  # started once painted
    assert window.after_first_paint.painted
    gate.set()
    qtbot.waitUntil(lambda: not window.store.open_check_running, timeout=10_000)
    assert not window.read_only and window.store.damage is None
    window.store.add_party(Party("Qatar"))  # writable once checked


def test_a_large_case_s_timeline_is_read_once_the_window_has_painted(
        qtbot, tmp_path, monkeypatch, make_window):
    monkeypatch.setattr(timeline_queries, "MANY_EVENTS", 1)  # read on the worker thread
    windows, painted_when_read = [], []
    real = timeline_view.load_timeline_apart

    def read(*args):  # (on the worker thread)
        painted_when_read.append(windows[0].after_first_paint.painted)
        return real(*args)

    monkeypatch.setattr(timeline_view, "load_timeline_apart", read)
    window = make_window()
    windows.append(window)
    assert window.open_case(_case(tmp_path, events=50))
    view = window.timeline_pane.view
    assert view.reload_pending and "Reading the timeline" in view.summary.text()
    window.show()
    qtbot.waitUntil(lambda: not view.reload_pending, timeout=10_000)
    assert painted_when_read == [True]
    assert view.canvas.data.item_count > 0 and "items" in view.summary.text()
    view.reload()  # once painted, a read starts at once
    assert view.reload_pending
    qtbot.waitUntil(lambda: not view.reload_pending, timeout=10_000)
    assert painted_when_read == [True, True]


def test_work_waits_for_the_first_paint_and_later_work_runs_soon(qtbot, make_window):
    window = make_window()
    done: list[str] = []
    window.after_first_paint.add(lambda: done.append("first"))
    assert done == []
    window.show()
    qtbot.waitUntil(lambda: done == ["first"])
    window.after_first_paint.add(lambda: done.append("later"))
    assert done == ["first"]  # on the event loop's next pass, not inside the caller
    qtbot.waitUntil(lambda: done == ["first", "later"])


def test_a_window_that_never_paints_still_gets_the_work_done(qtbot, monkeypatch, make_window):
    monkeypatch.setattr(after_first_paint, "LATEST_MS", 50)
    window = make_window()
    later = AfterFirstPaint(window)  # (reads LATEST_MS when made)
    done: list[str] = []
    later.add(lambda: done.append("done"))
    assert not window.isVisible()
    qtbot.waitUntil(lambda: done == ["done"], timeout=5_000)
    assert not later.painted
