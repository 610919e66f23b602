"""Cursor drag, selection sync, double-click to edit, zoom and pan, tooltips."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from negotiations_gui.domain import Event, PartialDate, Party, PartyRole
from negotiations_gui.store.timeline_queries import record_number
from negotiations_gui.ui.timeline import style

from .conftest import day, point_of, settle


def send_mouse(widget, kind, pos: QPointF, buttons=Qt.LeftButton, button=Qt.LeftButton):
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget, start: QPointF, end: QPointF, steps: int = 5):
    send_mouse(widget, QEvent.MouseButtonPress, start)
    for n in range(1, steps + 1):
        pos = start + (end - start) * (n / steps)
        send_mouse(widget, QEvent.MouseMove, pos, button=Qt.NoButton)
    send_mouse(widget, QEvent.MouseButtonRelease, end, buttons=Qt.NoButton)


def cursor_x(view) -> float:
    return style.HEADER_WIDTH + view.canvas.scale.x(view.canvas.as_of_end)


def test_dragging_the_cursor_moves_the_shared_as_of_date_live(view, state):
    canvas = view.canvas
    seen = []
    state.asOfChanged.connect(seen.append)
    start = QPointF(cursor_x(view), 200)
    target_day = day("2025-08-18")
    end = QPointF(style.HEADER_WIDTH + canvas.scale.x(target_day + 1), 200)
    drag(canvas, start, end)
    assert state.as_of == PartialDate.parse("2025-08-18")
    assert len(seen) >= 2  # the date followed the drag, not only its end
    assert canvas.as_of_end == target_day + 1
    assert canvas.scale.px_per_day > 0 and not canvas.selected  # a drag is not a click


def test_clicking_the_axis_sets_the_as_of_date(view, state):
    canvas = view.canvas
    x = style.HEADER_WIDTH + canvas.scale.x(day("2025-08-05") + 1)
    send_mouse(canvas, QEvent.MouseButtonPress, QPointF(x, 10))
    send_mouse(canvas, QEvent.MouseButtonRelease, QPointF(x, 10), buttons=Qt.NoButton)
    assert state.as_of == PartialDate.parse("2025-08-05")


def test_the_view_follows_the_shared_dates(view, state):
    state.set_as_of(PartialDate.parse("2025-08"))
    assert view.canvas.as_of_end == day("2025-09-01")  # the end of the month
    assert view.canvas.as_of_text == "As of Aug 2025"
    state.set_compare_with(PartialDate.parse("2025-08-03"))
    assert view.canvas.compare_end == day("2025-08-04")
    assert view.canvas.compare_text == "Since 3 Aug 2025"
    state.set_compare_with(None)
    assert view.canvas.compare_end is None


def test_click_selects_everywhere_and_selection_from_elsewhere_highlights(qtbot, view, state,
                                                                         case):
    canvas = view.canvas
    canvas.zoom(4)
    canvas.repaint()
    pos = point_of(view, "event", case["talks"].id, "ISR")
    with qtbot.waitSignal(state.selectionChanged):
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=pos.toPoint())
    assert state.selection == ("event", case["talks"].id)
    talks = record_number(view.store, "event", case["talks"].id)
    assert canvas.selected == talks
    # drawn in both party lanes, joined while selected
    assert [canvas.data.lanes[i].lane.label for i in canvas.selected_lanes] == ["ISR", "EGY"]
    state.select("proposal", case["proposal"].id)
    assert canvas.selected == record_number(view.store, "proposal", case["proposal"].id)
    assert canvas.selected_days == (day("2025-08-18"), day("2025-08-19"))
    state.select("party", case["israel"].id)
    assert canvas.selected == 0
    canvas.repaint()
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(style.HEADER_WIDTH + 5, 480))
    assert state.selection == ("", "")


def test_double_click_asks_to_edit_the_record(qtbot, view, case):
    canvas = view.canvas
    canvas.zoom(4)
    canvas.repaint()
    pos = point_of(view, "proposal", case["proposal"].id, "EGY").toPoint()
    with qtbot.waitSignal(view.editRequested) as signal:
        qtbot.mouseDClick(canvas, Qt.LeftButton, pos=pos)
    assert signal.args == ["proposal", case["proposal"].id]


def test_wheel_zooms_around_the_mouse(view):
    canvas = view.canvas
    before = canvas.scale
    pos = QPointF(style.HEADER_WIDTH + 300, 200)
    anchor = before.day(300)
    event = QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)
    assert canvas.scale.px_per_day > before.px_per_day
    assert abs(canvas.scale.day(300) - anchor) < 1e-6


def test_drag_pans_and_keys_zoom_pan_and_fit(qtbot, view):
    canvas = view.canvas
    fitted = canvas.scale
    drag(canvas, QPointF(500, 300), QPointF(600, 300))
    assert abs(canvas.scale.x(day("2025-08-10")) - fitted.x(day("2025-08-10")) - 100) < 1e-6
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key_Plus)
    assert canvas.scale.px_per_day > fitted.px_per_day
    qtbot.keyClick(canvas, Qt.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key_Minus)
    assert canvas.scale.px_per_day < fitted.px_per_day
    left = canvas.scale.left
    qtbot.keyClick(canvas, Qt.Key_Right)
    assert canvas.scale.left > left
    qtbot.keyClick(canvas, Qt.Key_Home)
    assert canvas.scale == fitted


def test_zoom_to_selection(view, state, case):
    state.select("event", case["truce"].id)
    view.zoom_to_selection()
    scale = view.canvas.scale
    assert scale.x(day("2025-08-01")) > 0
    assert scale.x(day("2025-08-21")) < view.canvas.content_width
    assert scale.px_per_day > 20  # zoomed well in from the whole span


def test_clicking_a_cluster_zooms_into_it(qtbot, store, view, case):
    for n in range(6):
        store.add_event(Event(PartialDate.parse("2025-08-12"), f"Call {n}", "statement",
                              party_ids=(case["israel"].id,)))
    view.state.notify_changed({"events"})
    settle(qtbot, view)
    canvas = view.canvas
    canvas.fit_days(day("2025-07-01"), day("2025-10-01"))
    canvas.repaint()
    cluster = next(h for h in canvas.hits if h.count == 7)
    before = canvas.scale.px_per_day
    send_mouse(canvas, QEvent.MouseButtonPress, cluster.rect.center())
    send_mouse(canvas, QEvent.MouseButtonRelease, cluster.rect.center(), buttons=Qt.NoButton)
    assert canvas.scale.px_per_day > before


def test_tooltips_are_plain_text(qtbot, store, view, case):
    store.update_event(Event(PartialDate.parse("2025-08-12"), "<b>Talks</b> & more", "meeting",
                             party_ids=(case["israel"].id,), id=case["talks"].id))
    view.state.notify_changed({"events"})
    settle(qtbot, view)
    canvas = view.canvas
    canvas.zoom(4)
    canvas.repaint()
    hit = canvas.hit_at(point_of(view, "event", case["talks"].id, "ISR"))
    assert canvas.tooltip_text(hit).startswith(
        "\u2068<b>Talks</b> & more\u2069\n\u2068meeting\u2069 · 12 Aug 2025")
    assert "&lt;b&gt;Talks&lt;/b&gt; &amp; more" in canvas.tooltip_html(hit)


def test_cursor_drag_with_qtbot_mouse_events(qtbot, view, state):
    canvas = view.canvas
    y = 200
    start = QPoint(round(cursor_x(view)), y)
    target = QPoint(round(style.HEADER_WIDTH + canvas.scale.x(day("2025-08-22") + 1)), y)
    qtbot.mousePress(canvas, Qt.LeftButton, pos=start)
    qtbot.mouseMove(canvas, pos=(start + target) / 2)
    middle = state.as_of
    qtbot.mouseMove(canvas, pos=target)
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=target)
    assert PartialDate.parse("2025-08-15") < middle < PartialDate.parse("2025-08-22")
    assert state.as_of == PartialDate.parse("2025-08-22")


def test_selecting_elsewhere_brings_the_item_into_view(view, state, case):
    canvas = view.canvas
    canvas.fit_days(day("2025-10-01"), day("2025-10-08"))  # a week with nothing selected in it
    zoom = canvas.scale.px_per_day
    state.select("event", case["talks"].id)
    x = canvas.scale.x(day("2025-08-12"))
    assert 0 <= x <= canvas.content_width
    assert canvas.scale.px_per_day == zoom


def test_lane_headers_explain_themselves(view):
    canvas = view.canvas
    row = canvas.geometry_.rows[0]
    pos = QPointF(20, style.AXIS_HEIGHT + row.top + 10)
    assert canvas.header_tooltip_text(pos) == ("\u2068Israel\u2069 (\u2068ISR\u2069)\n"
                                               "Principals · 2 items")
    assert canvas.header_tooltip_text(QPointF(20, 5)) == ""


def test_names_in_tooltips_are_bidi_isolates(qtbot, store, view, case):
    """An unclosed right-to-left override in a title or party name cannot turn the
    tooltip's own words backwards (issue 12)."""
    from negotiations_gui.domain.bidi import FSI, PDI

    store.update_event(Event(PartialDate.parse("2025-08-12"), "Talks\u202e", "meeting",
                             party_ids=(case["israel"].id,), id=case["talks"].id))
    store.update_party(Party("Israel\u202e", "ISR", PartyRole.PRINCIPAL, "#1f77b4", 0,
                             id=case["israel"].id))
    view.state.notify_changed({"events", "parties"})
    settle(qtbot, view)
    canvas = view.canvas
    canvas.zoom(4)
    canvas.repaint()
    hit = canvas.hit_at(point_of(view, "event", case["talks"].id, "ISR"))
    assert canvas.tooltip_text(hit).startswith(
        f"{FSI}Talks\u202e{PDI}\n{FSI}meeting{PDI} · 12 Aug 2025\n")
    row = canvas.geometry_.rows[0]
    assert canvas.header_tooltip_text(QPointF(20, style.AXIS_HEIGHT + row.top + 10)) == (
        f"{FSI}Israel\u202e{PDI} ({FSI}ISR{PDI})\nPrincipals · 2 items")
