"""`PositionCellDelegate`: paints one grid cell the way a briefing reads it.

Top line: the stance symbol and word in bold (so the cell reads in grayscale
and for colour-blind readers; the colour only reinforces it) and the source
badge on the right. Then the summary, wrapped at word boundaries and, when it
does not fit, cut at the end of a word with an ellipsis (the tooltip holds it
all). Bottom line: the position's date, and a "CHANGED" tag when the cell
moved since the compare-with date, which also gets a heavy frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain import grid_text
from ...domain.palette import LIGHT, Scheme
from ..theme import window_scheme
from .model import GridRole

# what Qt hands a delegate: either kind of index
Index = QModelIndex | QPersistentModelIndex

PADDING = 6
DIMMED_OPACITY = 0.28


@dataclass(frozen=True)
class _Inks:
    """A scheme's grid colours as QColors, made once per scheme."""

    ink: QColor
    muted: QColor
    change: QColor
    change_text: QColor
    selection: QColor
    group_rule: QColor
    cell_rule: QColor
    empty: QColor
    hatch: QColor
    badge_ground: QColor


@lru_cache(maxsize=2)
def _inks(scheme: Scheme) -> _Inks:
    return _Inks(QColor(scheme.ink), QColor(scheme.muted_ink), QColor(scheme.change_mark),
                 QColor(scheme.change_mark_text), QColor(scheme.selection),
                 QColor(scheme.group_rule), QColor(scheme.cell_rule), QColor(scheme.empty_fill),
                 QColor(scheme.empty_hatch), QColor(*scheme.badge_ground))


def wrap_text(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """Lines of `text` wrapped at word boundaries to `width`.

    When more than `max_lines` would be needed, the last line ends with an
    ellipsis instead of being cut mid-word.
    """
    text = " ".join(text.split())
    if not text or width <= 0 or max_lines <= 0:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[start:start + length].strip() for start, length in spans]
    if len(lines) <= max_lines:
        return lines
    last_start = spans[max_lines - 1][0]
    metrics = QFontMetrics(font)
    rest = text[last_start:].strip()
    # cut at a word boundary, then let Qt add the ellipsis where it fits
    fitted = metrics.elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)
    if not fitted.endswith("…"):
        fitted = fitted.rstrip() + "…"
    return lines[:max_lines - 1] + [_cut_at_word(fitted)]


def _cut_at_word(line: str) -> str:
    """"Hamas will not disarm unl…" → "Hamas will not disarm …"."""
    body = line[:-1]
    if body.endswith(" ") or " " not in body:
        return body.rstrip() + "…"
    return body[:body.rfind(" ")].rstrip() + " …"


class PositionCellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.cell_size = QSize(210, 112)
        self._inks = _inks(LIGHT)  # the window's scheme, read again at each paint

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.cell_size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self._inks = _inks(window_scheme())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRect(option.rect)
        if index.data(GridRole.DIMMED):
            painter.setOpacity(DIMMED_OPACITY)
        background = index.data(Qt.ItemDataRole.BackgroundRole) or self._inks.empty
        painter.fillRect(rect, background)
        kind = index.data(GridRole.KIND)
        if kind == "empty":
            painter.fillRect(rect, QBrush(self._inks.hatch, Qt.BrushStyle.BDiagPattern))
        inner = rect.adjusted(PADDING, PADDING - 2, -PADDING, -PADDING + 2)
        base = QFont(option.font)
        if kind == "gap":
            self._paint_gap(painter, inner, index, base)
        elif kind == "empty":
            self._paint_empty(painter, inner, index, base)
        else:
            self._paint_position(painter, inner, index, base)
        painter.setOpacity(1.0)
        self._paint_rules(painter, rect, index)
        # frames on the cell's edge, clear of the text: black when changed, blue when selected
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or index.data(GridRole.CHANGED):
            inks = self._inks
            pen = QPen(inks.selection if selected else inks.change, 3 if selected else 2)
            if not selected and index.data(GridRole.CHANGE_TAG) == "REWORDED":
                pen.setStyle(Qt.PenStyle.DashLine)  # only the words moved
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = pen.widthF() / 2
            painter.drawRect(QRectF(rect).adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.restore()

    # -- parts -------------------------------------------------------------------

    def _paint_position(self, painter: QPainter, inner: QRect, index: Index,
                        base: QFont) -> None:
        bold, small = styled(base, bold=True), styled(base, smaller=True)
        bold_metrics, base_metrics, small_metrics = (
            QFontMetrics(bold), QFontMetrics(base), QFontMetrics(small))
        badge = index.data(GridRole.SOURCE_BADGE) or ""
        badge_width = self._paint_badge(painter, inner, badge, small) if badge else 0
        painter.setPen(self._inks.ink)
        painter.setFont(bold)
        head_rect = QRect(inner.left(), inner.top(), inner.width() - badge_width - 4,
                          bold_metrics.height())
        painter.drawText(head_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextSingleLine,
                         bold_metrics.elidedText(index.data(GridRole.STANCE_TEXT) or "",
                                                 Qt.TextElideMode.ElideRight, head_rect.width()))
        footer_height = small_metrics.height()
        if index.data(GridRole.CHANGE_TAG) == "CHANGED":  # one line for what it held before
            footer_height += small_metrics.lineSpacing()
        top = head_rect.bottom() + 3
        room = inner.bottom() - footer_height - 2 - top
        max_lines = max(room // base_metrics.lineSpacing(), 0)
        painter.setFont(base)
        for n, line in enumerate(wrap_text(index.data(GridRole.SUMMARY) or "", base,
                                           inner.width(), max_lines)):
            y = top + n * base_metrics.lineSpacing()
            painter.drawText(QRect(inner.left(), y, inner.width(), base_metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, line)
        self._paint_footer(painter, inner, index, small, index.data(GridRole.DATE_TEXT) or "")

    def _paint_footer(self, painter: QPainter, inner: QRect, index: Index, small: QFont,
                      date: str) -> None:
        """The date, and on a changed cell its NEW/CHANGED tag and what it held before."""
        metrics = QFontMetrics(small)
        footer = QRect(inner.left(), inner.bottom() - metrics.height(), inner.width(),
                       metrics.height())
        painter.setFont(small)
        # on a stance fill every word is in the full ink: muted grey is too faint there
        on_fill = index.data(GridRole.KIND) == "position"
        painter.setPen(self._inks.ink if on_fill else self._inks.muted)
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         date)
        if index.data(GridRole.DISPUTED):
            taken = self._paint_dispute_tag(painter, footer, small)
            footer = footer.adjusted(0, 0, -taken, 0)
        tag = index.data(GridRole.CHANGE_TAG) or ""
        if not tag:
            return
        self._paint_change_tag(painter, footer, small, tag)
        if tag == "CHANGED":
            italic = styled(small, italic=True)
            painter.setFont(italic)
            painter.setPen(self._inks.ink)
            line = footer.translated(0, -metrics.lineSpacing())
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(italic).elidedText(
                                 index.data(GridRole.PREVIOUS_TEXT) or "",
                                 Qt.TextElideMode.ElideRight, line.width()))

    def _paint_empty(self, painter: QPainter, inner: QRect, index: Index,
                     base: QFont) -> None:
        painter.setFont(styled(base, italic=True))
        painter.setPen(self._inks.muted)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         grid_text.NO_POSITION)
        if index.data(GridRole.CHANGED):  # a position recorded then, none now
            self._paint_footer(painter, inner, index, styled(base, smaller=True), "")

    def _paint_gap(self, painter: QPainter, inner: QRect, index: Index,
                   base: QFont) -> None:
        bold, small = styled(base, bold=True), styled(base, smaller=True)
        italic = styled(small, italic=True)
        bold_metrics, small_metrics = QFontMetrics(bold), QFontMetrics(small)
        painter.setPen(self._inks.ink)
        painter.setFont(bold)
        head = QRect(inner.left(), inner.top(), inner.width(), bold_metrics.height())
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine,
                         index.data(GridRole.GAP_LABEL) or "")
        top = head.bottom() + 3
        painter.setFont(italic)
        painter.setPen(self._inks.muted)
        by_analyst = bool(index.data(GridRole.GAP_BY_ANALYST))
        whose = "Analyst's assessment" if by_analyst else "By the stance rule"
        painter.drawText(QRect(inner.left(), top, inner.width(), small_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, whose)
        changed = bool(index.data(GridRole.CHANGED))
        if changed:  # the tag and "was ○ Wide" at the foot
            self._paint_footer(painter, inner, index, small, "")
        note = index.data(GridRole.GAP_NOTE) or ""
        if by_analyst and note:
            top += small_metrics.lineSpacing() + 2
            room = inner.bottom() - top - (2 * small_metrics.lineSpacing() if changed else 0)
            painter.setFont(small)
            painter.setPen(self._inks.ink)
            lines = wrap_text(note, small, inner.width(), room // small_metrics.lineSpacing())
            for n, line in enumerate(lines):
                painter.drawText(QRect(inner.left(), top + n * small_metrics.lineSpacing(),
                                       inner.width(), small_metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, line)

    def _paint_badge(self, painter: QPainter, inner: QRect, badge: str, font: QFont) -> int:
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(badge) + 8
        box = QRectF(inner.right() - width, inner.top() + 1, width, metrics.height() + 2)
        painter.setPen(QPen(self._inks.ink, 1))
        painter.setBrush(self._inks.badge_ground)
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
        return width

    def _paint_dispute_tag(self, painter: QPainter, footer: QRect, font: QFont) -> int:
        """A "≠ DISPUTED" badge at the foot, right: analysts' positions for this date
        differ. Black on white in a heavy frame, so it reads on every stance colour and
        in grayscale (light on dark in the dark scheme); returns the room it took."""
        bold = styled(font, bold=True)
        metrics = QFontMetrics(bold)
        width = metrics.horizontalAdvance(grid_text.DISPUTE_TAG) + 8
        box = QRectF(footer.right() - width, footer.top() - 1, width, footer.height() + 2)
        painter.setPen(QPen(self._inks.change, 1.5))
        painter.setBrush(self._inks.change_text)
        painter.drawRect(box.adjusted(0.75, 0.75, -0.75, -0.75))
        painter.setFont(bold)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, grid_text.DISPUTE_TAG)
        return width + 4

    def _paint_change_tag(self, painter: QPainter, footer: QRect, font: QFont, word: str) -> None:
        """A solid "▲ CHANGED" / "▲ NEW" badge; an outlined "△ REWORDED" when only the
        wording moved, so a change of stance stands apart from a change of words."""
        reworded = word == "REWORDED"
        tag = f"{grid_text.REWORD_MARK if reworded else grid_text.CHANGE_MARK} {word}"
        bold = styled(font, bold=True)
        metrics = QFontMetrics(bold)
        width = metrics.horizontalAdvance(tag) + 8
        box = QRectF(footer.right() - width, footer.top() - 1, width, footer.height() + 2)
        mark, ground = self._inks.change, self._inks.change_text
        painter.setPen(QPen(mark, 1) if reworded else Qt.PenStyle.NoPen)
        painter.setBrush(ground if reworded else mark)
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5) if reworded else box)
        painter.setPen(mark if reworded else ground)
        painter.setFont(bold)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tag)

    def _paint_rules(self, painter: QPainter, rect: QRect, index: Index) -> None:
        """Thin cell borders, and a heavy rule where a new group of parties starts."""
        painter.setPen(QPen(self._inks.cell_rule, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if index.data(GridRole.GROUP_START):
            transposed = getattr(index.model(), "transposed", False)
            painter.setPen(QPen(self._inks.group_rule, 3))
            if transposed:
                painter.drawLine(QPointF(rect.left(), rect.top() + 1.5),
                                 QPointF(rect.right() + 1, rect.top() + 1.5))
            else:
                painter.drawLine(QPointF(rect.left() + 1.5, rect.top()),
                                 QPointF(rect.left() + 1.5, rect.bottom() + 1))


def styled(font: QFont, *, bold: bool = False, italic: bool = False,
           smaller: bool = False) -> QFont:
    """A copy of `font`, bold, italic or smaller (85 %, never under 6 pt) as asked."""
    copy = QFont(font)
    if bold:
        copy.setBold(True)
    if italic:
        copy.setItalic(True)
    if smaller:
        copy.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
    return copy
