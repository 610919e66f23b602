"""Which colours the window draws with: the light scheme or the dark one.

The desktop decides: a dark application palette (a dark system theme, or
Fusion with a dark palette) gets `palette.DARK`, anything else `palette.LIGHT`.
Asked at paint time, so a change of desktop theme shows at the next repaint.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

from ..domain.palette import DARK, LIGHT, Scheme


def window_scheme() -> Scheme:
    """DARK when the application palette's window colour is dark, else LIGHT."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightnessF() < 0.5 else LIGHT
