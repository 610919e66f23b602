"""The what-changed brief, as Markdown and as PDF, from the same content."""

import datetime as dt
import io

import pypdf

from negotiations_gui.domain.bidi import visible
from negotiations_gui.domain.revisions import known_on_words
from negotiations_gui.export import pdf_bytes
from negotiations_gui.export.brief_content import BlockKind, build_brief
from negotiations_gui.export.brief_markdown import brief_markdown, escape
from negotiations_gui.export.brief_pdf import brief_document

from ..dates import d
from .conftest import ARABIC_PARTY, HEBREW_PARTY, MARKING, TITLE, folded, has_words

GENERATED = dt.datetime(2026, 11, 25, 1, 30, tzinfo=dt.UTC)


def brief_of(store, since="2025-08-05", until="2025-08-20"):
    return build_brief(store, d(since), d(until))


def test_the_brief_lists_changes_per_issue_proposals_and_events(case):
    brief = brief_of(case)
    items = [(b.kind, visible(b.text)) for b in brief.blocks]
    assert (BlockKind.SUBHEADING, "Hostages") in items
    assert (BlockKind.ITEM,
            f"{HEBREW_PARTY}: Demands, 1 Aug 2025 → Conditional, 12 Aug 2025") in items
    # Hamas's position is dated "Aug 2025", which counts as on or before 5 Aug: not a change
    assert (BlockKind.SUBHEADING, "Prisoners") not in items
    assert (BlockKind.NOTE, ("No change of stance on: Prisoners, Withdrawal, Disarmament, "
                             "Ceasefire, Governance.")) in items
    assert (BlockKind.ITEM, ("10 Aug 2025 · Cairo framework (Presented); proposed by Egypt; "
                             f"to {HEBREW_PARTY}, {ARABIC_PARTY}")) in items
    assert (BlockKind.DETAIL, "Hostages: All at once") in items
    assert (BlockKind.ITEM, (f"8 Aug 2025 · Decision: Cabinet decides on Gaza City "
                             f"({HEBREW_PARTY})")) in items
    # Egypt's offer of 3 Aug is before the window: not a change
    assert not any("Egypt:" in text for _, text in items)


def test_a_quiet_period_says_so(case):
    brief = brief_of(case, "2025-08-16", "2025-08-20")
    notes = [visible(b.text) for b in brief.blocks if b.kind is BlockKind.NOTE]
    assert notes == ["No party changed its stance in this period.",
                     "No position changed in this period.", "No proposal in this period.",
                     "No event recorded in this period."]


def test_markdown_has_the_same_content_escaped(case):
    text = visible(brief_markdown(brief_of(case), generated=GENERATED))
    assert text.startswith(f"**{MARKING}**")
    assert text.rstrip().endswith(f"**{MARKING}**")
    assert f"# {escape(TITLE)}" in text
    assert "## What changed: 5 Aug 2025 → 20 Aug 2025" in text
    assert f"- {HEBREW_PARTY}: Demands, 1 Aug 2025 → Conditional, 12 Aug 2025 [1][2]" in text
    assert "### Positions as of 20 Aug 2025 (changes since 5 Aug 2025)" in text
    assert f"| Issue | {HEBREW_PARTY} | {ARABIC_PARTY} | Egypt | Gap |" in text
    # user text never turns into emphasis or HTML
    assert r"Phased release acceptable if \*all\* are named \<b\>first\</b\>" in text
    assert "<b>" not in text
    assert "- [1] A1 — Completely reliable, confirmed by other sources: Cable 42" in text
    # stamped with the moment it is as known on (the last change), not when it was made
    assert f"_{known_on_words(case.known_on_stamp())}_" in text
    # and the exact moment, for --known-on, where a reader does not see it
    assert f"<!-- as known on {case.known_on_stamp()} -->" in text


def test_escape_keeps_table_cells_on_one_line():
    assert escape("a | b\nc") == r"a \| b c"


def test_pdf_brief_then_the_grid_with_marking_on_every_page(case):
    document = brief_document(brief_of(case), generated=GENERATED)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    pages = [p.extract_text().replace("\t", " ") for p in reader.pages]
    assert len(pages) == document.page_count >= 2
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) == 2
        assert f"Page {number} of {len(pages)}" in text
    # pypdf breaks lines where the font changes (at "→"): compare without whitespace
    first = folded(pages[0])
    assert folded("What changed: 5 Aug 2025 → 20 Aug 2025") in first
    assert folded("Position changes") in first and "Keyevents" in folded("".join(pages))
    assert folded("Demands, 1 Aug 2025 → Conditional, 12 Aug 2025") in first
    # the sources are listed once, after the grid, not at the foot of every page
    whole = [folded(page) for page in pages]
    assert sum(page.count(folded("A1 — Completely reliable")) for page in whole) == 1
    assert folded("A1 — Completely reliable") in whole[-1]
    assert folded("Sources (Admiralty grade") in whole[-1]
    grid = next(n for n, page in enumerate(pages) if "Positions as of 20 Aug 2025" in page)
    assert 0 < grid < len(pages) - 1 and has_words(pages[grid], ARABIC_PARTY)
