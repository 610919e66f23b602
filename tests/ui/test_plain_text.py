"""The one plain-text helper: whatever the user typed comes back as typed."""

import pytest
from PySide6.QtGui import QTextDocument

from negotiations_gui.ui.plain_text import escape_lines, plain_label, plain_tooltip

TYPED = ["<b>x</b>", "<img src=\"file:///etc/passwd\">", "a & b <i>c", "two\nlines", "«ok» 😀",
         "&lt;already escaped&gt;", "<p style='color:red'>styled</p>"]


def rendered(html: str) -> str:
    """What Qt shows for `html`, as text (a <br> reads back as a line break)."""
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText().replace("\u2028", "\n")


@pytest.mark.parametrize("text", TYPED)
def test_a_tooltip_renders_back_to_the_text_typed(text):
    assert rendered(plain_tooltip(text)) == text


@pytest.mark.parametrize("text", TYPED)
def test_escaped_lines_render_back_to_the_text_typed(text):
    assert rendered(escape_lines(text)) == text


def test_no_text_gives_no_tooltip():
    assert plain_tooltip("") == "" and plain_tooltip(None) == ""


@pytest.mark.parametrize("text", TYPED)
def test_a_label_shows_the_text_typed(qtbot, text):
    label = plain_label(text)
    qtbot.addWidget(label)
    assert label.text() == text
    assert label.textFormat().name == "PlainText"
