"""Filters shared through CaseState, reloads on data changes, PNG and PDF export."""

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from negotiations_gui.domain import Event, EventFilter, PartialDate
from negotiations_gui.ui.timeline import TimelineFilterBar, style
from negotiations_gui.ui.timeline.export import WHOLE_MIN_WIDTH, render_image, save_pdf, save_png

from .conftest import settle


@pytest.fixture
def bar(qtbot, store, state, view):
    widget = TimelineFilterBar(store, state)
    qtbot.addWidget(widget)
    return widget


def labels(view):
    return [lane.lane.label for lane in view.canvas.data.lanes]


def test_party_filter_from_the_bar_narrows_the_timeline(qtbot, bar, view, state, case):
    assert view.canvas.data.item_count == 7
    bar.toggle("party_ids", case["hamas"].id, True)
    settle(qtbot, view)
    assert state.event_filter.party_ids == {case["hamas"].id}
    assert labels(view) == ["HAM"]
    assert view.canvas.data.item_count == 3
    assert bar.buttons["party_ids"].text() == "Parties (1)"
    assert "filtered" in view.summary.text()
    bar.clear()
    settle(qtbot, view)
    assert state.event_filter == EventFilter()
    assert view.canvas.data.item_count == 7
    assert bar.buttons["party_ids"].text() == "Parties"


def test_menus_list_the_case_choices(bar, case):
    button = bar.buttons["tags"]
    button.menu().aboutToShow.emit()
    texts = [a.text() for a in button.menu().actions()]
    assert texts[0] == "All" and "cairo" in texts
    tag = next(a for a in button.menu().actions() if a.text() == "cairo")
    tag.setChecked(True)
    assert bar.state.event_filter.tags == {"cairo"}


def test_text_filter_applies_after_typing_and_is_shared(qtbot, bar, view, state):
    qtbot.keyClicks(bar.text_edit, "truce")
    qtbot.waitUntil(lambda: state.event_filter.text == "truce")
    settle(qtbot, view)
    assert view.canvas.data.item_count == 2  # the truce, in both parties' lanes
    # set elsewhere (the event list): the bar and the view follow
    state.set_event_filter(EventFilter(kinds=frozenset({"meeting"})))
    settle(qtbot, view)
    assert bar.text_edit.text() == ""
    assert bar.buttons["kinds"].text() == "Kinds (1)"
    assert view.canvas.data.item_count == 2


def test_data_changes_reload_the_timeline_once(qtbot, store, view, state, case):
    store.add_event(Event(PartialDate.parse("2025-08-25"), "Strike", "military action"))
    state.notify_changed({"positions"})
    assert not view.reload_pending  # not a table the timeline shows
    loads = []
    view.canvas.set_data = lambda data, real=view.canvas.set_data: (loads.append(data), real(data))
    state.notify_changed({"events"})
    state.notify_changed({"events", "positions"})
    assert view.reload_pending
    settle(qtbot, view)
    assert view.canvas.data.item_count == 8
    assert len(loads) == 1  # both notices were served by one reload


def test_png_of_the_visible_timeline_has_the_canvas_size(tmp_path, view):
    path = tmp_path / "visible.png"
    save_png(view, str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (view.canvas.width(), view.canvas.height())
    # not blank: the lanes and items put more than one colour on it
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 10


def test_png_of_the_whole_timeline_holds_every_lane(tmp_path, view):
    view.canvas.zoom(40)
    path = tmp_path / "whole.png"
    save_png(view, str(path), whole=True)
    image = QImage(str(path))
    assert image.width() == max(view.canvas.width(), WHOLE_MIN_WIDTH)
    assert image.height() == int(style.AXIS_HEIGHT + view.canvas.geometry_.height)
    assert view.canvas.scale.px_per_day > 100  # exporting did not change the view


def test_pdf_is_one_landscape_a4_page_with_title_and_marking(tmp_path, view):
    path = tmp_path / "timeline.pdf"
    save_pdf(view, str(path), whole=True)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Test case" in text and "TEST" in text and "ISR" in text


def test_export_to_an_unwritable_place_raises_oserror(tmp_path, view):
    with pytest.raises(OSError):
        save_png(view, str(tmp_path / "missing" / "x.png"))
    with pytest.raises(OSError):
        save_pdf(view, str(tmp_path / "missing" / "x.pdf"))


def test_render_of_an_empty_case_still_draws(qtbot, tmp_path):
    from negotiations_gui.domain import CaseInfo
    from negotiations_gui.store import CaseStore
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.timeline import TimelineView

    store = CaseStore.create(tmp_path / "empty.nego", CaseInfo("Empty"))
    view = TimelineView(store, CaseState(PartialDate.parse("2025-08-15")))
    qtbot.addWidget(view)
    view.resize(600, 300)
    image = render_image(view, whole=True)
    assert not image.isNull() and image.width() == WHOLE_MIN_WIDTH
    store.close()


def test_pane_puts_its_exports_in_a_menu_and_takes_them_away(qtbot, store, state, case):
    from PySide6.QtWidgets import QMenu

    from negotiations_gui.ui.timeline import TimelinePane

    menu = QMenu()
    menu.addAction("Export JSON…")
    pane = TimelinePane(store, state)
    qtbot.addWidget(pane)
    pane.add_export_actions(menu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Export JSON…", "Export visible timeline to PNG…",
                     "Export whole timeline to PNG…", "Export visible timeline to PDF…",
                     "Export whole timeline to PDF…"]
    seen = []
    pane.editRequested.connect(lambda kind, record_id: seen.append((kind, record_id)))
    pane.view.editRequested.emit("event", case["talks"].id)
    assert seen == [("event", case["talks"].id)]
    pane.deleteLater()
    qtbot.waitUntil(lambda: len(menu.actions()) == 1)
