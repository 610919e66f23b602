"""As-of semantics: the latest position dated on or before a date, per party and issue."""

import dataclasses

from negotiations_gui.domain import Assessment, Event, Gap, Proposal, Stance

from .helpers import d, position, two_principals


def _as_of(store, date):
    return {key: p.stance for key, p in store.positions_as_of(d(date)).items()}


def test_latest_on_or_before_the_date(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08-01", Stance.OFFERS)
    position(store, israel, issue, "2025-08-10", Stance.REJECTS)
    key = (israel.id, issue.id)
    assert key not in _as_of(store, "2025-07-31")
    assert _as_of(store, "2025-08-01")[key] is Stance.OFFERS
    assert _as_of(store, "2025-08-09")[key] is Stance.OFFERS
    assert _as_of(store, "2025-08-10")[key] is Stance.REJECTS
    assert _as_of(store, "2026")[key] is Stance.REJECTS


def test_same_day_tie_goes_to_the_position_recorded_last(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08-10", Stance.OFFERS)
    later = position(store, israel, issue, "2025-08-10", Stance.ACCEPTS)
    assert store.positions_as_of(d("2025-08-10"))[(israel.id, issue.id)].id == later.id


def test_same_day_tie_is_decided_by_recording_time_not_id(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    # ids chosen so that the id order is the opposite of the recording order
    first = position(store, israel, issue, "2025-08-10", Stance.OFFERS,
                     id="ffffffff-ffff-4fff-8fff-ffffffffffff")
    second = position(store, israel, issue, "2025-08-10", Stance.ACCEPTS,
                      id="00000000-0000-4000-8000-000000000000")
    assert first.created_at < second.created_at
    assert store.positions_as_of(d("2025-08-31"))[(israel.id, issue.id)].id == second.id


def test_month_precision_counts_from_the_start_of_its_month(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08", Stance.DEMANDS)
    key = (israel.id, issue.id)
    assert key not in _as_of(store, "2025-07-31")
    assert _as_of(store, "2025-08-01")[key] is Stance.DEMANDS


def test_day_in_month_is_later_than_the_month(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08-15", Stance.ACCEPTS)
    position(store, israel, issue, "2025-08", Stance.DEMANDS)  # recorded later, month only
    key = (israel.id, issue.id)
    assert _as_of(store, "2025-08-14")[key] is Stance.DEMANDS
    assert _as_of(store, "2025-08-15")[key] is Stance.ACCEPTS


def test_as_of_a_month_includes_its_last_day(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08-31", Stance.ACCEPTS)
    assert _as_of(store, "2025-08")[(israel.id, issue.id)] is Stance.ACCEPTS
    assert (israel.id, issue.id) not in _as_of(store, "2025-07")


def test_year_precision_before_months_of_that_year(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "~2025", Stance.CONDITIONAL)
    position(store, israel, issue, "2025-08", Stance.DEMANDS)
    key = (israel.id, issue.id)
    assert _as_of(store, "2025-01-01")[key] is Stance.CONDITIONAL
    assert _as_of(store, "2025-08-31")[key] is Stance.DEMANDS


def test_every_party_and_issue_resolved_independently(store):
    israel, hamas = two_principals(store)
    a, b = store.issues()[:2]
    position(store, israel, a, "2025-08-01", Stance.DEMANDS)
    position(store, hamas, a, "2025-08-05", Stance.REJECTS)
    position(store, israel, b, "2025-09-01", Stance.OFFERS)
    got = _as_of(store, "2025-08-31")
    assert got == {(israel.id, a.id): Stance.DEMANDS, (hamas.id, a.id): Stance.REJECTS}


def test_history_is_newest_first(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    p1 = position(store, israel, issue, "2025-07", Stance.OFFERS)
    p2 = position(store, israel, issue, "2025-08-12", Stance.REJECTS)
    p3 = position(store, israel, issue, "2025-08-12", Stance.RED_LINE)
    assert [p.id for p in store.position_history(israel.id, issue.id)] == [p3.id, p2.id, p1.id]


def test_changes_between_two_dates(store):
    israel, hamas = two_principals(store)
    issue = store.issues()[0]
    old = position(store, israel, issue, "2025-07-01", Stance.OFFERS)
    position(store, hamas, issue, "2025-07-01", Stance.REJECTS)
    proposal = store.add_proposal(Proposal(d("2025-08-05"), "New plan"))
    new = position(store, israel, issue, "2025-08-10", Stance.ACCEPTS, proposal_id=proposal.id)
    store.add_proposal(Proposal(d("2025-09-05"), "Too late"))
    inside = store.add_event(Event(d("2025-08-03"), "Talks"))
    store.add_event(Event(d("2025-07-03"), "Before"))
    changes = store.changes_between(d("2025-07-31"), d("2025-08-31"))
    assert [(b.id, a.id) for b, a in changes.positions] == [(old.id, new.id)]
    assert [p.title for p in changes.proposals] == ["New plan"]
    assert [e.id for e in changes.events] == [inside.id]
    assert store.changes_between(d("2025-08-31"), d("2025-09-01")).positions == ()


def test_grid_snapshot_marks_changes_and_takes_the_analyst_gap(store):
    israel, hamas = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-07-01", Stance.DEMANDS)
    position(store, hamas, issue, "2025-07-01", Stance.REJECTS)
    position(store, hamas, issue, "2025-08-10", Stance.CONDITIONAL)
    grid = store.grid_snapshot(d("2025-08-31"), since=d("2025-07-31"))
    assert grid.cell(hamas.id, issue.id).changed
    assert not grid.cell(israel.id, issue.id).changed
    assert grid.gaps[issue.id].gap is Gap.NARROWING and not grid.gaps[issue.id].by_analyst
    store.add_assessment(Assessment(issue.id, d("2025-08-20"), Gap.WIDE, "Not really"))
    reading = store.grid_snapshot(d("2025-08-31")).gaps[issue.id]
    assert reading.gap is Gap.WIDE and reading.derived is Gap.NARROWING and reading.by_analyst
    assert not store.grid_snapshot(d("2025-08-19")).gaps[issue.id].by_analyst


def test_events_in_range_with_filters(store):
    israel, hamas = two_principals(store)
    issue = store.issues()[2]
    month = store.add_event(Event(d("2025-08"), "Month event", "meeting",
                                  party_ids=(israel.id,), tags=("talks",)))
    period = store.add_event(Event(d("2025-07-20"), "Long period", "negotiation round",
                                   end=d("2025-08-03"), party_ids=(hamas.id,),
                                   issue_ids=(issue.id,)))
    store.add_event(Event(d("2025-09-02"), "Later 100% match_", "statement"))
    window = [e.title for e in store.events(d("2025-08-02"), d("2025-08-20"))]
    assert window == ["Long period", "Month event"]
    assert [e.id for e in store.events(d("2025-08-04"), d("2025-08-20"))] == [month.id]
    assert [e.id for e in store.events(party_ids=[hamas.id])] == [period.id]
    assert [e.id for e in store.events(issue_ids=[issue.id])] == [period.id]
    assert [e.id for e in store.events(kinds=["meeting"])] == [month.id]
    assert [e.id for e in store.events(tags=["talks"])] == [month.id]
    assert [e.title for e in store.events(text="100%")] == ["Later 100% match_"]
    assert store.events(text="100_") == []  # LIKE wildcards are taken literally
    assert [e.title for e in store.events(text="month")] == ["Month event"]
    assert store.count_events(d("2025-08-02"), d("2025-08-20")) == 2


def test_dated_changes_and_bounds(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    position(store, israel, issue, "2025-08-12", Stance.OFFERS)
    position(store, israel, issue, "2025-07", Stance.OFFERS)
    store.add_event(Event(d("2025-06-01"), "Start", end=d("2025-09")))
    assert [str(x) for x in store.dated_changes()] == ["2025-07", "2025-08-12"]
    assert [str(x) for x in store.date_bounds()] == ["2025-06-01", "2025-09"]


def test_updating_a_position_date_moves_it_in_history(store):
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    p = position(store, israel, issue, "2025-08-12", Stance.OFFERS)
    store.update_position(dataclasses.replace(p, date=d("2025-09-01")))
    assert (israel.id, issue.id) not in store.positions_as_of(d("2025-08-31"))
