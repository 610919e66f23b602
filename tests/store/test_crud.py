"""Create, read, update and delete every kind of record, each in one transaction."""

import dataclasses
import sqlite3

import pytest

from negotiations_gui.domain import (
    Assessment,
    CaseInfo,
    Event,
    Gap,
    Issue,
    Party,
    PartyRole,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
)
from negotiations_gui.store import CaseStore, ReadOnlyError, RecordNotFound

from .helpers import d, position, two_principals


def test_new_case_has_info_and_default_issues(store):
    info = store.case_info()
    assert (info.title, info.marking) == ("Test case", "TEST")
    assert [i.name for i in store.issues()] == [
        "Hostages", "Prisoners", "Withdrawal", "Disarmament", "Ceasefire", "Governance"]
    assert store.issues()[1].pax_code == "TjPrire"


def test_create_refuses_to_overwrite(case_path, store):
    with pytest.raises(Exception, match="already exists"):
        CaseStore.create(case_path)


def test_party_crud_and_timestamps(store):
    party = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, "#d55e00"))
    assert party.created_at and party.created_at == party.updated_at
    assert store.party(party.id) == party
    renamed = store.update_party(dataclasses.replace(party, name="Arab Republic of Egypt"))
    assert renamed.name == "Arab Republic of Egypt"
    assert renamed.created_at == party.created_at
    assert renamed.updated_at > party.updated_at
    removed = store.delete_party(party.id)
    assert removed.parties == (renamed,)
    with pytest.raises(RecordNotFound):
        store.party(party.id)


def test_update_of_missing_record_raises(store):
    with pytest.raises(RecordNotFound):
        store.update_party(Party("Ghost"))


def test_reorder_issues(store):
    issues = store.issues()
    store.reorder_issues([i.id for i in reversed(issues)])
    assert [i.name for i in store.issues()] == [i.name for i in reversed(issues)]


def test_event_with_links_round_trips(store):
    israel, hamas = two_principals(store)
    source = store.add_source(Source("Kan report", "Kan", d("2025-08"), reliability="B",
                                     credibility=3))
    issue = store.issues()[0]
    event = store.add_event(Event(d("2025-08-08"), "Cabinet decision", "decision",
                                  end=d("2025-08-10"), party_ids=(israel.id, hamas.id),
                                  issue_ids=(issue.id,), tags=("pressure", "cabinet"),
                                  source_ids=(source.id,)))
    again = store.event(event.id)
    assert again.party_ids == tuple(sorted((israel.id, hamas.id)))
    assert again.tags == ("cabinet", "pressure")
    assert again.end == d("2025-08-10") and again.source_ids == (source.id,)
    changed = store.update_event(dataclasses.replace(again, tags=("pressure",), party_ids=()))
    assert changed.tags == ("pressure",) and changed.party_ids == ()


def test_proposal_terms_per_issue(store):
    israel, hamas = two_principals(store)
    mediator = store.add_party(Party("Qatar", role=PartyRole.MEDIATOR))
    issues = store.issues()
    proposal = store.add_proposal(Proposal(
        d("2025-08"), "Initiative", ProposalStatus.PRESENTED, "summary",
        proposer_ids=(mediator.id,), addressee_ids=(israel.id, hamas.id),
        terms={issues[0].id: "All hostages", issues[4].id: "Permanent ceasefire",
               issues[5].id: "   "}))
    got = store.proposal(proposal.id)
    assert got.terms == {issues[0].id: "All hostages", issues[4].id: "Permanent ceasefire"}
    assert got.proposer_ids == (mediator.id,)
    assert set(got.addressee_ids) == {israel.id, hamas.id}


