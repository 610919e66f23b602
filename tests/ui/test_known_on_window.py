"""'As known on' in the window (issue 16): typing a past day shows the case as it was
recorded then, in the timeline, the grid and the exports; clearing it shows now."""

import dataclasses
import itertools

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import CellKey, Event, PartialDate, Party, PartyRole, Position, Stance
from negotiations_gui.store import records
from negotiations_gui.ui.grid.roles import GridRole

D = PartialDate.parse


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The store's clock, set by the test: changes are recorded on the day it says (from
    before the case is created: its issues too are recorded on 10 Aug)."""
    now = {"day": "2025-08-10"}
    ticks = itertools.count()
    monkeypatch.setattr(records, "now_stamp",
                        lambda: f"{now['day']}T12:00:00.{next(ticks):06d}+00:00")
    return now


@pytest.fixture
def history(window, clock):
    """Hamas's position and an event recorded on 10 Aug; on 25 Aug the position's
    summary is edited and a second event recorded."""
    store = window.store
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL))
    hostages = store.issues()[0]
    position = store.add_position(Position(hamas.id, hostages.id, D("2025-08-05"),
                                           Stance.OFFERS, "Phased release"))
    store.add_event(Event(D("2025-08-06"), "Cairo talks", party_ids=(hamas.id,)))
    clock["day"] = "2025-08-25"
    store.update_position(dataclasses.replace(position, summary="All at once"))
    store.add_event(Event(D("2025-08-07"), "Doha talks", party_ids=(hamas.id,)))
    window.state.notify_changed({"parties", "positions", "events"})
    window.state.set_as_of(D("2025-08-31"))
    return hamas, hostages


def drawn_titles(window) -> set[str]:
    view = window.timeline_pane.view
    drawn = [r for lane in view.canvas.data.lanes for track in (lane.points, lane.spans)
             for r in track.record]
    return {label.title for label in view.labels(drawn).values()}


def summary(window, hamas, hostages) -> str:
    return window.grid_pane.model.index_of(hamas.id, hostages.id).data(GridRole.SUMMARY)


def type_known_on(qtbot, window, text: str) -> None:
    field = window.date_bar.known_on_input
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    field.edit.selectAll()
    if text:
        qtbot.keyClicks(field.edit, text)
    else:
        qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_a_past_day_hides_later_records_and_shows_earlier_values(qtbot, window, history):
    hamas, hostages = history
    window.show()
    qtbot.waitExposed(window)
    assert drawn_titles(window) == {"Cairo talks", "Doha talks"}
    assert summary(window, hamas, hostages) == "All at once"

    type_known_on(qtbot, window, "20 Aug 2025")
    assert window.state.known_on == D("2025-08-20")
    assert drawn_titles(window) == {"Cairo talks"}
    assert summary(window, hamas, hostages) == "Phased release"
    banner = window.known_on_view.banner
    assert banner.isVisible()
    assert "known on 20 Aug 2025" in banner.label.text()
    assert not window.window_actions.new_event.isEnabled()
    assert window.list_docks["event"].model.rowCount() == 1

    type_known_on(qtbot, window, "")
    assert window.state.known_on is None
    assert drawn_titles(window) == {"Cairo talks", "Doha talks"}
    assert summary(window, hamas, hostages) == "All at once"
    assert not banner.isVisible()
    assert window.window_actions.new_event.isEnabled()


def test_a_change_asked_for_in_a_past_view_is_refused_in_words(qtbot, window, history,
                                                               answers):
    from negotiations_gui.ui.commands import AddRecordCommand

    hamas, hostages = history
    type_known_on(qtbot, window, "20 Aug 2025")
    count = len(window.store.events())
    pushed = window.push(AddRecordCommand(window.store, window.state, "event",
                                          Event(D("2025-08-08"), "Typed in the past")))
    assert not pushed and len(window.store.events()) == count
    assert "known on 20 Aug 2025" in answers.warnings[-1]
    window.files.import_csv()
    assert "known on 20 Aug 2025" in answers.warnings[-1] and window.active_form is None
    window.grid_pane.newPositionRequested.emit(CellKey(hamas.id, hostages.id))
    assert window.active_form is None
    assert "Back to now" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.known_on_view.banner.back_button, Qt.MouseButton.LeftButton)
    assert window.state.known_on is None and window.date_bar.known_on_input.date() is None


def test_a_day_after_today_is_refused(qtbot, window, history):
    type_known_on(qtbot, window, "1 Jan 2999")
    field = window.date_bar.known_on_input
    assert "in the future" in field.problem()
    assert window.state.known_on is None


def test_the_grid_pdf_from_the_window_is_stamped_as_known_on(qtbot, window, history):
    import io

    import pypdf

    from negotiations_gui.export import Paper
    from negotiations_gui.export.document import pdf_bytes

    type_known_on(qtbot, window, "20 Aug 2025")
    document = window.export_actions._snapshot(Paper.A4)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "As known on 20 Aug 2025 (end of day, UTC)" in text
    assert "23:59:59" not in text  # the exact moment is in the metadata, not on the page
    assert reader.xmp_metadata.pdf_keywords == "as known on 2025-08-20T23:59:59.999999+00:00"
    assert "Positions as of 31 Aug 2025" in text
    assert "Phased release" in text and "All at once" not in text


def test_the_dates_move_under_the_main_toolbar_when_both_do_not_fit(qtbot, window):
    dates = window.date_bar.parentWidget()
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    assert not window.toolBarBreak(dates)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.toolBarBreak(dates))
    bar = window.date_bar
    assert bar.known_on_input.isVisible() and bar.compare_input.isVisible()
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not window.toolBarBreak(dates))


def test_the_json_export_from_a_past_view_holds_the_past(qtbot, window, history, answers,
                                                          tmp_path):
    import json

    type_known_on(qtbot, window, "20 Aug 2025")
    answers.save_paths.append(str(tmp_path / "past.json"))
    window.files.export_json()
    doc = json.loads((tmp_path / "past.json").read_text())
    assert [e["title"] for e in doc["events"]] == ["Cairo talks"]
    assert [p["summary"] for p in doc["positions"]] == ["Phased release"]
