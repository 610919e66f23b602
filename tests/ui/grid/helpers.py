"""Building small cases for the grid tests: two principals, a mediator, a guarantor."""

from dataclasses import dataclass

from negotiations_gui.domain import (
    Assessment,
    Gap,
    Issue,
    Party,
    PartyRole,
    Position,
    Stance,
)
from negotiations_gui.store import CaseStore

from ...dates import d


@dataclass
class GridCase:
    store: CaseStore
    israel: Party
    hamas: Party
    egypt: Party
    turkey: Party
    hostages: Issue
    prisoners: Issue
    disarmament: Issue

    def add(self, party: Party, issue: Issue, date: str, stance: Stance, summary: str = "",
            **fields) -> Position:
        return self.store.add_position(
            Position(party.id, issue.id, d(date), stance, summary or f"{stance.label} {date}",
                     **fields))


def make_grid_case(store: CaseStore) -> GridCase:
    # mediator added first and guarantor second: the grid must still put principals first
    egypt = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, sort_order=0))
    turkey = store.add_party(Party("Turkey", "TUR", PartyRole.GUARANTOR, sort_order=1))
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL, sort_order=2))
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, sort_order=3))
    issues = {i.name: i for i in store.issues()}
    return GridCase(store, israel, hamas, egypt, turkey, issues["Hostages"],
                    issues["Prisoners"], issues["Disarmament"])


def analyst_view(store: CaseStore, issue: Issue, date: str, gap: Gap, note: str) -> Assessment:
    return store.add_assessment(Assessment(issue.id, d(date), gap, note))
