"""The grid snapshot PDF, read back with pypdf."""

import datetime as dt
import io

import pypdf
import pytest

from negotiations_gui.domain import Stance, palette
from negotiations_gui.export import Paper, page_image, pdf_bytes, snapshot_document

from ..dates import d
from .conftest import (
    ARABIC_PARTY,
    ARABIC_SUMMARY,
    HEBREW_PARTY,
    HEBREW_SUMMARY,
    MARKING,
    TITLE,
    folded,
    has_words,
)

GENERATED = dt.datetime(2026, 11, 25, 1, 30, tzinfo=dt.UTC)


def export(store, as_of="2025-08-20", since="2025-08-05", paper=Paper.A4):
    snapshot = store.grid_snapshot(d(as_of), d(since) if since else None)
    document = snapshot_document(snapshot, store.case_info(), paper, generated=GENERATED)
    return document, pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))


def page_texts(reader):
    """Each page's text; pypdf reads Qt's word spaces as tabs, so those become spaces."""
    return [page.extract_text().replace("\t", " ") for page in reader.pages]


def test_header_marking_and_page_numbers_on_every_page(case):
    document, reader = export(case)
    texts = page_texts(reader)
    assert len(reader.pages) == document.page_count >= 1
    for number, text in enumerate(texts, start=1):
        assert text.count(MARKING) == 2, "marking at the top and at the bottom"
        assert TITLE in text
        assert "Positions as of 20 Aug 2025" in text
        assert "changes since 5 Aug 2025" in text
        assert f"Page {number} of {len(texts)}" in text
        assert "Generated 25 Nov 2026 01:30 UTC" in text


def test_every_party_issue_and_stance_is_text(case):
    _, reader = export(case)
    text = "\n".join(page_texts(reader))
    for party in case.parties():
        assert has_words(text, party.name), party.name
    for issue in case.issues():
        assert issue.name in text
    # the stance is a word, not only a colour: it survives grayscale printing
    for stance in (Stance.CONDITIONAL, Stance.RED_LINE, Stance.OFFERS):
        assert stance.label in text
    assert "No recorded position" in text
    assert "Changed since 5 Aug 2025; was: Demands, 1 Aug 2025" in text
    assert "Wide (analyst)" in text and "Both sides dug in." in text


def test_arabic_and_hebrew_names_and_summaries_are_extractable(case):
    _, reader = export(case)
    text = "\n".join(page_texts(reader))
    for phrase in (ARABIC_PARTY, HEBREW_PARTY, ARABIC_SUMMARY):
        assert has_words(text, phrase), phrase
    # the Hebrew summary is the earlier position: shown only in an older snapshot
    _, older = export(case, as_of="2025-08-02", since=None)
    assert has_words("\n".join(page_texts(older)), HEBREW_SUMMARY)


def test_fonts_are_the_bundled_noto_embedded(case):
    _, reader = export(case)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSansArabic" in f for f in fonts)
    assert any("NotoSansHebrew" in f for f in fonts)
    assert any("NotoSans-" in f for f in fonts)


def test_sources_are_footnoted_with_their_grades(case):
    _, reader = export(case)
    text = "\n".join(page_texts(reader))
    # pypdf reads the isolated title and outlet (bidi isolates) as runs of their own,
    # with line breaks between: the words are compared without whitespace
    flat = folded(text)
    assert folded("A1 — Completely reliable, confirmed by other sources: Cable 42") in flat
    assert folded("(Embassy Cairo, 12 Aug 2025)") in flat
    assert folded("B2 — Usually reliable, probably true: Evening report") in flat
    assert folded("F6 — Reliability cannot be judged, truth cannot be judged: Rumour mill") in flat
    # the cell carries the numbers its footnotes have
    assert "[1]" in text and "[3]" in text


def test_sources_keep_one_number_each(case):
    document, reader = export(case)
    text = "\n".join(page_texts(reader))
    assert text.count("] A1 — Completely reliable") == document.page_count == 1


@pytest.mark.parametrize("paper, size", [(Paper.A4, (842, 595)), (Paper.LETTER, (792, 612))])
def test_pages_are_landscape_in_the_chosen_paper(case, paper, size):
    _, reader = export(case, paper=paper)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_page_one_renders_to_a_png_that_is_not_blank(case, tmp_path):
    document, _ = export(case)
    image = page_image(document, 0, dpi=72)
    path = tmp_path / "page1.png"
    assert image.save(str(path))
    from PySide6.QtGui import QImage

    loaded = QImage(str(path))
    assert loaded.width() == 842 and loaded.height() == 595
    colours = {loaded.pixel(x, y) for y in range(0, 595, 3) for x in range(0, 842, 3)}
    assert len(colours) > 20, "text, rules and stance colours drawn"
    # the Conditional stance colour fills a cell
    assert any(QImage(loaded).pixelColor(x, y).name() == palette.stance_fill(Stance.CONDITIONAL)
               for y in range(0, 595, 2) for x in range(0, 842, 2))


def test_an_empty_case_still_exports_one_page(store):
    snapshot = store.grid_snapshot(d("2025-08-20"))
    document = snapshot_document(snapshot, store.case_info(), generated=GENERATED)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(document)))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "TEST" in text and "Hostages" in text and "Gap" in text
