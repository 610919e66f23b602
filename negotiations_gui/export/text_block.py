"""Wrapped text measured once and drawn line by line.

A `TextBlock` breaks plain text into lines at a given width with Qt's text
layout (which shapes Arabic and orders right-to-left text), so that a grid
cell or a paragraph knows its exact height before anything is drawn, and a
page break can fall between any two lines: text is never cut or overflows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

from ..domain import palette
from ..domain.bidi import isolate
from .page import reference_device

_LINE_SEPARATOR = "\u2028"


@dataclass
class TextLine:
    """One laid-out line: where it sits in its block and how to draw it."""

    layout: QTextLayout
    index: int
    top: float
    height: float
    colour: QColor
    # ids of the sources whose footnote marks are on this line
    source_ids: tuple[str, ...] = ()

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def shift(self, dy: float) -> None:
        """Move the line down by `dy` (the QTextLine too: it draws from its own position)."""
        self.top += dy
        _move(self, dy)

    def draw(self, painter: QPainter, origin: QPointF) -> None:
        """Draw at `origin` + this line's own offset (origin is the block's top-left)."""
        painter.setPen(self.colour)
        self.layout.lineAt(self.index).draw(painter, QPointF(origin.x(), origin.y()))


@dataclass
class TextBlock:
    """Paragraphs of one font and colour, wrapped to `width` layout units."""

    lines: list[TextLine] = field(default_factory=list)
    width: float = 0.0

    @property
    def height(self) -> float:
        return self.lines[-1].bottom if self.lines else 0.0

    @classmethod
    def wrap(cls, text: str, font: QFont, width: float, *, colour: str | QColor = palette.BLACK,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
             source_ids: Sequence[str] = (), top: float = 0.0,
             tight: bool = False, direction: Qt.LayoutDirection | None = None) -> TextBlock:
        """Lay `text` out in lines no wider than `width`.

        Each paragraph ("\\n"-separated) takes its direction from its first strong
        character, so an Arabic or Hebrew paragraph reads right to left and is
        aligned to the right. `source_ids` are carried by the block's last line
        (where its footnote marks are written). `tight` measures lines by the
        main font's descent, for lines whose only other glyphs are symbols.
        `direction` overrides the per-paragraph detection (for English sentences
        that merely start with an Arabic or Hebrew name).
        """
        block = cls(width=width)
        pen = QColor(colour)
        descent = QFontMetricsF(font, reference_device()).descent() if tight else 0.0
        y = top
        for paragraph in (text or "").split("\n"):
            base = direction if direction is not None else paragraph_direction(paragraph)
            option = QTextOption(_visual(align, base))
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            option.setTextDirection(base)
            layout = QTextLayout(paragraph, font, reference_device())
            layout.setTextOption(option)
            layout.setCacheEnabled(True)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                line.setPosition(QPointF(0.0, y))
                height = line.height()
                if tight:  # symbol fonts' deep descents would leave a gap under the line
                    height = min(height, line.ascent() + descent)
                block.lines.append(TextLine(layout, line.lineNumber(), y, height, pen))
                y += height
            layout.endLayout()
        if block.lines and source_ids:
            block.lines[-1].source_ids = tuple(source_ids)
        return block


def paragraph_direction(text: str) -> Qt.LayoutDirection:
    """Right to left when the first strongly directional character is Arabic or Hebrew."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return Qt.LayoutDirection.LeftToRight


def _visual(align: Qt.AlignmentFlag, direction: Qt.LayoutDirection) -> Qt.AlignmentFlag:
    """A plain left alignment means "where the paragraph starts": right, for Arabic/Hebrew."""
    if (direction == Qt.LayoutDirection.RightToLeft
            and align == Qt.AlignmentFlag.AlignLeft):
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
    return align


def stack(blocks: Iterable[TextBlock], gap: float = 0.0) -> list[TextLine]:
    """The lines of several blocks one under another, `gap` apart, tops shifted."""
    lines: list[TextLine] = []
    y = 0.0
    for block in blocks:
        if not block.lines:
            continue
        if lines:
            y += gap
        shift = y - block.lines[0].top
        for line in block.lines:
            line.shift(shift)
            lines.append(line)
        y = lines[-1].bottom
    return lines


def _move(line: TextLine, shift: float) -> None:
    """Keep the QTextLine's own position in step with `top` (it draws from it)."""
    if shift:
        qt_line = line.layout.lineAt(line.index)
        position = qt_line.position()
        qt_line.setPosition(QPointF(position.x(), position.y() + shift))


def draw_lines(painter: QPainter, lines: Sequence[TextLine], origin: QPointF,
               first: int = 0, last: int | None = None) -> None:
    """Draw lines[first:last] so that lines[first] sits at origin.y."""
    chosen = lines[first:last]
    if not chosen:
        return
    lift = chosen[0].top
    for line in chosen:
        line.draw(painter, QPointF(origin.x(), origin.y() - lift))


ELLIPSIS = "…"


def wrap_within(text: str, font: QFont, width: float, max_lines: int, mark: str,
                **options) -> tuple[TextBlock, bool]:
    """`text` wrapped to at most `max_lines` lines: cut at a word where it can be,
    ended with "…" and `mark` (which says where the full text is) when it is too
    long. Returns the block and whether the text was shortened.

    The kept text is a bidi isolate, so an unclosed override in it cannot turn
    the ellipsis and the mark around.
    """
    block = TextBlock.wrap(text, font, width, **options)
    if len(block.lines) <= max_lines:
        return block, False
    flat = " ".join(text.split())
    shown = sum(line.layout.lineAt(line.index).textLength() + 1
                for line in block.lines[:max_lines])

    def shortened(count: int) -> TextBlock:
        return TextBlock.wrap(_cut(flat, count, mark), font, width, **options)

    low, high = 0, min(len(flat), shown)  # the longest kept prefix that fits is in here
    while low < high:
        middle = (low + high + 1) // 2
        if len(shortened(middle).lines) <= max_lines:
            low = middle
        else:
            high = middle - 1
    space = flat.rfind(" ", 0, low + 1)
    if space > low * 0.8:  # end on a whole word unless that loses much
        low = space
    return shortened(low), True


def _cut(text: str, count: int, mark: str) -> str:
    kept = text[:count].rstrip()
    return f"{isolate(kept + ELLIPSIS)}\u00a0{mark}" if kept else f"{ELLIPSIS}\u00a0{mark}"
