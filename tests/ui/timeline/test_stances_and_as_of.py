"""Issue 14 items 8, 9, 11: the timeline follows the as-of date, draws each
change of stance in its party's lane, and keeps its header labels apart."""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor

from negotiations_gui.domain import Position, Stance
from negotiations_gui.domain.timeline_data import is_position
from negotiations_gui.store.timeline_queries import record_number
from negotiations_gui.ui.timeline import style
from negotiations_gui.ui.timeline.axis_and_headers import cursor_flags

from ...dates import d
from .conftest import day, settle
from .test_interaction import drag, send_mouse


def add_positions(store, case, *rows):
    """(party key, issue index, date, stance, summary) rows, added in order."""
    issues = store.issues()
    return [store.add_position(Position(case[party].id, issues[issue].id, d(date), stance, summary))
            for party, issue, date, stance, summary in rows]


def stance_hits(view):
    view.canvas.repaint()
    return [h for h in view.canvas.hits if is_position(h.record)]


def cursor_in_view(view) -> bool:
    x = style.HEADER_WIDTH + view.canvas.scale.x(view.canvas.as_of_end)
    return style.HEADER_WIDTH <= x <= view.canvas.width()


# -- item 8: the timeline follows the as-of date ------------------------------------------


def test_a_typed_or_stepped_as_of_date_is_brought_into_view(qtbot, window):
    from negotiations_gui.domain import Event, Party

    store = window.store
    hamas = store.add_party(Party("Hamas"))
    store.add_event(Event(d("2025-08-12"), "Talks", "meeting", party_ids=(hamas.id,)))
    store.add_position(Position(hamas.id, store.issues()[0].id, d("2025-03-02"), Stance.REJECTS))
    window.state.notify_changed({"events", "parties", "positions"})
    window.show()
    qtbot.waitExposed(window)
    view = window.timeline_pane.view
    settle(qtbot, view)
    canvas = view.canvas
    for _ in range(12):  # zoom in on August, far from March
        qtbot.keyClick(canvas, Qt.Key_Plus)
    field = window.date_bar.as_of_input
    qtbot.mouseClick(field.edit, Qt.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(field.edit, "2 Mar 2025")
    qtbot.keyClick(field.edit, Qt.Key_Return)
    assert window.state.as_of == d("2025-03-02")
    assert cursor_in_view(view)
    zoom = canvas.scale.px_per_day
    qtbot.mouseClick(window.date_bar.next_button, Qt.LeftButton)  # to no later change: stays
    qtbot.keyClick(field.edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(field.edit, "12 Aug 2025")
    qtbot.keyClick(field.edit, Qt.Key_Return)
    assert cursor_in_view(view) and canvas.scale.px_per_day == zoom  # the zoom is kept
    qtbot.mouseClick(window.date_bar.previous_button, Qt.LeftButton)
    assert window.state.as_of == d("2025-03-02") and cursor_in_view(view)


def test_dragging_the_cursor_does_not_scroll_the_view(view, state):
    canvas = view.canvas
    before = canvas.scale
    start = QPointF(style.HEADER_WIDTH + canvas.scale.x(canvas.as_of_end), 200)
    drag(canvas, start, QPointF(canvas.width() - 2, 200))
    assert canvas.scale == before


def test_fit_all_includes_the_positions_dates(qtbot, view, store, case):
    add_positions(store, case, ("hamas", 0, "2025-03-02", Stance.REJECTS, "No deal"))
    view.state.notify_changed({"positions"}, {"positions": set()})
    qtbot.keyClick(view.canvas, Qt.Key_Plus)
    view.fit_action.trigger()
    assert view.canvas.scale.left <= day("2025-03-02")


# -- item 9: changes of stance in the party lanes --------------------------------------------


def test_each_change_of_stance_is_a_mark_in_its_party_lane(qtbot, view, store, case):
    first, reworded, moved = add_positions(
        store, case,
        ("hamas", 0, "2025-08-05", Stance.REJECTS, "No partial deal"),
        ("hamas", 0, "2025-08-09", Stance.REJECTS, "Still no partial deal"),  # wording only
        ("hamas", 0, "2025-08-14", Stance.CONDITIONAL, "A deal if the war ends"))
    view.state.notify_changed({"positions"}, {"positions": {first.id, reworded.id, moved.id}})
    hits = stance_hits(view)
    records = {h.record for h in hits}
    assert records == {record_number(store, "position", p.id) for p in (first, moved)}
    lanes = {view.canvas.data.lanes[h.lane].lane.label for h in hits}
    assert lanes == {"HAM"}
    assert "2 changes of stance" in view.summary.text()
    # a click on a mark selects that position everywhere
    hit = next(h for h in hits if h.record == record_number(store, "position", moved.id))
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=hit.rect.center().toPoint())
    assert view.state.selection == ("position", moved.id)
    assert "HAM on Hostages: ≈ Conditional — A deal if the war ends" in \
        view.canvas.tooltip_text(hit)


def test_changes_of_stance_filter_like_events(qtbot, view, store, case):
    from negotiations_gui.domain import EventFilter

    add_positions(store, case,
                  ("hamas", 0, "2025-08-05", Stance.REJECTS, "No partial deal"),
                  ("israel", 1, "2025-08-06", Stance.DEMANDS, "All hostages at once"))
    view.state.notify_changed({"positions"}, None)
    settle(qtbot, view)
    assert len(stance_hits(view)) == 2
    view.state.set_event_filter(EventFilter(text="hostages"))
    settle(qtbot, view)
    assert [view.canvas.data.lanes[h.lane].lane.label for h in stance_hits(view)] == ["ISR"]
    view.state.set_event_filter(EventFilter(kinds=frozenset({"meeting"})))
    settle(qtbot, view)
    assert stance_hits(view) == []
    view.state.set_event_filter(EventFilter(kinds=frozenset({"position"})))
    settle(qtbot, view)
    assert len(stance_hits(view)) == 2
    assert not [h for h in view.canvas.hits if h.record and not is_position(h.record)]
    view.state.set_event_filter(EventFilter(issue_ids=frozenset({store.issues()[0].id})))
    settle(qtbot, view)
    assert [view.canvas.data.lanes[h.lane].lane.label for h in stance_hits(view)] == ["HAM"]


def test_changes_on_one_date_stand_side_by_side_or_cluster(qtbot, view, store, case):
    rows = [("hamas", n, "2025-08", Stance.UNCLEAR, f"Issue {n}") for n in range(6)]
    add_positions(store, case, *rows)
    view.state.notify_changed({"positions"}, None)
    view.canvas.fit_days(day("2025-07-30"), day("2025-09-02"))  # a month is wide: side by side
    assert len(stance_hits(view)) == 6
    for _ in range(14):
        qtbot.keyClick(view.canvas, Qt.Key_Minus)  # zoomed far out: one counted cluster
    view.canvas.repaint()
    clusters = [h for h in view.canvas.hits if h.count == 6 and not h.record]
    assert clusters and stance_hits(view) == []


# -- item 11: header labels do not collide -------------------------------------------------


def test_cursor_flags_sit_in_their_own_band_apart(qtbot, view, state):
    state.set_compare_with(d("2025-07-31"))
    state.set_as_of(d("2025-08-08"))
    for _ in range(6):
        qtbot.keyClick(view.canvas, Qt.Key_Minus)  # the two dates close together
    view.canvas.repaint()
    flags = cursor_flags(view.canvas.frame())
    assert [f.text for f in flags] in (["Since 31 Jul 2025", "As of 8 Aug 2025"],
                                       ["Since", "As of 8 Aug 2025"])
    compare, as_of = (f.rect for f in flags)
    assert not compare.intersects(as_of)
    for rect in (compare, as_of):  # below both rows of axis labels, inside the axis
        assert rect.top() >= style.AXIS_LABELS_HEIGHT and rect.bottom() <= style.AXIS_HEIGHT
    # the cursor line does not cross the labels' rows
    image = view.canvas.grab().toImage()
    x = int(style.HEADER_WIDTH + view.canvas.scale.x(view.canvas.as_of_end))
    for y in (5, 12, 28):
        assert image.pixelColor(x, y) != QColor(style.AS_OF)
    assert image.pixelColor(x, style.AXIS_HEIGHT + 40) == QColor(style.AS_OF)


def test_clicking_in_the_flag_band_still_sets_the_as_of_date(view, state):
    canvas = view.canvas
    x = style.HEADER_WIDTH + canvas.scale.x(day("2025-08-05") + 1)
    y = style.AXIS_LABELS_HEIGHT + 4
    send_mouse(canvas, QEvent.MouseButtonPress, QPointF(x, y))
    send_mouse(canvas, QEvent.MouseButtonRelease, QPointF(x, y), buttons=Qt.NoButton)
    assert state.as_of == d("2025-08-05")


def test_a_large_case_reads_its_changes_of_stance_in_the_background(
        qtbot, view, store, case, monkeypatch):
    from negotiations_gui.store import timeline_positions

    monkeypatch.setattr(timeline_positions, "MANY_POSITIONS", 0)  # any case counts as large
    first, = add_positions(store, case, ("hamas", 0, "2025-08-05", Stance.REJECTS, "No"))
    view.reload()
    assert view.reload_pending and stance_hits(view) == []  # the events are shown at once
    qtbot.waitUntil(lambda: not view.reload_pending)
    assert {h.record for h in stance_hits(view)} == {record_number(store, "position", first.id)}
    second, = add_positions(store, case, ("israel", 1, "2025-08-06", Stance.DEMANDS, "All"))
    view.state.notify_changed({"positions"}, {"positions": {second.id}})
    qtbot.waitUntil(lambda: not view.reload_pending)
    assert len(stance_hits(view)) == 2
