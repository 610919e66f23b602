"""Build the bundled demo case from the article in shared/seed/article.txt.

Run `python negotiations_gui/resources/demo/build_demo.py` to regenerate
`gaza_mediation_aug2025.json`. Everything here was read off the article by
hand: every date the article does not give to the day is a month ("2025-08"),
never an invented day; the one day-precise date (the security cabinet's
decision of 8 August 2025) comes from the public record and cites it. Where the
article gives no position for a party on an issue, the position is "unclear"
and says so. Grades are honest: anonymous sources cannot be judged (F), the
article's own outlet is not named in the copy held (F).
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from negotiations_gui.domain import (
    Assessment,
    CaseData,
    CaseInfo,
    Event,
    Gap,
    Issue,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
)
from negotiations_gui.domain.palette import DEMO_PARTY_COLOURS as _COLOURS
from negotiations_gui.domain.vocabulary import DEFAULT_ISSUES
from negotiations_gui.store.json_io import dump_case

_NS = uuid.UUID("6f1c2a4e-0b7d-4c1e-9a51-2d0c8e3b7f10")
_counter = 0


def _id(key: str) -> str:
    return str(uuid.uuid5(_NS, key))


def _stamps() -> dict:
    # Recorded in this order; the microsecond keeps same-date records in order.
    global _counter
    _counter += 1
    stamp = f"2025-08-20T12:00:00.{_counter:06d}+00:00"
    return {"created_at": stamp, "updated_at": stamp}


AUG = PartialDate(2025, 8)
ARTICLE_DATE = AUG

# -- parties ---------------------------------------------------------------------
P = {
    "israel": Party("Israel", "ISR", PartyRole.PRINCIPAL, _COLOURS["israel"], 0, _id("party:israel"), **_stamps()),
    "hamas": Party("Hamas", "HAM", PartyRole.PRINCIPAL, _COLOURS["hamas"], 1, _id("party:hamas"), **_stamps()),
    "egypt": Party("Egypt", "EGY", PartyRole.MEDIATOR, _COLOURS["egypt"], 2, _id("party:egypt"), **_stamps()),
    "qatar": Party("Qatar", "QAT", PartyRole.MEDIATOR, _COLOURS["qatar"], 3, _id("party:qatar"), **_stamps()),
    "usa": Party("United States", "USA", PartyRole.MEDIATOR, _COLOURS["usa"], 4, _id("party:usa"), **_stamps()),
    "turkey": Party("Turkey", "TUR", PartyRole.GUARANTOR, _COLOURS["turkey"], 5, _id("party:turkey"), **_stamps()),
}

# -- issues: the six defaults, described for this case ----------------------------
_DESCRIPTIONS = {
    "Hostages": "Release of all Israeli hostages held in Gaza, living and dead.",
    "Prisoners": "Release of Palestinian prisoners, including security prisoners.",
    "Withdrawal": "Israeli withdrawal from Gaza, under joint Arab–American supervision.",
    "Disarmament": "Hamas disarmament under international guarantees, including Turkey's.",
    "Ceasefire": "End of hostilities and a permanent ceasefire.",
    "Governance": "Governance of Gaza after the war.",
}
I = {
    name.lower(): Issue(name, _DESCRIPTIONS[name], code, n, _id(f"issue:{name}"), **_stamps())
    for n, (name, code, _) in enumerate(DEFAULT_ISSUES)
}

# -- sources -----------------------------------------------------------------------
S = {
    "article": Source(
        "Intensive Mediation Efforts… Details of the Last Chance Negotiations Between "
        "Israel and Hamas", "Unnamed news site (Policy section)", ARTICLE_DATE,
        "shared/seed/article.txt (copy held; original address not recorded)", "F", 3,
        "Secondary reporting. The publishing outlet is not named in the copy held, so its "
        "reliability cannot be judged. Relays the sources below.", _id("source:article"),
        **_stamps()),
    "diplomatic": Source(
        "Diplomatic sources, as quoted in the article", "Unnamed diplomatic sources", AUG, "",
        "F", 3, "Anonymous: reliability cannot be judged.", _id("source:diplomatic"),
        **_stamps()),
    "palestinian": Source(
        "Palestinian source speaking on condition of anonymity", "Anonymous Palestinian source",
        AUG, "", "F", 3, "Anonymous Palestinian source, relayed by the article.",
        _id("source:palestinian"), **_stamps()),
    "kan": Source(
        "Report on the mediators' comprehensive proposal to Hamas",
        "Kan (Israel's public broadcaster)", AUG, "", "B", 3,
        "Established public broadcaster; relayed second-hand by the article and not "
        "confirmed by the parties (diplomatic sources still speak of presenting the plan "
        "'in the coming days').", _id("source:kan"), **_stamps()),
    "netanyahu": Source(
        "Remarks on partial deals, the military timetable and Hamas's conditions",
        "Benjamin Netanyahu, Prime Minister of Israel (as reported)", AUG, "", "B", 2,
        "On-record statements by a principal, relayed second-hand.",
        _id("source:netanyahu"), **_stamps()),
    "benyishai": Source(
        "Analysis of the cabinet decision to occupy Gaza City",
        "Ron Ben Yishai, Yediot Aharonot", AUG, "", "B", 3,
        "Security analyst's interpretation of the decision's purpose.",
        _id("source:benyishai"), **_stamps()),
    "cabinet": Source(
        "Security cabinet decision to take control of Gaza City",
        "Prime Minister's Office (Israel)", PartialDate(2025, 8, 8), "", "B", 1,
        "Official announcement. The date is from the public record; the article mentions "
        "the decision without dating it.", _id("source:cabinet"), **_stamps()),
}


def _ids(table: dict, *keys: str) -> tuple[str, ...]:
    return tuple(sorted(table[k].id for k in keys))


ALL_ISSUES = tuple(I)

# -- events --------------------------------------------------------------------------
E = {
    "cabinet": Event(
        PartialDate(2025, 8, 8), "Israeli security cabinet decides to take control of Gaza City",
        "decision", None,
        "Ron Ben Yishai (Yediot Aharonot) argues the decision is designed to keep constant "
        "pressure on Hamas to return to negotiations and agree to a comprehensive deal.",
        _ids(P, "israel"), _ids(I, "withdrawal", "ceasefire"), ("military pressure",),
        _ids(S, "cabinet", "benyishai", "article"), _id("event:cabinet"), **_stamps()),
    "drafting": Event(
        AUG, "Egypt and Qatar draft a comprehensive initiative to end the war",
        "proposal drafted", None,
        "Drafted with support from Turkey and in full coordination with the United States, "
        "to be presented to Israel and Hamas in the coming days. Diplomatic sources suggest "
        "it may be the final attempt before Israel launches an operation to occupy Gaza City.",
        _ids(P, "egypt", "qatar", "turkey", "usa"), _ids(I, *ALL_ISSUES),
        ("comprehensive deal", "mediation"), _ids(S, "article", "diplomatic"),
        _id("event:drafting"), **_stamps()),
    "presented": Event(
        AUG, "Mediators present Hamas with a comprehensive proposal", "proposal presented",
        None,
        "Reported by Israel's public broadcaster: all captives for Palestinian security "
        "prisoners, Hamas disarmament, a new Israeli withdrawal under joint Arab–American "
        "supervision, leading to a lasting resolution on disarmament and governance.",
        _ids(P, "egypt", "qatar", "hamas"), _ids(I, *ALL_ISSUES), ("comprehensive deal",),
        _ids(S, "kan", "article"), _id("event:presented"), **_stamps()),
    "netanyahu": Event(
        AUG, "Netanyahu: no more partial deals; accelerated timetable to take Gaza",
        "statement", None,
        "Netanyahu hinted that Israel is no longer pursuing partial solutions, announced an "
        "accelerated military timetable to take control of Gaza to end the war quickly, and "
        "dismissed Hamas's conditions as “terms of surrender”.",
        _ids(P, "israel"), _ids(I, "hostages", "ceasefire"),
        ("comprehensive deal", "military pressure"), _ids(S, "netanyahu"),
        _id("event:netanyahu"), **_stamps()),
    "gaps": Event(
        AUG, "Palestinian source: gaps with Israel and the US remain “very wide”", "statement",
        None,
        "The gaps between the Israeli and US positions on one side and Hamas's on the other "
        "require considerable work to reach a formula acceptable to all parties.",
        _ids(P, "hamas", "israel", "usa"), (), ("gaps",), _ids(S, "palestinian"),
        _id("event:gaps"), **_stamps()),
    "divisions": Event(
        AUG, "Divisions inside both negotiating camps", "other", None,
        "Disagreements within Israel's negotiation team over whether progress is feasible, "
        "even toward a partial agreement; on the Hamas side some internal voices are open to "
        "resuming talks for a limited deal.",
        _ids(P, "israel", "hamas"), _ids(I, "hostages"), ("internal debate", "partial deal"),
        _ids(S, "article"), _id("event:divisions"), **_stamps()),
    "demonstrations": Event(
        PartialDate(2025, 8, approximate=True),
        "Hamas calls for popular demonstrations in Egypt against Israel, angering Cairo",
        "statement", None,
        "The article calls it “recent” without a date; it sparked tensions between the "
        "movement and Egypt.",
        _ids(P, "hamas", "egypt"), (), ("Egypt–Hamas tensions",), _ids(S, "article"),
        _id("event:demonstrations"), **_stamps()),
    "cairo_visit": Event(
        AUG, "Hamas delegation led by Khalil al-Hayya to visit Cairo (planned)", "visit", None,
        "A short visit, not intended to resume direct negotiations but to resolve the recent "
        "tensions with Egypt.",
        _ids(P, "hamas", "egypt"), (), ("Egypt–Hamas tensions", "planned"), _ids(S, "article"),
        _id("event:cairo_visit"), **_stamps()),
}

# -- the proposal ----------------------------------------------------------------------
TERMS = {
    "hostages": "Release of all Israeli hostages, living and dead.",
    "prisoners": "Release of Palestinian prisoners, including security prisoners, in exchange.",
    "withdrawal": "A new Israeli withdrawal from Gaza under joint Arab–American supervision.",
    "disarmament": "Disarmament of Hamas, leading to a lasting resolution on disarmament.",
    "ceasefire": "An end to hostilities; parallel negotiations on a permanent ceasefire.",
    "governance": "A lasting resolution on the governance of Gaza.",
}
PROPOSAL = Proposal(
    AUG, "Egyptian–Qatari comprehensive initiative", ProposalStatus.PRESENTED,
    "A comprehensive settlement instead of partial, gradual agreements: all hostages, living "
    "and dead, released in exchange for an end to hostilities, Israeli withdrawal and the "
    "release of Palestinian prisoners. Drafted with Turkish support in full coordination with "
    "the United States; reported presented to Hamas.",
    _ids(P, "egypt", "qatar"), _ids(P, "israel", "hamas"),
    {I[k].id: v for k, v in TERMS.items()}, _ids(S, "kan", "article", "diplomatic"),
    _id("proposal:initiative"), **_stamps())


# -- positions --------------------------------------------------------------------------
def _pos(party: str, issue: str, stance: Stance, summary: str, sources: tuple[str, ...],
         date: PartialDate = AUG, detail: str = "", proposal: bool = False,
         event: str | None = None) -> Position:
    return Position(P[party].id, I[issue].id, date, stance, summary, detail,
                    _ids(S, *sources), PROPOSAL.id if proposal else None,
                    E[event].id if event else None, _id(f"position:{party}:{issue}:{date}"),
                    **_stamps())


NOT_REPORTED = "No position reported in the article."
POSITIONS = [
    # Israel: the earlier rounds were about partial, gradual deals (undated in the article).
    _pos("israel", "hostages", Stance.CONDITIONAL,
         "Pursued partial, gradual hostage-release agreements in earlier rounds.", ("article",),
         date=PartialDate(2025, approximate=True),
         detail="The article contrasts this round with “previous talks, which focused on "
         "partial and gradual agreements”; it does not date them."),
    _pos("israel", "hostages", Stance.DEMANDS,
         "All hostages, living and dead, in one comprehensive deal; no more partial solutions.",
         ("netanyahu", "article"), event="netanyahu",
         detail="Netanyahu hinted that Israel is no longer pursuing partial solutions."),
    _pos("israel", "prisoners", Stance.UNCLEAR,
         "No stated position; prisoner releases feature only in the mediators' plan.",
         ("article",)),
    _pos("israel", "withdrawal", Stance.UNCLEAR,
         "No stated position on withdrawal; the cabinet chose to take control of Gaza City.",
         ("article", "cabinet"), event="cabinet"),
    _pos("israel", "disarmament", Stance.DEMANDS,
         "Hamas to freeze its military wing and surrender its weapons, under international "
         "guarantees including Turkey's.", ("article",),
         detail="Listed “among Israel's conditions”."),
    _pos("israel", "ceasefire", Stance.UNCLEAR,
         "Aims to end the war quickly by taking Gaza; calls Hamas's terms “terms of "
         "surrender”.", ("netanyahu",), event="netanyahu"),
    _pos("israel", "governance", Stance.UNCLEAR, NOT_REPORTED, ("article",)),
    # Hamas: the article reports no stated position on any issue.
    _pos("hamas", "hostages", Stance.UNCLEAR,
         "Leadership position not reported; some internal voices open to a limited deal.",
         ("article",), event="divisions"),
    _pos("hamas", "prisoners", Stance.UNCLEAR, NOT_REPORTED, ("article",)),
    _pos("hamas", "withdrawal", Stance.UNCLEAR,
         "Its conditions are not detailed; Netanyahu dismissed them as “terms of surrender”.",
         ("article", "netanyahu")),
    _pos("hamas", "disarmament", Stance.UNCLEAR, NOT_REPORTED, ("article",)),
    _pos("hamas", "ceasefire", Stance.UNCLEAR,
         "Not reported; a Palestinian source says the gaps remain “very wide”.",
         ("palestinian",), event="gaps"),
    _pos("hamas", "governance", Stance.UNCLEAR, NOT_REPORTED, ("article",)),
]
# Egypt and Qatar put the initiative's terms on the table.
for mediator in ("egypt", "qatar"):
    for issue, term in TERMS.items():
        POSITIONS.append(_pos(mediator, issue, Stance.OFFERS, term, ("kan", "article"),
                              proposal=True))
for issue in TERMS:
    if issue == "disarmament":
        POSITIONS.append(_pos(
            "turkey", issue, Stance.UNCLEAR,
            "Named among the international guarantors of Hamas's disarmament in Israel's "
            "conditions; own position not reported.", ("article",)))
    else:
        POSITIONS.append(_pos(
            "turkey", issue, Stance.UNCLEAR,
            "Supports the Egyptian–Qatari initiative; no position on this issue reported.",
            ("article",)))
sources: tuple[str, ...]
for issue in TERMS:
    if issue == "withdrawal":
        summary = ("Would co-supervise an Israeli withdrawal under the mediators' plan; own "
                   "position not reported.")
        sources = ("kan",)
    else:
        summary = ("Coordinating with the mediators; a Palestinian source puts US positions "
                   "alongside Israel's.")
        sources = ("article", "palestinian")
    POSITIONS.append(_pos("usa", issue, Stance.UNCLEAR, summary, sources))

# -- the analyst's own gap assessments --------------------------------------------------
ASSESSMENTS = [
    Assessment(I["disarmament"].id, AUG, Gap.WIDE,
               "Israel demands Hamas surrender its weapons; Netanyahu calls Hamas's conditions "
               "“terms of surrender”; a Palestinian source calls the gaps “very wide”.",
               _id("assessment:disarmament"), **_stamps()),
    Assessment(I["hostages"].id, AUG, Gap.WIDE,
               "Israel now insists on all hostages in one deal, while only some Hamas voices "
               "are reported open, and only to a limited deal.",
               _id("assessment:hostages"), **_stamps()),
]

CASE = CaseData(
    info=CaseInfo(
        "Gaza: Egyptian–Qatari mediation, August 2025",
        "Demo case built by hand from one news article on the “last chance” negotiations "
        "between Israel and Hamas after the Israeli security cabinet's decision of 8 August "
        "2025. Dates the article does not give to the day are recorded with month precision.",
        "UNCLASSIFIED // DEMO DATA", "2025-08-20T12:00:00.000000+00:00"),
    parties=tuple(P.values()), issues=tuple(I.values()), sources=tuple(S.values()),
    events=tuple(E.values()), proposals=(PROPOSAL,), positions=tuple(POSITIONS),
    assessments=tuple(ASSESSMENTS),
)


def canonical_json() -> str:
    """The case as the app itself exports it (records in the store's order)."""
    import tempfile

    from negotiations_gui.store import CaseStore

    with tempfile.TemporaryDirectory() as folder, \
            CaseStore.create(Path(folder) / "demo.nego", CASE.info,
                             default_issues=False) as store:
        store.restore(CASE)
        return dump_case(store.export_data())


if __name__ == "__main__":
    out = Path(__file__).with_name("gaza_mediation_aug2025.json")
    out.write_text(canonical_json(), encoding="utf-8")
    print(f"wrote {out} ({CASE.record_count} records)")
