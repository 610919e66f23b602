"""A small case on a shown timeline, and where its items are drawn."""

import datetime as dt

import pytest
from PySide6.QtCore import QPointF

from negotiations_gui.domain import Event, PartialDate, Party, PartyRole, Proposal
from negotiations_gui.store.timeline_queries import record_number
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.timeline import TimelineView, style


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


@pytest.fixture
def case(store):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL, "#1f77b4", 0))
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, "#2ca02c", 1))
    egypt = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, "#d62728", 2))
    talks = store.add_event(Event(PartialDate.parse("2025-08-12"), "Talks in Cairo", "meeting",
                                  party_ids=(israel.id, egypt.id), tags=("cairo",)))
    statement = store.add_event(Event(PartialDate.parse("2025-08"), "Reported contacts",
                                      "statement", party_ids=(hamas.id,)))
    truce = store.add_event(Event(PartialDate.parse("2025-08-01"), "Truce", "agreement",
                                  end=PartialDate.parse("2025-08-20"),
                                  party_ids=(israel.id, hamas.id)))
    proposal = store.add_proposal(Proposal(PartialDate.parse("2025-08-18"), "Egyptian plan",
                                           proposer_ids=(egypt.id,), addressee_ids=(hamas.id,)))
    return {"israel": israel, "hamas": hamas, "egypt": egypt, "talks": talks,
            "statement": statement, "truce": truce, "proposal": proposal}


@pytest.fixture
def state():
    return CaseState(PartialDate.parse("2025-08-15"))


@pytest.fixture
def view(qtbot, store, case, state):
    widget = TimelineView(store, state)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def point_of(view, kind: str, record_id: str, lane_label: str) -> QPointF:
    """Where the item is drawn (centre of its day in the points row of that lane)."""
    canvas = view.canvas
    record = record_number(view.store, kind, record_id)
    for lane_index, track_index, index in canvas.data.locate(record):
        lane = canvas.data.lanes[lane_index]
        if lane.lane.label != lane_label:
            continue
        track = lane.tracks[track_index]
        row = canvas.geometry_.row_of(lane_index)
        x = style.HEADER_WIDTH + canvas.scale.x((track.first[index] + track.end[index]) / 2)
        top = style.AXIS_HEIGHT + row.top - canvas.y_offset
        y = top + (style.POINT_ROW_CENTRE if track_index == 0
                   else style.span_row_top(0) + style.SPAN_ROW_HEIGHT / 2)
        return QPointF(x, y)
    raise LookupError(record_id)


def settle(qtbot, view) -> None:
    """Wait for the view's coalesced reload after a data or filter change."""
    qtbot.waitUntil(lambda: not view.reload_pending)
