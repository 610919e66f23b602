"""grid_snapshot reuses the parties, issues and sources it read, but never stale ones."""

import dataclasses

from negotiations_gui.domain import Issue, Party, PartyRole, Position, Source, Stance
from negotiations_gui.store import CaseStore

from .helpers import d, two_principals


def cited_case(store):
    israel, _hamas = two_principals(store)
    issue = store.issues()[0]
    cable = store.add_source(Source("Cable", reliability="C", credibility=3))
    store.add_position(Position(israel.id, issue.id, d("2025-08-01"), Stance.OFFERS,
                                source_ids=(cable.id,)))
    return israel, issue, cable


def test_unchanged_file_gives_the_same_parties_and_sources(store):
    israel, issue, cable = cited_case(store)
    first = store.grid_snapshot(d("2025-08-10"))
    second = store.grid_snapshot(d("2025-08-20"))
    assert second.parties == first.parties
    assert all(a is b for a, b in zip(second.parties, first.parties))
    assert second.cell(israel.id, issue.id).sources == (cable,)


def test_a_renamed_party_a_new_issue_and_a_regraded_source_are_seen_at_once(store):
    israel, issue, cable = cited_case(store)
    store.grid_snapshot(d("2025-08-10"))
    store.update_party(dataclasses.replace(israel, name="State of Israel"))
    new_issue = store.add_issue(Issue("Rafah crossing", sort_order=99))
    store.update_source(dataclasses.replace(cable, reliability="A", credibility=1))
    snapshot = store.grid_snapshot(d("2025-08-10"))
    assert [p.name for p in snapshot.parties][0] == "State of Israel"
    assert snapshot.issues[-1].id == new_issue.id
    assert snapshot.cell(israel.id, issue.id).best_source.grade == "A1"


def test_a_deleted_party_and_source_leave_the_snapshot(store):
    israel, issue, cable = cited_case(store)
    store.grid_snapshot(d("2025-08-10"))
    store.delete_source(cable.id)
    assert store.grid_snapshot(d("2025-08-10")).cell(israel.id, issue.id).sources == ()
    store.delete_party(israel.id)
    assert israel.id not in {p.id for p in store.grid_snapshot(d("2025-08-10")).parties}


def test_a_party_added_by_another_connection_is_seen(store, case_path):
    cited_case(store)
    store.grid_snapshot(d("2025-08-10"))
    with CaseStore.open(case_path) as other:
        qatar = other.add_party(Party("Qatar", role=PartyRole.MEDIATOR))
    assert qatar.id in {p.id for p in store.grid_snapshot(d("2025-08-10")).parties}
