"""Grids wider or taller than a page: repeated headers, nothing cut or lost."""

import io
import re

import pypdf

from negotiations_gui.domain import Issue, Party, PartyRole, Position, Source, Stance
from negotiations_gui.export import pdf_bytes, snapshot_document
from negotiations_gui.export.footnotes import FootnoteArea, SourceNumbers
from negotiations_gui.export.page import PageGeometry
from negotiations_gui.export.snapshot import snapshot_frame
from negotiations_gui.export.snapshot_layout import grid_pages

from ..dates import d
from .conftest import has_words

AS_OF = d("2025-08-20")


def texts(store, as_of=AS_OF):
    document = snapshot_document(store.grid_snapshot(as_of), store.case_info())
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    return [p.extract_text().replace("\t", " ") for p in reader.pages]


def add_parties(store, count, arabic_every=0):
    parties = []
    names = iter(["طرف باء", "طرف جيم", "طرف دال", "طرف هاء"])
    for n in range(count):
        name = f"Party {n:02d}" if not arabic_every or n % arabic_every else next(names)
        role = PartyRole.PRINCIPAL if n < 2 else PartyRole.MEDIATOR
        parties.append(store.add_party(Party(name, role=role, sort_order=n)))
    return parties


def test_a_wide_grid_continues_across_pages_with_the_issue_column_repeated(store):
    parties = add_parties(store, 14, arabic_every=5)
    issue = store.issues()[0]
    for party in parties:
        store.add_position(Position(party.id, issue.id, d("2025-08-01"), Stance.OFFERS,
                                    f"Offer by {party.name}"))
    pages = texts(store)
    assert len(pages) >= 3
    for text in pages:
        assert "Issue" in text
        for issue in store.issues():
            assert issue.name in text, "the issue column repeats on every page"
    for party in parties:
        holding = [n for n, text in enumerate(pages)
                   if (party.name in text if party.name.startswith("Party")
                       else has_words(text, party.name))]
        assert len(holding) == 1, f"{party.name} is on exactly one page"
    # parties in order, left to right then page by page; the gap column comes last
    first_page = [n for n, text in enumerate(pages) if "Party 01" in text]
    last_page = [n for n, text in enumerate(pages) if "Party 13" in text]
    assert first_page == [0] and last_page == [len(pages) - 1]
    # the legend names every gap once; the gap column adds one per issue without a reading
    assert pages[0].count("Unknown") == 1
    assert pages[-1].count("Unknown") == 1 + 5 and "Narrowing" in pages[-1]


def test_a_tall_grid_repeats_the_party_header_row_on_every_page(store):
    parties = add_parties(store, 3)
    for n in range(40):
        issue = store.add_issue(Issue(f"Topic {n:02d}", sort_order=10 + n))
        for party in parties:
            store.add_position(Position(party.id, issue.id, d("2025-08-02"), Stance.DEMANDS,
                                        f"Demand {n} of {party.name}, spelled out at some "
                                        "length so that the row takes several lines."))
    pages = texts(store)
    assert len(pages) > 2
    for text in pages:
        for party in parties:
            assert party.name in text
    whole = "\n".join(pages)
    for n in range(40):
        assert whole.count(f"Topic {n:02d}") == 1


def test_a_cell_taller_than_a_page_is_split_between_lines_never_cut(store):
    parties = add_parties(store, 2)
    issue = store.issues()[0]
    words = [f"w{n:04d}" for n in range(2500)]
    store.add_position(Position(parties[0].id, issue.id, d("2025-08-01"), Stance.ACCEPTS,
                                " ".join(words)))
    pages = texts(store)
    assert len(pages) > 1
    # whitespace dropped: pypdf's heuristics now and then break a line inside a word
    found = re.findall(r"w\d{4}", "".join("".join(pages).split()))
    assert found == words, "every word, once, in order"
    # the continued row keeps its issue label and header row on each page
    for text in pages:
        if re.search(r"w\d{4}", text):
            assert issue.name in text and parties[0].name in text


def test_no_page_overflows_its_content_area(store):
    """Rows, header row and footnotes together stay inside the frame, on every page."""
    parties = add_parties(store, 9)
    sources = [store.add_source(Source(f"Report {n} " + "with a long title " * 4, "Outlet",
                                       d("2025-08"), "", "C", 3)) for n in range(12)]
    for n, issue in enumerate(store.issues()):
        for m, party in enumerate(parties):
            store.add_position(Position(
                party.id, issue.id, d("2025-08-01"), Stance.CONDITIONAL,
                "Conditions " * (5 + 7 * ((n + m) % 4)),
                source_ids=(sources[(n + m) % 12].id, sources[(n * m) % 12].id)))
    snapshot = store.grid_snapshot(AS_OF)
    sources_by_id = {s.id: s for s in sources}
    numbers = SourceNumbers(sources_by_id)
    geometry = PageGeometry()
    footnotes = FootnoteArea(numbers, geometry.body.width())
    frame = snapshot_frame(geometry, store.case_info(), snapshot, footnotes, "Generated now")
    pages = grid_pages(snapshot, numbers, footnotes, frame.content)
    assert len(pages) > 2
    for page in pages:
        used = page.header_height + sum(p.height for p in page.pieces)
        assert used + footnotes.height(page.source_ids) <= frame.content.height() + 1e-6
        assert page.pieces, "no empty pages"