def test_deleting_a_party_removes_its_positions_and_restore_puts_everything_back(store):
    israel, hamas = two_principals(store)
    issue = store.issues()[0]
    kept = position(store, hamas, issue, "2025-08", Stance.UNCLEAR)
    gone = position(store, israel, issue, "2025-08", Stance.DEMANDS)
    event = store.add_event(Event(d("2025-08"), "Talks", party_ids=(israel.id, hamas.id)))
    before = store.export_data()
    removed = store.delete_party(israel.id)
    assert removed.positions == (gone,)
    assert store.positions() == [kept]
    assert store.event(event.id).party_ids == (hamas.id,)
    store.restore(removed)
    assert store.export_data() == before


def test_deleting_an_issue_takes_its_assessments_and_terms_with_it(store):
    two_principals(store)
    issue = store.issues()[3]
    store.add_assessment(Assessment(issue.id, d("2025-08"), Gap.WIDE, "far apart"))
    proposal = store.add_proposal(Proposal(d("2025-08"), "P", terms={issue.id: "Disarm"}))
    before = store.export_data()
    removed = store.delete_issue(issue.id)
    assert len(removed.assessments) == 1 and removed.proposals[0].terms == {issue.id: "Disarm"}
    assert store.proposal(proposal.id).terms == {}
    store.restore(removed)
    assert store.export_data() == before


def test_deleting_a_source_unlinks_it_and_undo_relinks(store):
    israel, _ = two_principals(store)
    source = store.add_source(Source("Anonymous", reliability="F", credibility=3))
    pos = position(store, israel, store.issues()[0], "2025-08", source_ids=(source.id,))
    before = store.export_data()
    removed = store.delete_source(source.id)
    assert store.position(pos.id).source_ids == ()
    store.restore(removed)
    assert store.export_data() == before


def test_deleting_a_proposal_keeps_positions_that_answered_it(store):
    israel, _ = two_principals(store)
    proposal = store.add_proposal(Proposal(d("2025-08"), "P"))
    pos = position(store, israel, store.issues()[0], "2025-08", Stance.REJECTS,
                   proposal_id=proposal.id)
    removed = store.delete_proposal(proposal.id)
    assert store.position(pos.id).proposal_id is None
    store.restore(removed)
    assert store.position(pos.id).proposal_id == proposal.id


def test_a_failing_change_leaves_nothing_behind(store):
    # a position for a party that does not exist violates a foreign key: the
    # whole change is rolled back, including the links written before it failed
    issue = store.issues()[0]
    source = store.add_source(Source("S"))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        position(store, Party("Nobody"), issue, "2025-08", source_ids=(source.id,))
    assert store.positions() == []
    assert store.db.execute("SELECT count(*) FROM position_sources").fetchone()[0] == 0


def test_case_info_update(store):
    info = store.update_case_info(CaseInfo("Renamed", "desc", "SECRET"))
    assert (info.title, info.description, info.marking) == ("Renamed", "desc", "SECRET")


def test_read_only_store_refuses_writes(case_path, store):
    store.close()
    with CaseStore.open(case_path, read_only=True) as ro:
        assert ro.read_only
        with pytest.raises(ReadOnlyError, match="read-only"):
            ro.add_issue(Issue("New"))
        assert len(ro.issues()) == 6


def test_pragmas(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_save_copy_is_a_complete_case(store, tmp_path):
    israel, _ = two_principals(store)
    target = tmp_path / "copy.nego"
    store.save_copy(target)
    with CaseStore.open(target) as copy:
        assert copy.party(israel.id) == israel


def test_read_only_by_choice_leaves_a_single_file_and_refuses_raw_writes(case_path, store):
    from negotiations_gui.store import ReadOnlyError

    store.close()
    with CaseStore.open(case_path, read_only=True) as ro:
        assert len(ro.issues()) == 6
        # even SQL that goes around CaseStore is refused, with a message naming the file
        with pytest.raises(ReadOnlyError, match="cannot be written") as refused:
            ro.db.execute("DELETE FROM issues")
        assert str(case_path) in str(refused.value)
        assert len(ro.issues()) == 6
    # exporting from a case must not leave -wal/-shm files beside it
    assert sorted(p.name for p in case_path.parent.iterdir()) == [case_path.name]
