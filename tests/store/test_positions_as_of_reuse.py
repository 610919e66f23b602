"""positions_as_of reuses positions it has read, but never serves a stale one."""

import dataclasses

from negotiations_gui.domain import Party, PartyRole, Position, Source, Stance
from negotiations_gui.store import CaseStore

from ..dates import d


def setup(store):
    party = store.add_party(Party("Israel", role=PartyRole.PRINCIPAL))
    issue = store.issues()[0]
    return party, issue, (party.id, issue.id)


def test_same_answer_twice_reuses_the_position(store):
    party, issue, key = setup(store)
    store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    first = store.positions_as_of(d("2025-08-20"))[key]
    assert store.positions_as_of(d("2025-08-21"))[key] is first


def test_an_edit_is_seen_at_once(store):
    party, issue, key = setup(store)
    position = store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    store.positions_as_of(d("2025-08-20"))
    store.update_position(dataclasses.replace(position, stance=Stance.REJECTS, summary="No"))
    assert store.positions_as_of(d("2025-08-20"))[key].stance is Stance.REJECTS


def test_a_deleted_source_leaves_the_cited_positions(store):
    party, issue, key = setup(store)
    source = store.add_source(Source("Cable"))
    store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS,
                                source_ids=(source.id,)))
    assert store.positions_as_of(d("2025-08-20"))[key].source_ids == (source.id,)
    store.delete_source(source.id)  # removes the link by cascade, not by editing the position
    assert store.positions_as_of(d("2025-08-20"))[key].source_ids == ()


def test_a_delete_and_undo_are_seen(store):
    party, issue, key = setup(store)
    position = store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    store.positions_as_of(d("2025-08-20"))
    removed = store.delete_position(position.id)
    assert key not in store.positions_as_of(d("2025-08-20"))
    store.restore(removed)
    assert store.positions_as_of(d("2025-08-20"))[key].id == position.id


def test_a_change_by_another_connection_is_seen(store, case_path):
    party, issue, key = setup(store)
    position = store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    store.positions_as_of(d("2025-08-20"))
    other = CaseStore.open(case_path)
    try:
        other.update_position(dataclasses.replace(position, stance=Stance.ACCEPTS))
    finally:
        other.close()
    assert store.positions_as_of(d("2025-08-20"))[key].stance is Stance.ACCEPTS


def test_as_of_reads_every_field_as_the_record_loader_does(store):
    from negotiations_gui.domain import Event, Proposal

    party, issue, key = setup(store)
    other = store.issues()[1]
    sources = [store.add_source(Source(f"S{n}")) for n in range(3)]
    proposal = store.add_proposal(Proposal(d("2025-08-18"), "Framework"))
    event = store.add_event(Event(d("2025-08"), "Meeting"))
    first = store.add_position(Position(
        party.id, issue.id, d("~2025-08"), Stance.RED_LINE, "sum <b>", "detail\nmore",
        source_ids=tuple(s.id for s in sources), proposal_id=proposal.id, event_id=event.id))
    second = store.add_position(Position(party.id, other.id, d("2025"), Stance.UNCLEAR))
    found = store.positions_as_of(d("2025-12-31"))
    assert found[key] == store.position(first.id)
    assert found[(party.id, other.id)] == store.position(second.id)
    assert found[key].date.approximate is True


def test_a_repeated_date_gives_a_fresh_dict_each_time(store):
    party, issue, key = setup(store)
    store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    first = store.positions_as_of(d("2025-08-20"))
    first.clear()  # a caller's change to its answer must not leak into the next one
    assert key in store.positions_as_of(d("2025-08-20"))


def test_compare_date_answered_long_ago_still_marks_changes(store):
    # regression: the remembered answer for the compare date was dropped (the
    # oldest of those kept) while the new as-of date was being remembered
    party, issue, _key = setup(store)
    store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS))
    store.positions_as_of(d("2025-07-01"))
    for day in range(1, 17):
        store.positions_as_of(d(f"2025-09-{day:02d}"))
    snapshot = store.grid_snapshot(d("2025-10-01"), d("2025-07-01"))
    assert snapshot.cell(party.id, issue.id).changed is True


def _drag_case(store):
    """Three parties on two issues, a position every ten days in each cell (Aug–Sep)."""
    parties = [store.add_party(Party(f"P{n}", role=PartyRole.PRINCIPAL)) for n in range(3)]
    issues = store.issues()[:2]
    stances = list(Stance)
    for n, party in enumerate(parties):
        for m, issue in enumerate(issues):
            for day in (1, 11, 21):
                for month in (8, 9):
                    store.add_position(Position(
                        party.id, issue.id, d(f"2025-{month:02d}-{day:02d}"),
                        stances[(n + m + day) % len(stances)]))
    # a tie on one date: the one recorded last wins, in either path
    store.add_position(Position(parties[0].id, issues[0].id, d("2025-08-11"), Stance.ACCEPTS))


def test_every_way_of_reading_answers_as_a_fresh_store_does(store, case_path, monkeypatch):
    # a jump reads rows with the seeks, a step forward reads the positions dated
    # in between, a step back seeks the cells that moved, two dates at once seek
    # first and read only the rows lacking: each must give what a store that has
    # read nothing gives (store/as_of.py)
    from negotiations_gui.store import as_of

    _drag_case(store)
    days = ["2025-09-25", *(f"2025-09-{n:02d}" for n in range(26, 31)),  # a jump, then on
            *(f"2025-09-{n:02d}" for n in range(24, 0, -1)),  # back a day at a time
            *(f"2025-08-{n:02d}" for n in range(1, 32)), "2026"]  # on, far on
    since = {day: d(d(day).start().replace(day=1).isoformat()) for day in days}
    fresh = CaseStore.open(case_path)
    expected = {}
    try:
        for day in days:
            fresh.queries.forget()
            expected[day] = fresh.positions_as_of(d(day))
            fresh.queries.forget()
            expected[day, "grid"] = fresh.grid_snapshot(d(day), since[day]).cells
    finally:
        fresh.close()
    taken = []
    for name in ("_read_with_seeks", "_step_forward", "_step_back", "_seek"):
        real = getattr(as_of, name)
        monkeypatch.setattr(as_of, name, lambda *a, _real=real, _name=name: (
            found := _real(*a), found is not None and taken.append(_name))[0])
    for day in days:
        assert store.positions_as_of(d(day)) == expected[day], day
        assert store.grid_snapshot(d(day), since[day]).cells == expected[day, "grid"], day
    assert {"_read_with_seeks", "_step_forward", "_step_back", "_seek"} <= set(taken)
