"""The bundled Noto fonts (`resources/fonts/`), registered once at start-up.

Registering them with Qt's font database makes the PDF exports look the same
on every machine: Latin, Arabic and Hebrew text and the stance symbols come
from these files, not from whatever the system happens to have. The app, the
command line and the test suite each call `register_bundled_fonts()` once a
QGuiApplication exists.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import RESOURCES

log = logging.getLogger(__name__)

FONT_DIR = RESOURCES / "fonts"

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

_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Add every bundled TTF to Qt's font database; return the families added.

    Needs a QGuiApplication. Safe to call more than once (later calls return
    the first result). A missing or unreadable file is logged, not fatal: Qt
    then falls back to system fonts.
    """
    global _registered
    if _registered is not None:
        return _registered
    families: set[str] = set()
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Could not load bundled font %s", path)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    _registered = sorted(families)
    return _registered


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
