"""Wrapping a cell's summary: never cut mid-word without an ellipsis."""

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from negotiations_gui.ui.grid.delegate import wrap_text


@pytest.fixture
def font(qapp):
    return QFont(qapp.font())


def test_short_text_is_one_line(font):
    assert wrap_text("Phased release", font, 400, 3) == ["Phased release"]


def test_wraps_at_word_boundaries_and_keeps_every_word(font):
    text = "Release of all Israeli hostages living and dead in one comprehensive deal"
    width = QFontMetrics(font).horizontalAdvance("Release of all Israeli")
    lines = wrap_text(text, font, width, 10)
    assert len(lines) > 1
    assert " ".join(lines) == text
    for line in lines:
        assert QFontMetrics(font).horizontalAdvance(line) <= width


def test_too_long_text_ends_with_an_ellipsis_after_a_whole_word(font):
    text = " ".join(f"word{n}" for n in range(60))
    width = QFontMetrics(font).horizontalAdvance("word10 word11 word12")
    lines = wrap_text(text, font, width, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    shown_words = " ".join(lines)[:-1].split()
    assert all(w in text.split() for w in shown_words)  # no word cut in half
    for line in lines:
        assert QFontMetrics(font).horizontalAdvance(line) <= width


def test_newlines_and_runs_of_spaces_collapse(font):
    assert wrap_text("a\n\nb   c", font, 400, 2) == ["a b c"]


def test_nothing_to_draw(font):
    assert wrap_text("", font, 100, 3) == []
    assert wrap_text("text", font, 100, 0) == []
