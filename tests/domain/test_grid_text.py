"""The words the grid uses on screen and in the PDF (domain/grid_text.py)."""

from negotiations_gui.domain import (
    Assessment,
    Gap,
    GridSnapshot,
    Issue,
    Party,
    PartyRole,
    Position,
    Source,
    Stance,
    effective_gap,
    grid_text,
)
from negotiations_gui.domain.bidi import FSI, PDI

from ..dates import d

ISRAEL = Party("Israel", "ISR", PartyRole.PRINCIPAL, id="isr")
HAMAS = Party("Hamas", "HAM", PartyRole.PRINCIPAL, id="ham", sort_order=1)
EGYPT = Party("Egypt", "EGY", PartyRole.MEDIATOR, id="egy")
HOSTAGES = Issue("Hostages", id="hos")
PRISONERS = Issue("Prisoners", id="pri", sort_order=1)
CABLE = Source("Cable 12", "Embassy", d("2025-08-12"), reliability="B", credibility=2, id="s1")
PRESS = Source("Report", "", None, reliability="C", credibility=3, id="s2")


def pos(party, issue, date, stance, summary="", sources=(), pid=None):
    return Position(party.id, issue.id, d(date), stance, summary, source_ids=sources,
                    id=pid or f"{party.id}-{issue.id}-{date}")


def snapshot(current, previous=None, since=None, assessments=None):
    return GridSnapshot.build(
        as_of=d("2025-08-20"), since=d(since) if since else None,
        parties=[EGYPT, HAMAS, ISRAEL], issues=[PRISONERS, HOSTAGES],
        current={(p.party_id, p.issue_id): p for p in current},
        previous=None if previous is None else {(p.party_id, p.issue_id): p for p in previous},
        assessments=assessments, sources={CABLE.id: CABLE, PRESS.id: PRESS})


def test_stance_and_dates():
    assert grid_text.stance_text(Stance.RED_LINE) == "⛔ Red line"
    assert grid_text.date_text(d("2025-08-12")) == "12 Aug 2025"
    assert grid_text.date_with_precision(d("2025-08-12")) == "12 Aug 2025"
    assert grid_text.date_with_precision(d("2025-08")) == "Aug 2025 (month only)"
    assert grid_text.date_with_precision(d("~2025")) == "c. 2025 (year only)"
    assert grid_text.role_group_label(PartyRole.MEDIATOR) == "Mediators"


def test_change_from_to():
    before = pos(ISRAEL, HOSTAGES, "2025-08-01", Stance.DEMANDS)
    after = pos(ISRAEL, HOSTAGES, "2025-08", Stance.CONDITIONAL)
    assert grid_text.change_text(before, after) == "Demands, 1 Aug 2025 → Conditional, Aug 2025"
    assert grid_text.change_text(None, after) == "no recorded position → Conditional, Aug 2025"
    assert grid_text.change_text(before, None) == "Demands, 1 Aug 2025 → no recorded position"


def test_cell_text_and_tooltip():
    now = pos(HAMAS, HOSTAGES, "2025-08-12", Stance.CONDITIONAL, "  Phased release ",
              sources=(PRESS.id, CABLE.id))
    grid = snapshot([now], previous=[], since="2025-08-05")
    cell = grid.cell(HAMAS.id, HOSTAGES.id)
    assert grid_text.source_badge(cell) == "B2"
    assert grid_text.cell_text(cell) == (f"≈ Conditional: {FSI}Phased release{PDI} "
                                    "(12 Aug 2025; best source B2)")
    tip = grid_text.cell_tooltip(cell, grid.since).split("\n")
    assert tip[0] == f"{FSI}Hamas{PDI} on {FSI}Hostages{PDI}"
    assert tip[1] == "≈ Conditional — would agree if conditions are met"
    assert "Changed since 5 Aug 2025: no recorded position → Conditional, 12 Aug 2025" in tip
    assert tip[-2].startswith(
        f"B2 — Usually reliable, probably true: {FSI}Cable 12{PDI} ({FSI}Embassy{PDI}, 12 Aug")
    assert tip[-1] == f"C3 — Fairly reliable, possibly true: {FSI}Report{PDI}"


def test_empty_cell_text():
    cell = snapshot([]).cell(ISRAEL.id, PRISONERS.id)
    assert grid_text.cell_text(cell) == "No recorded position"
    assert grid_text.source_badge(cell) == ""
    assert grid_text.cell_tooltip(cell, None) == (f"{FSI}Israel{PDI} on {FSI}Prisoners{PDI}\n"
                                              "No recorded position.")


