"""User text cannot turn the brief's generated sentences backwards (issue 12)."""

from negotiations_gui.domain import PartialDate, Party, PartyRole, Position, Stance
from negotiations_gui.domain.bidi import FSI, PDI
from negotiations_gui.export.brief_content import BlockKind, build_brief
from negotiations_gui.export.brief_markdown import brief_markdown

HOSTILE = "Egypt\u202e"  # an unclosed right-to-left override


def _brief(store):
    party = store.add_party(Party(HOSTILE, role=PartyRole.MEDIATOR))
    issue = store.issues()[0]
    for day, stance in (("2025-08-01", Stance.DEMANDS), ("2025-08-10", Stance.ACCEPTS)):
        store.add_position(Position(party.id, issue.id, PartialDate.parse(day), stance))
    return build_brief(store, PartialDate.parse("2025-08-05"), PartialDate.parse("2025-08-20"))


def test_names_in_generated_sentences_are_isolated(store):
    brief = _brief(store)
    items = [b.text for b in brief.blocks if b.kind is BlockKind.ITEM]
    assert f"{FSI}{HOSTILE}{PDI}: Demands, 1 Aug 2025 → Accepts, 10 Aug 2025" in items
    assert f"{FSI}{HOSTILE}{PDI}: Demands" in brief_markdown(brief)
