"""Edits of a few events or proposals move only their items in the timeline.

After every step (add, edit of date, end, parties or title, delete, and the
undo and redo of each, run through the real commands) the timeline's lane
arrays must equal what a fresh load builds, without the view reading the
case again.
"""

import dataclasses
import random

import pytest

from negotiations_gui.domain import Event, PartialDate, Party, PartyRole, Proposal
from negotiations_gui.store.timeline_queries import load_timeline, record_labels
from negotiations_gui.ui import commands
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.timeline import TimelineView
from negotiations_gui.ui.timeline import view as view_module

KINDS = ("meeting", "statement", "agreement", "attack")


def random_date(rng: random.Random) -> PartialDate:
    year, month, day = rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return PartialDate.parse(rng.choice([f"{year}", f"{year}-{month:02d}",
                                         f"{year}-{month:02d}-{day:02d}",
                                         f"{year}-{month:02d}-{day:02d}"]))


def random_end(rng: random.Random, date: PartialDate) -> PartialDate | None:
    if rng.random() < 0.6:
        return None
    end = date.end().toordinal() + rng.randint(0, 90)
    return PartialDate.from_date(type(date.end()).fromordinal(end))


def random_parties(rng: random.Random, parties) -> tuple[str, ...]:
    return tuple(p.id for p in rng.sample(parties, rng.randint(0, 3)))


@pytest.fixture
def generated(store):
    rng = random.Random(4)
    parties = [store.add_party(Party(f"Party {n}", f"P{n}", role, f"#{n}0{n}0{n}0", n))
               for n, role in enumerate([PartyRole.PRINCIPAL, PartyRole.PRINCIPAL,
                                         PartyRole.MEDIATOR, PartyRole.GUARANTOR])]
    for n in range(300):
        date = random_date(rng)
        store.add_event(Event(date, f"Event {n}", rng.choice(KINDS), end=random_end(rng, date),
                              party_ids=random_parties(rng, parties)))
    for n in range(40):
        proposer = rng.choice(parties)
        store.add_proposal(Proposal(random_date(rng), f"Proposal {n}",
                                    proposer_ids=(proposer.id,),
                                    addressee_ids=random_parties(rng, parties)))
    return rng, parties


@pytest.fixture
def timeline(qtbot, store, generated, monkeypatch):
    state = CaseState(PartialDate.parse("2025-01-01"))
    widget = TimelineView(store, state)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    loads = []

    def counting_load(*args, **kwargs):
        loads.append(args)
        return load_timeline(*args, **kwargs)

    monkeypatch.setattr(view_module, "load_timeline", counting_load)
    widget.full_loads = loads
    return widget


def contents(data) -> list:
    """Each lane's items as sets (items starting the same day may come in any order)."""
    lanes = []
    for lane in data.lanes:
        tracks = []
        for track in lane.tracks:
            assert list(track.first) == sorted(track.first)
            assert len(track.end) == len(track.record) == len(track.code) == len(track.first)
            tracks.append((sorted(zip(track.first, track.end, track.record, track.code)),
                           track.longest, list(track.sorted_ends()) == sorted(track.end)))
        lanes.append((lane.lane, tracks))
    return lanes


def check_matches_fresh_load(view) -> None:
    fresh = load_timeline(view.store, view.state.event_filter)
    assert contents(view.canvas.data) == contents(fresh)
    assert view.canvas.data.bounds() == fresh.bounds()
    records = sorted({r for lane in fresh.lanes for t in lane.tracks for r in t.record})
    assert view.labels(records) == record_labels(view.store, records)
    assert not view.reload_pending
    assert view.full_loads == []


def run(command, state_steps):
    command.apply()
    state_steps()
    command.undo()
    state_steps()
    command.redo()
    state_steps()


def test_add_edit_delete_and_undo_redo_match_a_fresh_load(timeline, store, generated):
    rng, parties = generated
    view, state = timeline, timeline.state

    def step():
        check_matches_fresh_load(view)

    # fill the title cache with what is drawn, so stale titles would show
    view.labels([r for lane in view.canvas.data.lanes for t in lane.tracks for r in t.record])
    added = Event(PartialDate.parse("2024-05-17"), "New talks", "meeting",
                  party_ids=(parties[0].id, parties[2].id))
    run(commands.AddRecordCommand(store, state, "event", added), step)
    events = store.events()
    for n, event in enumerate(rng.sample(events, 12)):
        date = random_date(rng)
        edits = [dataclasses.replace(event, date=date, end=None),
                 dataclasses.replace(event, end=random_end(rng, event.date)
                                     or PartialDate.from_date(event.date.end())),
                 dataclasses.replace(event, party_ids=random_parties(rng, parties)),
                 dataclasses.replace(event, title=f"Renamed {n}")]
        new = edits[n % len(edits)]
        run(commands.UpdateRecordCommand(store, state, "event", event, new), step)
    for n, event in enumerate(rng.sample(store.events(), 6)):
        if n % 2:  # the selected record's number is known; any other is searched for
            state.select("event", event.id)
        run(commands.DeleteRecordCommand(store, state, "event", event), step)
    for proposal in rng.sample(store.proposals(), 2):
        run(commands.DeleteRecordCommand(store, state, "proposal", proposal), step)
    for proposal in rng.sample(store.proposals(), 4):
        moved = dataclasses.replace(proposal, date=random_date(rng),
                                    addressee_ids=random_parties(rng, parties))
        run(commands.UpdateRecordCommand(store, state, "proposal", proposal, moved), step)
        run(commands.DeleteRecordCommand(store, state, "proposal", moved), step)
    both = Proposal(PartialDate.parse("2024-02"), "Own plan", proposer_ids=(parties[1].id,),
                    addressee_ids=(parties[1].id, parties[3].id))
    run(commands.AddRecordCommand(store, state, "proposal", both), step)


def test_edits_under_a_filter_match_a_filtered_load(qtbot, timeline, store, generated):
    rng, parties = generated
    view, state = timeline, timeline.state
    state.set_event_filter(dataclasses.replace(state.event_filter,
                                               party_ids=frozenset({parties[1].id}),
                                               kinds=frozenset({"meeting", "proposal"})))
    qtbot.waitUntil(lambda: not view.reload_pending)
    view.full_loads.clear()
    for event in rng.sample(store.events(), 6):
        new = dataclasses.replace(event, kind=rng.choice(KINDS),
                                  party_ids=random_parties(rng, parties))
        run(commands.UpdateRecordCommand(store, state, "event", event, new),
            lambda: check_matches_fresh_load(view))


def test_party_changes_and_unknown_ids_still_read_the_case_again(qtbot, timeline, store,
                                                                 generated):
    _, parties = generated
    view, state = timeline, timeline.state
    party = dataclasses.replace(parties[0], short_name="P0*")
    commands.UpdateRecordCommand(store, state, "party", parties[0], party).apply()
    assert view.reload_pending
    qtbot.waitUntil(lambda: not view.reload_pending)
    assert [lane.lane.label for lane in view.canvas.data.lanes][0] == "P0*"
    state.notify_changed({"events"})  # an import: which records is not known
    assert view.reload_pending
    qtbot.waitUntil(lambda: not view.reload_pending)
    assert len(view.full_loads) == 2
