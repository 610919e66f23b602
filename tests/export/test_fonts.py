"""The bundled fonts: read from the package, and exports refused (with a reason) without them."""

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from negotiations_gui.export import fonts
from negotiations_gui.export.fonts import (
    FAMILIES,
    FONT_FILES,
    MissingFontsError,
    export_font,
    require_bundled_fonts,
)
from negotiations_gui.resources import FONT_LICENCE, FONTS, bundled, read_bytes
from negotiations_gui.ui.exports import ExportActions


def test_every_bundled_font_and_the_licence_ship_in_the_package():
    for name in FONT_FILES:
        assert read_bytes(FONTS, name)[:4] == b"\x00\x01\x00\x00", name  # a TrueType file
    assert "SIL OPEN FONT LICENSE" in bundled(*FONT_LICENCE).read_text(encoding="utf-8")


def test_every_family_the_exports_ask_for_is_registered(bundled_fonts):
    assert set(FAMILIES) <= set(bundled_fonts)
    require_bundled_fonts()  # does not raise
    for family in FAMILIES:
        assert QFontDatabase.hasFamily(family)
    assert QFontInfo(export_font(10)).family() == "Noto Sans"


@pytest.fixture
def arabic_missing(monkeypatch):
    """As after an installation that lost one font file."""
    monkeypatch.setattr(fonts, "_failed", ["NotoSansArabic-Regular.ttf"])


def test_a_missing_font_is_named_instead_of_falling_back(arabic_missing):
    with pytest.raises(MissingFontsError) as error:
        require_bundled_fonts()
    message = str(error.value)
    assert "NotoSansArabic-Regular.ttf" in message and "Reinstall" in message
    assert "Arabic and Hebrew text would be lost" in message


def test_the_window_refuses_pdf_exports_and_printing_without_them(arabic_missing, case,
                                                                   qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    from negotiations_gui.domain import PartialDate
    from negotiations_gui.ui import prompts
    from negotiations_gui.ui.case_state import CaseState
    from negotiations_gui.ui.settings import Settings

    warnings = []
    monkeypatch.setattr(prompts, "warn", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(prompts, "save_path", lambda *_a: pytest.fail("no file is asked for"))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.store, window.state = case, CaseState(PartialDate(2025, 8, 20), parent=window)
    window.shown_store = case  # what the views show (the main window's: as known on K)
    window.settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    actions = ExportActions(window)
    assert actions.export_snapshot() is None
    assert actions.export_brief(markdown=False) is None
    assert actions.print_snapshot() is False
    assert len(warnings) == 3
    assert all("Nothing was exported" in w and "NotoSansArabic" in w for w in warnings)