def test_position_without_sources_says_so():
    cell = snapshot([pos(ISRAEL, PRISONERS, "2025-08-01", Stance.OFFERS)]).cell(
        ISRAEL.id, PRISONERS.id)
    assert grid_text.cell_text(cell) == "➜ Offers (1 Aug 2025)"
    assert grid_text.cell_tooltip(cell, None).endswith("Sources:\nNo source recorded")


def test_gap_words_say_whose_judgement_it_is():
    derived = effective_gap([Stance.DEMANDS, Stance.OFFERS], None)
    assert grid_text.gap_text(derived) == "◐ Narrowing"
    assert grid_text.gap_detail(derived) == "Derived from the principals' stances: narrowing."
    analyst = effective_gap([Stance.DEMANDS, Stance.OFFERS],
                            Assessment("hos", d("2025-08-15"), Gap.WIDE, "Stalled"))
    assert grid_text.gap_text(analyst) == "○ Wide (analyst)"
    assert grid_text.gap_detail(analyst).split("\n") == [
        "Analyst's assessment, 15 Aug 2025: wide.", "Stalled",
        "The stance rule alone would say: narrowing."]
    agreeing = effective_gap([Stance.ACCEPTS, Stance.ACCEPTS],
                             Assessment("hos", d("2025-08"), Gap.CONVERGED))
    assert grid_text.gap_detail(agreeing) == "Analyst's assessment, Aug 2025: converged."


def test_snapshot_heading():
    assert grid_text.snapshot_heading(snapshot([])) == "Positions as of 20 Aug 2025"
    assert grid_text.snapshot_heading(snapshot([], [], "2025-08")) == (
        "Positions as of 20 Aug 2025 (changes since Aug 2025)")


def test_grid_table_text_is_tab_separated_in_grid_order():
    grid = snapshot([pos(ISRAEL, HOSTAGES, "2025-08-01", Stance.DEMANDS, "All\tof them"),
                     pos(HAMAS, HOSTAGES, "2025-08-12", Stance.REJECTS, "No")],
                    previous=[pos(ISRAEL, HOSTAGES, "2025-08-01", Stance.DEMANDS, "All\tof them")],
                    since="2025-08-05")
    text = grid_text.grid_table_text(grid, grid.issues, grid.parties)
    lines = text.split("\n")
    assert lines[0] == "Issue\tIsrael\tHamas\tEgypt\tGap"
    # user text in the generated phrases is a bidi isolate (U+2068 … U+2069)
    assert lines[1] == (f"Hostages\t! Demands: {FSI}All of them{PDI} (1 Aug 2025)\t"
                        f"✘ Rejects: {FSI}No{PDI} (12 Aug 2025)"
                        " [changed: no recorded position → Rejects, 12 Aug 2025]\t"
                        "No recorded position\t○ Wide")
    assert lines[2] == ("Prisoners\tNo recorded position\tNo recorded position\t"
                        "No recorded position\t? Unknown")
    without_gap = grid_text.grid_table_text(grid, grid.issues[1:], grid.parties[:1], with_gap=False)
    assert without_gap == "Issue\tIsrael\nPrisoners\tNo recorded position"


def test_answers_text():
    from negotiations_gui.domain import Event, Proposal, ProposalStatus
    proposal = Proposal(d("2025-08-18"), "Framework", ProposalStatus.COUNTERED)
    event = Event(d("2025-08"), "Cabinet decision")
    assert grid_text.answers_text(proposal, event) == (
        f"Proposal: {FSI}Framework{PDI} (countered, 18 Aug 2025)\n"
        f"Event: {FSI}Cabinet decision{PDI} (Aug 2025)")
    assert grid_text.answers_text(None, None) == ""


def test_change_tag_and_what_the_cell_held_before():
    before = pos(ISRAEL, HOSTAGES, "~2025", Stance.CONDITIONAL)
    assert grid_text.change_tag(None) == "NEW"
    assert grid_text.change_tag(before) == "CHANGED"
    assert grid_text.previous_text(before) == "was ≈ Conditional, c. 2025"
    assert grid_text.previous_text(None) == "was: no recorded position"


def test_gap_change_text():
    before = effective_gap([Stance.DEMANDS, Stance.REJECTS], None)
    after = effective_gap([Stance.DEMANDS, Stance.OFFERS],
                          Assessment("hos", d("2025-08"), Gap.NARROWING))
    assert grid_text.gap_change_text(before, after) == "○ Wide → ◐ Narrowing (analyst)"
