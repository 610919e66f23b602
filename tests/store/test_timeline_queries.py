"""Bulk timeline reads: lanes, tracks, precision codes, filters, details on demand."""

import datetime as dt

import pytest

from negotiations_gui.domain import (
    Event,
    EventFilter,
    PartialDate,
    Party,
    PartyRole,
    Precision,
    Proposal,
)
from negotiations_gui.domain.timeline_data import ItemType, item_type, start_precision
from negotiations_gui.store.timeline_queries import (
    NO_PARTY,
    filter_choices,
    load_timeline,
    record_days,
    record_labels,
    record_number,
)


def day(text):
    return dt.date.fromisoformat(text).toordinal()


@pytest.fixture
def case(store):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL, "#1f77b4", 0))
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, "#2ca02c", 1))
    egypt = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, "#d62728", 2))
    issue = store.issues()[0]
    talks = store.add_event(Event(PartialDate.parse("2025-08-12"), "Talks in Cairo", "meeting",
                                  party_ids=(israel.id, egypt.id), issue_ids=(issue.id,),
                                  tags=("cairo",)))
    store.add_event(Event(PartialDate.parse("2025-08"), "Reported contacts", "statement",
                          party_ids=(hamas.id,)))
    store.add_event(Event(PartialDate.parse("2025-08-01"), "Truce", "agreement",
                          end=PartialDate.parse("2025-08-20"), party_ids=(israel.id, hamas.id)))
    store.add_event(Event(PartialDate.parse("2025"), "Unattributed strike", "military action"))
    proposal = store.add_proposal(Proposal(PartialDate.parse("2025-08-18"), "Egyptian plan",
                                           proposer_ids=(egypt.id,), addressee_ids=(hamas.id,)))
    return {"israel": israel, "hamas": hamas, "egypt": egypt, "talks": talks,
            "proposal": proposal, "issue": issue}


def lanes_by_label(data):
    return {lane.lane.label: lane for lane in data.lanes}


def test_lanes_principals_first_then_mediators_then_no_party(store, case):
    data = load_timeline(store)
    assert [(lane.lane.label, lane.lane.group) for lane in data.lanes] == [
        ("ISR", "Principals"), ("HAM", "Principals"), ("EGY", "Mediators"),
        (NO_PARTY, NO_PARTY)]


def test_items_are_placed_by_precision_in_points_and_spans(store, case):
    lanes = lanes_by_label(load_timeline(store))
    israel = lanes["ISR"]
    # the exact-day meeting is a point over its one day
    assert list(israel.points.first) == [day("2025-08-12")]
    assert list(israel.points.end) == [day("2025-08-13")]
    # the agreement with an end is a span over its days
    assert (israel.spans.first[0], israel.spans.end[0]) == (day("2025-08-01"), day("2025-08-21"))
    assert item_type(israel.spans.code[0]) is ItemType.AGREEMENT
    # the month-precision statement spans all of August, flagged as month precision
    hamas = lanes["HAM"]
    month = [i for i in range(len(hamas.spans)) if item_type(hamas.spans.code[i]) is ItemType.EVENT]
    assert [(hamas.spans.first[i], hamas.spans.end[i]) for i in month] == [
        (day("2025-08-01"), day("2025-09-01"))]
    assert start_precision(hamas.spans.code[month[0]]) is Precision.MONTH
    # the year-precision strike sits in the no-party lane over the whole year
    lonely = lanes[NO_PARTY]
    assert (lonely.spans.first[0], lonely.spans.end[0]) == (day("2025-01-01"), day("2026-01-01"))


def test_multi_party_events_appear_in_each_lane_and_proposals_by_role(store, case):
    data = load_timeline(store)
    talks = record_number(store, "event", case["talks"].id)
    assert [data.lanes[lane].lane.label for lane, _, _ in data.locate(talks)] == ["ISR", "EGY"]
    proposal = record_number(store, "proposal", case["proposal"].id)
    assert proposal < 0
    found = {data.lanes[lane].lane.label: data.lanes[lane].tracks[track].code[index]
             for lane, track, index in data.locate(proposal)}
    assert {k: item_type(v) for k, v in found.items()} == {
        "EGY": ItemType.PROPOSED, "HAM": ItemType.ADDRESSED}
    assert data.item_count == 8


def test_filters_narrow_the_lanes_and_items(store, case):
    by_party = load_timeline(store, EventFilter(party_ids=frozenset({case["hamas"].id})))
    assert [lane.lane.label for lane in by_party.lanes] == ["HAM"]
    assert by_party.item_count == 3
    by_tag = load_timeline(store, EventFilter(tags=frozenset({"cairo"})))
    assert by_tag.item_count == 2  # the talks, in two lanes; proposals carry no tags
    by_text = load_timeline(store, EventFilter(text="plan"))
    assert by_text.item_count == 2  # the proposal, proposer and addressee lanes
    by_kind = load_timeline(store, EventFilter(kinds=frozenset({"agreement"})))
    assert by_kind.item_count == 2
    by_issue = load_timeline(store, EventFilter(issue_ids=frozenset({case["issue"].id})))
    assert by_issue.item_count == 2


def test_labels_days_and_choices(store, case):
    talks = record_number(store, "event", case["talks"].id)
    proposal = record_number(store, "proposal", case["proposal"].id)
    labels = record_labels(store, [talks, proposal])
    assert labels[talks].title == "Talks in Cairo" and labels[talks].kind == "event"
    assert labels[talks].date == "12 Aug 2025"
    assert labels[proposal].id == case["proposal"].id and labels[proposal].kind == "proposal"
    assert record_days(store, talks) == (day("2025-08-12"), day("2025-08-13"))
    assert record_number(store, "event", "no such id") is None
    assert record_number(store, "party", case["israel"].id) is None
    choices = filter_choices(store)
    assert ("cairo", "cairo") in choices["tag"] and ("proposal", "proposal") in choices["kind"]


def test_empty_case_has_lanes_but_no_bounds(store):
    data = load_timeline(store)
    assert [lane.lane.label for lane in data.lanes] == [NO_PARTY]
    assert data.bounds() is None
