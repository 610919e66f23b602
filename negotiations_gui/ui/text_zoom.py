"""View > Zoom In/Out/Actual Size: the whole window's text, as a share of the system size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .settings import UI_ZOOM_PERCENT, Settings

# the one range of the text size, in percent: View > Zoom steps within it and
# Preferences' "Text size" field offers it
ZOOM_MIN, ZOOM_MAX = 50, 300


class TextZoom:
    """Scales the application font from the size it had when made; applied at once."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.base_point_size = QApplication.font().pointSizeF()
        self.apply()

    def step(self, percent: int) -> None:
        """Larger or smaller by `percent` points of the zoom; 0 back to actual size."""
        zoom = 100 if percent == 0 else self.settings.get(UI_ZOOM_PERCENT) + percent
        self.settings.set(UI_ZOOM_PERCENT, max(ZOOM_MIN, min(ZOOM_MAX, zoom)))
        self.apply()

    def apply(self) -> None:
        """The saved zoom (as Preferences may have changed it)."""
        font = QApplication.font()
        font.setPointSizeF(self.base_point_size * self.settings.get(UI_ZOOM_PERCENT) / 100)
        QApplication.setFont(font)
