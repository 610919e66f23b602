"""User text shown as typed: the one place that makes tooltips, HTML and labels plain.

Qt renders a string as rich text whenever it merely looks like HTML
(`Qt::mightBeRichText`), in tooltips and in labels left on `Qt.AutoText`:
"<b>x</b>" typed by an analyst would show bold, and "<img src=...>" would load.
Everything that puts user text on screen goes through these helpers.

User text put into a sentence the window makes ("Delete party X?", the window
title, a tooltip) goes in through `isolate`, so that a name ending in Arabic or
holding an unclosed right-to-left override (U+202E) cannot turn the words
around it backwards: the name is laid out on its own, the sentence keeps its order.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.bidi import isolate

__all__ = ["escape_lines", "isolate", "plain_label", "plain_tooltip"]


def escape_lines(text: str | None) -> str:
    """`text` escaped for an HTML document, its line breaks kept as <br>."""
    return html.escape(text or "").replace("\n", "<br>")


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows `text` literally, line breaks kept; "" (no tooltip) for no text."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{escape_lines(text)}</p>"


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A label that shows `text` literally, never as rich text."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label
