"""Entry widgets shared by the forms: partial dates, check lists, tags, error labels.

All user text is shown as plain text: labels are set to Qt.PlainText and list
items hold strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ...domain import DateError, PartialDate, Precision, palette
from ..date_text import read_typed_date
from ..plain_text import plain_label

DATE_PLACEHOLDER = "2025-08-12, 12 Aug 2025, Aug 2025 or 2025 (~ for approximate)"


class ErrorLabel(QLabel):
    """The message shown under a field when its value is wrong.

    Its line is reserved even when empty, so a message coming or going never
    moves the fields below it under the pointer.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {palette.PROBLEM};")
        self.setMinimumHeight(self.fontMetrics().height())

    def show_problem(self, message: str) -> None:
        self.setText(message)


class DateField(QWidget):
    """A partial date typed as text, with its precision and "circa" beside it.

    It reads what `read_typed_date` reads ("2025-08-12", "12 Aug 2025",
    "Aug 2025", "~2025"), the same forms as the toolbar's date fields.

    What is typed decides the precision ("2025-08" is a month); the precision
    box can then only narrow it (a day to its month, a month to its year), never
    invent a day, and "c." marks a date the source hedges (a leading "~").
    Both follow the text, so keyboard entry needs only the text; they take
    focus by click, keeping Tab moving from field to field.

    `date()` is the parsed PartialDate or None (empty or invalid);
    `problem()` says in words what is wrong, "" when nothing is.
    """

    changed = Signal()

    def __init__(self, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(DATE_PLACEHOLDER)
        self.edit.setClearButtonEnabled(optional)
        self.precision_combo = QComboBox(self)
        for precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
            self.precision_combo.addItem(precision.label.capitalize(), int(precision))
        self.precision_combo.setToolTip("How much of the date is known (narrows what is typed)")
        self.approximate_box = QCheckBox("c.", self)
        self.approximate_box.setToolTip("Approximate: the source hedges the date")
        for widget in (self.precision_combo, self.approximate_box):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reading = plain_label("", self)
        self.reading.setMinimumWidth(90)
        self.reading.setStyleSheet("color: palette(mid);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.precision_combo)
        layout.addWidget(self.approximate_box)
        layout.addWidget(self.reading)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text)
        self.precision_combo.activated.connect(self._precision_chosen)
        self.approximate_box.clicked.connect(self._approximate_chosen)
        self._on_text(self.edit.text())

    def set_date(self, date: PartialDate | None) -> None:
        self.edit.setText(str(date) if date else "")

    def text(self) -> str:
        return self.edit.text()

    def date(self) -> PartialDate | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return read_typed_date(text)
        except DateError:
            return None

    def valid_date(self) -> PartialDate:
        """The date of a field that must have one, once the form has checked it."""
        date = self.date()
        if date is None:
            raise ValueError(f"not a valid date: {self.edit.text()!r} (the form was not checked)")
        return date

    def problem(self) -> str:
        text = self.edit.text().strip()
        if not text:
            return "" if self.optional else "A date is needed."
        try:
            read_typed_date(text)
        except DateError as exc:
            return str(exc)
        return ""

    def _precision_chosen(self, _index: int) -> None:
        date = self.date()
        if date is None:
            return
        chosen = Precision(self.precision_combo.currentData())
        if chosen < date.precision:
            self.set_date(date.with_precision(chosen))
        else:  # nothing to narrow, and a day is never invented: show what the text says
            self._on_text(self.edit.text())

    def _approximate_chosen(self, checked: bool) -> None:
        date = self.date()
        if date is not None and date.approximate != checked:
            self.set_date(dataclasses.replace(date, approximate=checked))

    def _on_text(self, _text: str) -> None:
        date = self.date()
        for widget in (self.precision_combo, self.approximate_box):
            widget.setEnabled(date is not None)
        if date is not None:
            self.precision_combo.setCurrentIndex(
                self.precision_combo.findData(int(date.precision)))
            self.approximate_box.setChecked(date.approximate)
        self.reading.setText(date.display if date else "")
        self.changed.emit()


class ChecklistField(QListWidget):
    """Pick any number of records by ticking them (Space toggles the current one)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setMaximumHeight(130)
        # ticks carry the choice; a highlighted row would read as "chosen"
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_choices(self, choices: Iterable[tuple[str, str]], checked: Iterable[str] = ()) -> None:
        """`choices`: (id, plain-text label) pairs."""
        checked = set(checked)
        self.blockSignals(True)
        self.clear()
        for record_id, label in choices:
            item = QListWidgetItem(str(label))
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if record_id in checked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)
        if self.count():
            self.setCurrentRow(0)

    def checked_ids(self) -> tuple[str, ...]:
        return tuple(self.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.count())
                     if self.item(n).checkState() == Qt.CheckState.Checked)

    def set_checked(self, record_id: str, on: bool = True) -> None:
        for n in range(self.count()):
            if self.item(n).data(Qt.ItemDataRole.UserRole) == record_id:
                self.item(n).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Space and item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)


def parse_tags(text: str) -> tuple[str, ...]:
    """"ceasefire, Cairo talks" -> ("ceasefire", "Cairo talks"): trimmed, no duplicates."""
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
