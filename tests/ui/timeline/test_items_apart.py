"""A large case's timeline is read on a worker thread: the view shows what a read on
the GUI thread shows, and a change made while it reads is not lost."""

import dataclasses

from negotiations_gui.domain import Event, PartialDate
from negotiations_gui.store import timeline_queries
from negotiations_gui.ui.timeline import TimelineView

from .conftest import settle


def _items(data):
    return [(lane.lane.label, [list(track.first) for track in lane.tracks],
             [list(track.record) for track in lane.tracks]) for lane in data.lanes]


def test_a_large_case_is_read_apart_and_shows_the_same_items(qtbot, store, case, state,
                                                             monkeypatch):
    expected = _items(timeline_queries.load_timeline(store))
    monkeypatch.setattr(timeline_queries, "MANY_EVENTS", 1)
    view = TimelineView(store, state)
    qtbot.addWidget(view)
    assert view.reload_pending and view.canvas.data.item_count == 0  # not read yet
    settle(qtbot, view)
    assert _items(view.canvas.data) == expected
    assert "items" in view.summary.text()


def test_a_change_while_reading_is_read_too(qtbot, store, case, state, monkeypatch):
    monkeypatch.setattr(timeline_queries, "MANY_EVENTS", 1)
    view = TimelineView(store, state)
    qtbot.addWidget(view)
    added = store.add_event(Event(PartialDate.parse("2025-08-14"), "Late news",
                                  party_ids=(case["hamas"].id,)))
    moved = store.update_event(dataclasses.replace(case["talks"],
                                                   date=PartialDate.parse("2025-08-13")))
    state.notify_changed({"events"}, {"events": {added.id, moved.id}})
    settle(qtbot, view)
    assert _items(view.canvas.data) == _items(timeline_queries.load_timeline(store))
