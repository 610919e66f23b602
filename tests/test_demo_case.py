"""The bundled demo case holds what the seed article says, and is never modified."""

import hashlib
import importlib.util
from pathlib import Path

import pytest

import negotiations_gui
from negotiations_gui.demo import demo_copy, demo_json_bytes
from negotiations_gui.domain import PartialDate, Party, PartyRole, Precision, ProposalStatus, Stance
from negotiations_gui.store import CaseStore


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = demo_copy(tmp_path_factory.mktemp("demo"))
    with CaseStore.open(path) as store:
        yield store


def _by_name(records):
    return {r.name: r for r in records}


def test_parties_and_roles(demo):
    roles = {p.name: p.role for p in demo.parties()}
    assert roles == {
        "Israel": PartyRole.PRINCIPAL, "Hamas": PartyRole.PRINCIPAL,
        "Egypt": PartyRole.MEDIATOR, "Qatar": PartyRole.MEDIATOR,
        "United States": PartyRole.MEDIATOR, "Turkey": PartyRole.GUARANTOR,
    }


def test_six_issues_in_order(demo):
    assert [i.name for i in demo.issues()] == [
        "Hostages", "Prisoners", "Withdrawal", "Disarmament", "Ceasefire", "Governance"]


def test_sources_are_graded_honestly(demo):
    sources = demo.sources()
    assert any("Intensive Mediation Efforts" in s.title for s in sources)
    for s in sources:
        if "anonym" in (s.notes + s.outlet + s.title).lower() or "unnamed" in s.outlet.lower():
            assert s.reliability == "F", s.title  # an anonymous source cannot be judged
        assert s.reliability != "A"
    outlets = " ".join(s.outlet for s in sources)
    assert "Kan" in outlets and "Yediot Aharonot" in outlets


def test_dates_are_month_precision_unless_the_day_is_known(demo):
    for event in demo.events():
        if event.date.precision is Precision.DAY:
            assert event.date == PartialDate(2025, 8, 8)  # the cabinet decision
        else:
            assert event.date.iso == "2025-08"
    assert all(p.date.iso in ("2025", "2025-08") for p in demo.positions())


def test_the_proposal_and_its_terms(demo):
    (proposal,) = demo.proposals()
    parties = {p.id: p.name for p in demo.parties()}
    assert proposal.status is ProposalStatus.PRESENTED
    assert {parties[i] for i in proposal.proposer_ids} == {"Egypt", "Qatar"}
    assert {parties[i] for i in proposal.addressee_ids} == {"Israel", "Hamas"}
    issues = {i.id: i.name for i in demo.issues()}
    terms = {issues[k]: v for k, v in proposal.terms.items()}
    assert "living and dead" in terms["Hostages"]
    assert "joint Arab–American supervision" in terms["Withdrawal"]
    assert set(terms) == set(issues.values())


def test_every_party_has_a_position_on_every_issue(demo):
    grid = demo.grid_snapshot(PartialDate(2025, 8, 31))
    assert all(cell.position is not None for cell in grid.cells.values())
    parties, issues = _by_name(demo.parties()), _by_name(demo.issues())

    def stance(party, issue):
        return grid.cell(parties[party].id, issues[issue].id).position.stance

    assert stance("Israel", "Disarmament") is Stance.DEMANDS
    assert stance("Israel", "Hostages") is Stance.DEMANDS
    assert all(stance("Hamas", i) is Stance.UNCLEAR for i in issues)  # no stated position
    assert all(stance(m, i) is Stance.OFFERS for m in ("Egypt", "Qatar") for i in issues)
    assert "Turkey" in grid.cell(parties["Israel"].id, issues["Disarmament"].id).position.summary


def test_history_shows_israel_moving_away_from_partial_deals(demo):
    parties, issues = _by_name(demo.parties()), _by_name(demo.issues())
    changes = demo.changes_between(PartialDate(2025, 7, 31), PartialDate(2025, 8, 31))
    israel_hostages = [(b, a) for b, a in changes.positions
                       if a.party_id == parties["Israel"].id
                       and a.issue_id == issues["Hostages"].id]
    (before, after), = israel_hostages
    assert before.stance is Stance.CONDITIONAL and after.stance is Stance.DEMANDS


def test_demo_copy_never_touches_the_bundled_file(tmp_path):
    before = hashlib.sha256(demo_json_bytes()).hexdigest()
    path = demo_copy(tmp_path)
    with CaseStore.open(path) as store:
        store.add_party(Party("Jordan"))
    assert hashlib.sha256(demo_json_bytes()).hexdigest() == before
    (tmp_path / "again").mkdir()
    with CaseStore.open(demo_copy(tmp_path / "again")) as fresh:
        assert "Jordan" not in {p.name for p in fresh.parties()}


def test_bundled_json_is_what_the_build_script_makes():
    script = Path(negotiations_gui.__file__).parent / "resources" / "demo" / "build_demo.py"
    spec = importlib.util.spec_from_file_location("build_demo", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.canonical_json() == demo_json_bytes().decode("utf-8")
