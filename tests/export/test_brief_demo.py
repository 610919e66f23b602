"""The demo's "what changed" brief as a briefing officer reads it (issue 14 item 13):
the bottom line first, only real changes of stance, sources once; the Markdown
checked by a CommonMark parser, not by eye."""

import io

import pypdf
import pytest
from markdown_it import MarkdownIt

from negotiations_gui.demo import demo_copy
from negotiations_gui.domain import PartialDate
from negotiations_gui.domain.bidi import visible
from negotiations_gui.export.brief_content import BlockKind, build_brief
from negotiations_gui.export.brief_markdown import brief_markdown
from negotiations_gui.export.brief_pdf import brief_document
from negotiations_gui.store import CaseStore

from .test_brief import pdf_bytes

D = PartialDate.parse


@pytest.fixture(scope="module")
def demo_brief(tmp_path_factory):
    store = CaseStore.open(demo_copy(tmp_path_factory.mktemp("demo")))
    try:
        yield build_brief(store, D("2025-07-31"), D("2025-08-08"))
    finally:
        store.close()


def test_the_brief_leads_with_the_bottom_line(demo_brief):
    blocks = [(b.kind, visible(b.text)) for b in demo_brief.blocks]
    assert blocks[0] == (BlockKind.HEADING, "Summary")
    summary = [text for kind, text in blocks[1:4]]
    assert summary[0].startswith("Issues that moved: Hostages")
    assert summary[1].startswith("Who moved: Israel (")
    assert summary[2].startswith("Gap changes: ") or summary[2] == "No gap changed."


def test_only_real_changes_are_listed_and_unclear_firsts_are_folded(demo_brief):
    items = [visible(b.text) for b in demo_brief.blocks if b.kind is BlockKind.ITEM]
    assert not [t for t in items if "no recorded position → ? Unclear" in t
                or "no recorded position → Unclear" in t]
    notes = [visible(b.text) for b in demo_brief.blocks if b.kind is BlockKind.NOTE]
    folded = [n for n in notes if n.startswith("First recorded, stance unclear: ")]
    # one line per issue at most, naming the parties
    assert 1 <= len(folded) <= 6
    assert any("Hamas" in n for n in folded)


def test_the_pdf_brief_is_short_and_lists_its_sources_once(demo_brief):
    document = brief_document(demo_brief)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    pages = ["".join(p.extract_text().split()) for p in reader.pages]
    grid = next(n for n, page in enumerate(pages) if "Positionsasof8Aug2025" in page)
    assert grid <= 3 and len(pages) <= 6  # the brief's text took 5 pages of 7
    title = "Sources(Admiraltygrade"
    assert [n for n, page in enumerate(pages) if title in page] == [len(pages) - 1]


def _blocks_outside_lists(tokens):
    """The text of every paragraph that is not inside a list item."""
    depth, found = 0, []
    for n, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "paragraph_open" and depth == 0:
            found.append(tokens[n + 1].content)
    return found


def test_markdown_notes_stand_outside_the_lists_in_commonmark(demo_brief):
    text = visible(brief_markdown(demo_brief))
    tokens = MarkdownIt("commonmark").parse(text)
    outside = _blocks_outside_lists(tokens)
    notes = [visible(b.text) for b in demo_brief.blocks if b.kind is BlockKind.NOTE]
    assert notes
    for note in notes:  # each note is a paragraph of its own, not a bullet's continuation
        assert any(note.replace("’", "'") in p.replace("\\", "").replace("’", "'")
                   for p in outside), note
    headings = [tokens[n + 1].content for n, t in enumerate(tokens)
                if t.type == "heading_open" and t.tag == "h3"]
    assert headings[:4] == ["Summary", "Position changes", "Proposals presented or answered",
                            "Key events"]
    # the details are lists nested in their item, not paragraphs of their own
    nested = [t for t in tokens if t.type == "bullet_list_open" and t.level > 0]
    assert nested
