"""`RecordForm`: a dialog whose OK button stays disabled until every field is valid.

Each field gets a line under it saying in words what is wrong ("End date is
before start date"). Enter accepts (OK is the default button), Esc cancels,
Tab walks the fields in the order they are shown; multi-line boxes pass Tab on
instead of typing it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .fields import ChecklistField, DateField, ErrorLabel

Check = Callable[[], str]


class RecordForm(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._checks: list[tuple[ErrorLabel, Check]] = []
        self._focus_order: list[QWidget] = []

    # -- building -------------------------------------------------------------------------

    def add_field(self, label: str, widget: QWidget, check: Check | None = None) -> QWidget:
        """Add a row; `check()` returns "" when valid or a message shown under the field."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        if check is not None:
            error = ErrorLabel(holder)
            column.addWidget(error)
            self._checks.append((error, check))
        self.form.addRow(caption, holder)
        self._focus_order.append(widget)
        self._watch(widget)
        return widget

    def line(self, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        return edit

    def text_box(self, text: str = "", height: int = 80) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setPlainText(text)
        box.setTabChangesFocus(True)
        box.setFixedHeight(height)
        return box

    def finish(self) -> None:
        """Call at the end of a subclass's __init__: fixes tab order and validates."""
        chain = [*self._focus_order, self.ok_button,
                 self.buttons.button(QDialogButtonBox.Cancel)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if self._focus_order:
            self._focus_order[0].setFocus()
        self.revalidate()

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(self.revalidate)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.revalidate)
            if widget.isEditable():
                widget.editTextChanged.connect(self.revalidate)
        elif isinstance(widget, (DateField, ChecklistField)):
            widget.changed.connect(self.revalidate)

    # -- validation -----------------------------------------------------------------------

    def problems(self) -> list[str]:
        return [message for _, check in self._checks if (message := check())]

    def revalidate(self, *_args) -> None:
        valid = True
        for error, check in self._checks:
            message = check()
            error.show_problem(message)
            valid = valid and not message
        self.ok_button.setEnabled(valid)

    def accept(self) -> None:
        if self.problems():  # Enter with OK disabled must not slip through
            return
        super().accept()


def required(widget: QLineEdit, what: str) -> Check:
    return lambda: "" if widget.text().strip() else f"{what} is needed."


def unique_name(widget: QLineEdit, taken: set[str], what: str) -> Check:
    """A name must be given and differ (ignoring case) from the other records'."""
    taken_folded = {t.casefold() for t in taken}

    def check() -> str:
        text = widget.text().strip()
        if not text:
            return f"{what} is needed."
        if text.casefold() in taken_folded:
            return f"There is already one named “{text}”."
        return ""

    return check
