"""Merging is idempotent and order-independent, over random edits on two copies.

Two copies of one case are edited differently (hypothesis draws the edits),
then A is merged into a copy of B and B into a copy of A with the same choice
for every conflict: both must end with the same records and values, and
merging the same file again must change nothing.
"""

import dataclasses
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiations_gui.domain import CaseInfo, Event, Party, PartyRole, Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.merge import OURS, THEIRS, apply_merge, plan_from_file
from negotiations_gui.store.revision_values import records_of, to_values

from .helpers import d

EDITS = st.lists(st.tuples(
    st.sampled_from(["edit_position", "add_position", "delete_position", "rename_party",
                     "add_event", "edit_event", "delete_event", "delete_party"]),
    st.integers(0, 7), st.integers(0, 7)), max_size=6)


def _base(path):
    store = CaseStore.create(path, CaseInfo("Merge test"))
    parties = [store.add_party(Party(name, role=PartyRole.PRINCIPAL)) for name in "ABC"]
    issues = store.issues()[:2]
    for n, party in enumerate(parties):
        for m, issue in enumerate(issues):
            store.add_position(Position(party.id, issue.id, d(f"2025-08-0{n + m + 1}"),
                                        Stance.OFFERS, f"p{n}{m}"))
    store.add_event(Event(d("2025-08-05"), "Talks", party_ids=(parties[0].id,)))
    store.close()


def _apply(store, edits, tag):
    for what, i, j in edits:
        positions, parties, events = store.positions(), store.parties(), store.events()
        issues = store.issues()[:2]
        if what == "edit_position" and positions:
            p = positions[i % len(positions)]
            store.update_position(dataclasses.replace(p, summary=f"{tag}{i}{j}"))
        elif what == "add_position" and parties:
            store.add_position(Position(parties[i % len(parties)].id, issues[j % 2].id,
                                        d(f"2025-09-0{j % 9 + 1}"), Stance.DEMANDS, tag))
        elif what == "delete_position" and positions:
            store.delete_position(positions[i % len(positions)].id)
        elif what == "rename_party" and parties:
            p = parties[i % len(parties)]
            store.update_party(dataclasses.replace(p, short_name=f"{tag}{j}"))
        elif what == "add_event":
            store.add_event(Event(d("2025-08-10"), f"{tag} event {i}",
                                  party_ids=tuple(p.id for p in parties[:1])))
        elif what == "edit_event" and events:
            e = events[i % len(events)]
            store.update_event(dataclasses.replace(e, title=f"{tag} title {j}"))
        elif what == "delete_event" and events:
            store.delete_event(events[i % len(events)].id)
        elif what == "delete_party" and parties and j == 0:
            store.delete_party(parties[i % len(parties)].id)


def _contents(store) -> dict:
    data = store.export_data()
    return {(kind, r.id): to_values(r) for kind, r in records_of(data)} | {
        "case": to_values(data.info)}


def _merge(into_path, other_path, pick_a, a_is_ours):
    with CaseStore.open(into_path) as store:
        plan = plan_from_file(store, other_path)
        keys = sorted((c.kind, c.record_id) for c in plan.conflicts)
        choices = {}
        for key, take_a in zip(keys, pick_a(len(keys))):
            choices[key] = OURS if take_a == a_is_ours else THEIRS
        apply_merge(store, plan, choices)
        again = plan_from_file(store, other_path)
        return _contents(store), keys, again


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(edits_a=EDITS, edits_b=EDITS, data=st.data())
def test_merge_is_order_independent_and_idempotent(tmp_path_factory, edits_a, edits_b, data):
    folder = tmp_path_factory.mktemp("merge")
    a, b = folder / "a.nego", folder / "b.nego"
    _base(a)
    shutil.copyfile(a, b)  # a copy made outside the app: its own replica id when opened
    for path, edits, tag in ((a, edits_a, "A"), (b, edits_b, "B")):
        with CaseStore.open(path) as store:
            _apply(store, edits, tag)
    a_into_b, b_into_a = folder / "a_into_b.nego", folder / "b_into_a.nego"
    shutil.copyfile(b, a_into_b)
    shutil.copyfile(a, b_into_a)
    drawn: list[bool] = []

    def pick_a(count):
        while len(drawn) < count:
            drawn.append(data.draw(st.booleans()))
        return drawn[:count]

    left, left_keys, again_left = _merge(b_into_a, b, pick_a, a_is_ours=True)
    right, right_keys, again_right = _merge(a_into_b, a, pick_a, a_is_ours=False)
    assert left_keys == right_keys  # the same conflicts, seen from either side
    assert left == right
    assert again_left.is_empty and again_right.is_empty  # idempotent
