"""A small multilingual case for the export tests, built through CaseStore.

Arabic and Hebrew names and summaries are in it on purpose: the PDFs must
shape them, order them right to left, and keep them extractable as text.
"""

import unicodedata

import pytest

from negotiations_gui.domain import (
    Assessment,
    CaseInfo,
    Event,
    Gap,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
)
from negotiations_gui.store import CaseStore

from ..dates import d

MARKING = "SECRET // TEST MARKING"
TITLE = "Ceasefire talks (test)"
ARABIC_PARTY = "حركة حماس"
HEBREW_PARTY = "מדינת ישראל"
ARABIC_SUMMARY = "تبادل المعتقلين مقابل وقف الحرب"
HEBREW_SUMMARY = "שחרור כל החטופים בבת אחת"


@pytest.fixture
def case(tmp_path):
    """An open store holding the multilingual case (as of 20 Aug, changes since 5 Aug)."""
    store = CaseStore.create(tmp_path / "talks.nego", CaseInfo(TITLE, marking=MARKING))
    israel = store.add_party(Party(HEBREW_PARTY, "ISR", PartyRole.PRINCIPAL, "#1f77b4", 0))
    hamas = store.add_party(Party(ARABIC_PARTY, "HAM", PartyRole.PRINCIPAL, "#2ca02c", 1))
    egypt = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, "#ff7f0e", 2))
    cable = store.add_source(Source("Cable 42", "Embassy Cairo", d("2025-08-12"), "", "A", 1))
    paper = store.add_source(Source("Evening report", "Daily Paper", d("2025-08"), "", "B", 2))
    rumour = store.add_source(Source("Rumour mill", "Anonymous", None, "", "F", 6))
    issues = {i.name: i for i in store.issues()}
    hostages, prisoners = issues["Hostages"], issues["Prisoners"]
    store.add_position(Position(israel.id, hostages.id, d("2025-08-01"), Stance.DEMANDS,
                                HEBREW_SUMMARY, source_ids=(paper.id,)))
    store.add_position(Position(israel.id, hostages.id, d("2025-08-12"), Stance.CONDITIONAL,
                                "Phased release acceptable if *all* are named <b>first</b>",
                                source_ids=(cable.id, paper.id)))
    store.add_position(Position(hamas.id, prisoners.id, d("2025-08"), Stance.RED_LINE,
                                ARABIC_SUMMARY, source_ids=(rumour.id,)))
    store.add_position(Position(egypt.id, hostages.id, d("2025-08-03"), Stance.OFFERS,
                                "Comprehensive exchange", source_ids=(cable.id,)))
    store.add_assessment(Assessment(prisoners.id, d("2025-08-15"), Gap.WIDE,
                                    "Both sides dug in."))
    store.add_proposal(Proposal(d("2025-08-10"), "Cairo framework", ProposalStatus.PRESENTED,
                                "All hostages for prisoners, in one deal.",
                                proposer_ids=(egypt.id,), addressee_ids=(israel.id, hamas.id),
                                terms={hostages.id: "All at once"}, source_ids=(cable.id,)))
    store.add_event(Event(d("2025-08-08"), "Cabinet decides on Gaza City", "decision",
                          party_ids=(israel.id,), source_ids=(paper.id,)))
    yield store
    store.close()


def folded(text: str) -> str:
    """Text as extracted, normalised: presentation forms to letters, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def has_words(extracted: str, phrase: str) -> bool:
    """Every word of `phrase` is in `extracted`, in reading or in visual order.

    pypdf returns right-to-left runs in visual order (the order glyphs are
    drawn); readers such as poppler reorder them. Either way the letters are
    there as text.
    """
    haystack = folded(extracted)
    return all(folded(w) in haystack or folded(w)[::-1] in haystack for w in phrase.split())
