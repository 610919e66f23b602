"""Wrapped text: measured lines that never overflow, RTL paragraphs from the right."""

from PySide6.QtCore import Qt

from negotiations_gui.export.fonts import export_font
from negotiations_gui.export.page import pt
from negotiations_gui.export.text_block import TextBlock, paragraph_direction, stack

from .conftest import ARABIC_SUMMARY, HEBREW_SUMMARY


def qt_line(line):
    return line.layout.lineAt(line.index)


def test_lines_never_exceed_the_width_and_stack_without_gaps():
    width = pt(90)
    block = TextBlock.wrap("A long sentence about withdrawal lines and monitoring. " * 8 +
                           "\n" + "Unbreakable" * 30, export_font(8), width)
    assert len(block.lines) > 5
    for line in block.lines:
        assert qt_line(line).naturalTextWidth() <= width + 0.01
    for above, below in zip(block.lines, block.lines[1:]):
        assert below.top == above.bottom
    assert block.height == block.lines[-1].bottom


def test_direction_follows_the_first_strong_character():
    assert paragraph_direction(ARABIC_SUMMARY) == Qt.LayoutDirection.RightToLeft
    assert paragraph_direction(HEBREW_SUMMARY) == Qt.LayoutDirection.RightToLeft
    assert paragraph_direction("2025: " + HEBREW_SUMMARY) == Qt.LayoutDirection.RightToLeft
    assert paragraph_direction("Israel: " + HEBREW_SUMMARY) == Qt.LayoutDirection.LeftToRight
    assert paragraph_direction("") == Qt.LayoutDirection.LeftToRight


def test_right_to_left_paragraphs_end_at_the_right_edge():
    width = pt(200)
    arabic = TextBlock.wrap(ARABIC_SUMMARY, export_font(8), width).lines[0]
    latin = TextBlock.wrap("Ceasefire", export_font(8), width).lines[0]
    assert abs(qt_line(arabic).naturalTextRect().right() - width) < pt(1)
    assert qt_line(latin).naturalTextRect().left() < pt(1)


def test_stacked_blocks_keep_their_order_and_gap():
    first = TextBlock.wrap("one", export_font(8), pt(100))
    second = TextBlock.wrap("two\nthree", export_font(8), pt(100), source_ids=("s1",))
    lines = stack([first, second], gap=pt(2))
    assert len(lines) == 3
    assert lines[1].top == lines[0].bottom + pt(2)
    assert [line.source_ids for line in lines] == [(), (), ("s1",)]
    assert abs(qt_line(lines[2]).position().y() - lines[2].top) < 0.05  # Qt keeps 1/64ths
