"""What a frame draws: placement by date precision, clusters and density counts."""

import pytest

from negotiations_gui.domain import CaseData, Event, PartialDate
from negotiations_gui.domain.bidi import visible
from negotiations_gui.store.timeline_queries import record_number
from negotiations_gui.ui.timeline import style

from .conftest import day, settle


def hit_of(view, kind, record_id, lane_label):
    record = record_number(view.store, kind, record_id)
    found = [h for h in view.canvas.hits if h.record == record
             and view.canvas.data.lanes[h.lane].lane.label == lane_label]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def zoomed(view):
    view.canvas.fit_days(day("2025-07-25"), day("2025-09-05"))
    view.canvas.repaint()
    return view


def test_a_day_item_sits_on_its_day(zoomed, case):
    scale = zoomed.canvas.scale
    hit = hit_of(zoomed, "event", case["talks"].id, "ISR")
    middle = style.HEADER_WIDTH + scale.x(day("2025-08-12") + 0.5)
    # the glyph is centred on the day (its label, when there is room, follows it)
    assert hit.rect.left() == pytest.approx(middle - style.GLYPH / 2)
    assert (hit.first_day, hit.end_day) == (day("2025-08-12"), day("2025-08-13"))


def test_a_month_item_spans_its_whole_month(zoomed, case):
    scale = zoomed.canvas.scale
    hit = hit_of(zoomed, "event", case["statement"].id, "HAM")
    assert hit.rect.left() == pytest.approx(style.HEADER_WIDTH + scale.x(day("2025-08-01")))
    assert hit.rect.right() == pytest.approx(style.HEADER_WIDTH + scale.x(day("2025-09-01")))


def test_a_period_spans_its_days(zoomed, case):
    scale = zoomed.canvas.scale
    hit = hit_of(zoomed, "event", case["truce"].id, "ISR")
    assert hit.rect.left() == pytest.approx(style.HEADER_WIDTH + scale.x(day("2025-08-01")))
    assert hit.rect.right() == pytest.approx(style.HEADER_WIDTH + scale.x(day("2025-08-21")))


def test_labels_show_titles_where_there_is_room(zoomed, case):
    labels = zoomed.labels([record_number(zoomed.store, "event", case["talks"].id)])
    assert [label.title for label in labels.values()] == ["Talks in Cairo"]


def test_items_on_the_same_day_cluster_with_their_count(qtbot, store, view, case):
    store.restore(CaseData(events=tuple(
        Event(PartialDate.parse("2025-08-12"), f"Call {n}", "statement",
              party_ids=(case["israel"].id,)) for n in range(4))))
    view.state.notify_changed({"events"})
    settle(qtbot, view)
    view.canvas.fit_days(day("2025-07-25"), day("2025-09-05"))
    view.canvas.repaint()
    clusters = [h for h in view.canvas.hits if h.count > 1]
    assert [(view.canvas.data.lanes[h.lane].lane.label, h.count) for h in clusters] == [("ISR", 5)]
    assert len(clusters[0].members) == 5
    assert "5 items · ISR" in visible(view.canvas.tooltip_text(clusters[0]))


def test_dense_lanes_become_counted_density_that_loses_no_item(qtbot, store, view, case):
    events = tuple(Event(PartialDate.parse(f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"),
                         f"Report {n}", "statement", party_ids=(case["egypt"].id,))
                   for n in range(3000))
    store.restore(CaseData(events=events))
    view.state.notify_changed({"events"})
    settle(qtbot, view)
    view.fit_all()
    view.canvas.repaint()
    egypt = next(i for i, lane in enumerate(view.canvas.data.lanes) if lane.lane.label == "EGY")
    counted = sum(h.count for h in view.canvas.hits if h.lane == egypt and not h.record)
    # the 3000 reports, the talks and the proposal, all counted, none drawn one by one
    assert counted == 3002
    assert not [h for h in view.canvas.hits if h.lane == egypt and h.record]


@pytest.mark.parametrize("left_day", [-5_000_000.0, 1.0, 3_650_000.0, 9_000_000.0])
@pytest.mark.parametrize("px_per_day", [0.005, 1.0, 4000.0])
def test_any_zoom_and_pan_paints_without_error(view, left_day, px_per_day):
    from negotiations_gui.domain.timeline_axis import TimeScale
    from negotiations_gui.ui.timeline.export import render_image

    view.canvas.set_scale(TimeScale(left_day, px_per_day))
    assert not render_image(view).isNull()
