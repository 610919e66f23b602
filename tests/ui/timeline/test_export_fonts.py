"""The timeline's PDF and PNG: drawn in the bundled Noto fonts only, or refused with a reason.

The window's own font is whatever the system offers (here: made DejaVu Sans, as
on a machine without Noto); the exported timeline must not depend on it.
"""

import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFont, QGuiApplication

from negotiations_gui.domain import Event, PartialDate, Party, PartyRole
from negotiations_gui.export import fonts
from negotiations_gui.ui import prompts
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.timeline import TimelineView, style, text_cache
from negotiations_gui.ui.timeline.export import save_pdf, save_png

ARABIC, HEBREW = "حركة حماس", "מדינת ישראל"
BUNDLED = {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold",
           "NotoSansHebrew-Regular", "NotoSansHebrew-Bold", "NotoSansSymbols2-Regular",
           "NotoSansMath-Regular"}


def _clear_font_caches() -> None:
    for cached in (style.ui_font, style.metrics, style.text_width, text_cache.static_text,
                   text_cache._elided):
        cached.cache_clear()


@pytest.fixture
def system_font_not_noto():
    """The application font of a machine whose UI font is not Noto (DejaVu Sans here)."""
    before = QGuiApplication.font()
    QGuiApplication.setFont(QFont("DejaVu Sans", 9))
    _clear_font_caches()
    yield
    QGuiApplication.setFont(before)
    _clear_font_caches()


@pytest.fixture
def rtl_view(qtbot, store, system_font_not_noto):
    hamas = store.add_party(Party(ARABIC, "HAM", PartyRole.PRINCIPAL, "#2ca02c", 0))
    israel = store.add_party(Party(HEBREW, "ISR", PartyRole.PRINCIPAL, "#1f77b4", 1))
    store.add_event(Event(PartialDate.parse("2025-08-05"), f"{ARABIC} statement", "statement",
                          party_ids=(hamas.id,)))
    store.add_event(Event(PartialDate.parse("2025-08-12"), f"{HEBREW} cabinet", "meeting",
                          party_ids=(israel.id,)))
    view = TimelineView(store, CaseState(PartialDate.parse("2025-08-15")))
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def _embedded_fonts(reader: PdfReader) -> set[str]:
    return {str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
            for page in reader.pages for font in page["/Resources"]["/Font"].values()}


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _extracts(text: str, phrase: str) -> bool:
    # right-to-left words may extract in visual order: either way round is the word
    return all(_folded(w) in text or _folded(w)[::-1] in text for w in phrase.split())


def test_the_timeline_pdf_embeds_only_the_bundled_fonts(tmp_path, rtl_view):
    path = tmp_path / "timeline.pdf"
    save_pdf(rtl_view, str(path), whole=True)
    reader = PdfReader(str(path))
    embedded = _embedded_fonts(reader)
    assert embedded <= BUNDLED, embedded - BUNDLED
    assert {"NotoSans-Regular", "NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= embedded
    text = _folded(reader.pages[0].extract_text())
    assert _extracts(text, ARABIC) and _extracts(text, HEBREW)
    assert "statement" in text and "cabinet" in text


@pytest.fixture
def arabic_missing(monkeypatch):
    """As after an installation that lost one font file."""
    monkeypatch.setattr(fonts, "_failed", ["NotoSansArabic-Regular.ttf"])


def test_without_the_bundled_fonts_nothing_is_exported(tmp_path, rtl_view, arabic_missing):
    for save, name in ((save_pdf, "t.pdf"), (save_png, "t.png")):
        with pytest.raises(fonts.MissingFontsError):
            save(rtl_view, str(tmp_path / name))
        assert not (tmp_path / name).exists()


def test_the_window_says_why_the_timeline_was_not_exported(rtl_view, arabic_missing, monkeypatch):
    warnings = []
    monkeypatch.setattr(prompts, "save_path", lambda *_a: pytest.fail("no file is asked for"))
    monkeypatch.setattr(prompts, "warn", lambda _parent, _title, text: warnings.append(text))
    rtl_view._export("pdf", whole=True)
    rtl_view._export("png", whole=False)
    assert len(warnings) == 2
    assert all("Nothing was exported" in w and "NotoSansArabic" in w for w in warnings)
