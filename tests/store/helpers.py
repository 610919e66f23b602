"""Small builders for store tests."""

from negotiations_gui.domain import Party, PartyRole, Position, Stance

from ..dates import d


def two_principals(store):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL, sort_order=0))
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, sort_order=1))
    return israel, hamas


def position(store, party, issue, date, stance=Stance.UNCLEAR, summary="", **kw):
    return store.add_position(Position(party.id, issue.id, d(date), stance, summary, **kw))
