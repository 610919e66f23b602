"""A 10,000-character case title, party or issue name (issue 12): every grid page
still shows rows, the name is shortened with "…" and a mark, and the full text
is in a note (a footnote, or the end of the document when it is too long for one).

Qt writes one text operation per glyph and pypdf reads them slowly, so each
document is built and read once for the module.
"""

import io
import re

import pypdf
import pytest

from negotiations_gui.domain import CaseInfo, Issue, Party, PartyRole, Position, Stance
from negotiations_gui.export import pdf_bytes, snapshot_document
from negotiations_gui.export.brief_content import build_brief
from negotiations_gui.export.brief_pdf import brief_document
from negotiations_gui.export.flow import FULL_TEXTS_TITLE
from negotiations_gui.store import CaseStore

from ..dates import d
from .conftest import folded

WORDS = " ".join(f"Coordination{n:04d}" for n in range(700))[:10_000]
UNBROKEN = "Ü" * 10_000  # a title or name with no space to break at
LONG_ISSUE = "Ö" * 3_000
MEDIUM = "The Coordinating Committee of " + " and ".join(f"Member {n}" for n in range(25))


def _case(path, title, party, issue):
    store = CaseStore.create(path, CaseInfo(title, marking="TEST MARKING"))
    parties = [store.add_party(Party(party, "LONG", PartyRole.PRINCIPAL, "#1f77b4", 0)),
               store.add_party(Party(MEDIUM, "CC", PartyRole.MEDIATOR, "#2ca02c", 1)),
               store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR, "#ff7f0e", 2))]
    store.add_issue(Issue(issue, sort_order=50))
    for party in parties:
        for issue in store.issues():
            store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS,
                                        "Row text"))
    store.add_position(Position(parties[0].id, store.issues()[0].id, d("2025-08-12"),
                                Stance.ACCEPTS, "Moved"))
    return store


def _read(document):
    """Each page's text, having checked that no text starts off its page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        origins = []

        def visit(text, cm, tm, font, size, origins=origins):
            if text.strip():
                origins.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                                tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        texts.append(page.extract_text(visitor_text=visit).replace("\t", " "))
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert origins
        assert all(0 <= x < width and 0 <= y < height for x, y in origins), \
            f"text drawn off page {number}"
    return texts


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    """A title of 10,000 letters with no space, a party name of 10,000 characters in
    words, an issue name of 3,000 letters: the document and its pages' text."""
    store = _case(tmp_path_factory.mktemp("long") / "long.nego", UNBROKEN, WORDS, LONG_ISSUE)
    document = snapshot_document(store.grid_snapshot(d("2025-08-20"), d("2025-08-05")),
                                 store.case_info())
    store.close()
    return document, _read(document)


@pytest.fixture(scope="module")
def brief_texts(tmp_path_factory):
    store = _case(tmp_path_factory.mktemp("brief") / "long.nego", WORDS, "Jordan", "Short issue")
    brief = build_brief(store, d("2025-08-05"), d("2025-08-20"))
    store.close()
    return _read(brief_document(brief))


def _grid_pages(texts):
    """The pages before the notes at the end."""
    return texts[:next(n for n, t in enumerate(texts) if FULL_TEXTS_TITLE in t)]


def _count_in_full(texts, long):
    """How many times `long` is there in full, read across page breaks (where the
    page's header and footer come between its lines)."""
    whole = folded("\n".join(texts))
    if " " not in long:
        return whole.count(long[0]) // len(long)
    return min(whole.count(folded(word)) for word in long.split())


def test_every_grid_page_shows_rows_under_a_shortened_title(snapshot):
    _, texts = snapshot
    grid = _grid_pages(texts)
    assert grid and len(grid) < len(texts), "the long texts follow the grid"
    for text in grid:
        assert "Row text" in text and "Offers" in text, "grid rows on every grid page"
        assert "Hostages" in text or "ÖÖÖ" in text, "with their row labels"
        assert re.search(r"ÜÜÜ…\s*\[a\]", text), "the title is shortened and marked"
        assert "[a] Case title shortened (10,000 characters): given in full at the end" in text


def test_long_names_are_given_in_full_in_notes(snapshot):
    _, texts = snapshot
    grid = _grid_pages(texts)
    assert "[b] Party name shortened (10,000 characters)" in grid[0]
    assert "Issue name shortened (3,000 characters)" in "\n".join(grid)
    assert _count_in_full(texts, UNBROKEN) >= 1
    assert _count_in_full(texts, WORDS) >= 1
    assert _count_in_full(texts, LONG_ISSUE) >= 1
    # a name short enough for a footnote is given there, on the page that shortens it
    assert folded(f"Party name in full: {MEDIUM}") in folded(grid[0])


def test_the_header_stays_within_its_bounded_height(snapshot):
    document, _ = snapshot
    frame, page = document.pages[0]
    assert len(frame.title.lines) == 3
    assert frame.content.height() > 0.6 * document.geometry.body.height()
    for column in page.columns:  # name up to 4 lines, role and short name up to 2
        assert len(column.header.lines) <= 6
    assert page.pieces, "rows under the header on the first page"


def test_the_brief_pdf_with_long_names_stays_on_its_pages(brief_texts):
    texts = brief_texts
    assert any("Moved" in t for t in texts), "the brief's own text is there"
    grid = [t for t in texts if "Row text" in t]
    assert grid and all("Hostages" in t for t in grid)
    assert all(re.search(r"…\s*\[a\]", t) for t in texts), "the title shortened on every page"
    assert any(FULL_TEXTS_TITLE in t for t in texts)
    assert _count_in_full(texts, WORDS) >= 1, "the title in full"
    listed = folded("\n".join(texts)).replace("•", "")  # the list's bullets read in anywhere
    assert folded(f"Party name in full: {MEDIUM}") in listed
