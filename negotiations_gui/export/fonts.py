"""The bundled Noto fonts (`negotiations_gui/resources/fonts/`), registered once at start-up.

Registering them with Qt's font database makes the PDF exports look the same
on every machine: Latin, Arabic and Hebrew text and the stance symbols come
from these files, not from whatever the system happens to have, so a machine
with no fonts at all still exports complete PDFs. The app, the command line
and the test suite each call `register_bundled_fonts()` once a QGuiApplication
exists; every PDF export first calls `require_bundled_fonts()`, which says
which are missing instead of letting Qt fall back silently to system fonts.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import FONTS, ResourceMissing, bundled, read_bytes

log = logging.getLogger(__name__)

# Every file the package ships, with the family it provides (listed, not globbed,
# so that a file missing from an installation is noticed).
FONT_FILES = {
    "NotoSans-Regular.ttf": "Noto Sans",
    "NotoSans-Bold.ttf": "Noto Sans",
    "NotoSansArabic-Regular.ttf": "Noto Sans Arabic",
    "NotoSansArabic-Bold.ttf": "Noto Sans Arabic",
    "NotoSansHebrew-Regular.ttf": "Noto Sans Hebrew",
    "NotoSansHebrew-Bold.ttf": "Noto Sans Hebrew",
    "NotoSansSymbols2-Regular.ttf": "Noto Sans Symbols2",
    "NotoSansMath-Regular.ttf": "Noto Sans Math",
}

# Tried in this order for every character: Qt takes the first family that has
# the glyph, so Latin comes from Noto Sans, Arabic and Hebrew from their own
# families, and the symbols of stances and gaps from Symbols2 or Math.
FAMILIES = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Symbols2",
    "Noto Sans Math",
)


class MissingFontsError(Exception):
    """Bundled fonts that could not be loaded: exports would lose text, so none is made."""

    def __init__(self, files: list[str]):
        self.files = files
        super().__init__(
            "the bundled fonts needed for PDF exports are missing or unreadable ("
            + ", ".join(files) + f" in {bundled(FONTS)}); without them Arabic and Hebrew "
            "text would be lost. Reinstall negotiations-gui "
            "(pip install --force-reinstall negotiations-gui).")


_registered: list[str] | None = None
_failed: list[str] = []


def register_bundled_fonts() -> list[str]:
    """Add every bundled TTF to Qt's font database; return the families added.

    Needs a QGuiApplication. Safe to call more than once (later calls return
    the first result). A missing or unreadable file is logged here, and
    `require_bundled_fonts()` refuses exports until it is there: the window
    itself works with system fonts.
    """
    global _registered
    if _registered is not None:
        return _registered
    families: set[str] = set()
    for name in FONT_FILES:
        try:
            data = read_bytes(FONTS, name)
        except ResourceMissing:
            font_id = -1
        else:
            font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            log.info("Could not load the bundled font %s", name)
            _failed.append(name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    _registered = sorted(families)
    return _registered


def require_bundled_fonts() -> None:
    """Register the fonts if needed; raise `MissingFontsError` naming any that failed."""
    register_bundled_fonts()
    if _failed:
        raise MissingFontsError(list(_failed))


def export_font(point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font over the bundled families, unhinted so layout scales exactly."""
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setItalic(italic)
    # No hinting: text measured at one resolution keeps its line breaks at another
    # (the on-screen preview and the PDF then paginate alike).
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    # No "fi"/"fl" ligatures: a ligature glyph extracts as U+FB01, so searching a
    # PDF for "Ceasefire" would miss it. Arabic's required ligatures ("rlig") stay.
    font.setFeature(QFont.Tag("liga"), 0)
    return font
