"""`RecordForm`: a dialog that says what is wrong before it lets OK through.

Each field gets a line under it, reserved so nothing moves, saying in words
what is wrong ("End date is before start date"): shown once the field has
been edited, or for every field when OK is pressed with a problem left (OK
then focuses the first field to fix). Nothing is shown before anything is
typed. Enter accepts (OK is the default button), Esc cancels,
Tab walks the fields in the order they are shown; multi-line boxes pass Tab on
instead of typing it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
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

W = TypeVar("W", bound=QWidget)  # a field's widget, handed back as its own type

Check = Callable[[], str]


class RecordForm(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._checks: list[tuple[ErrorLabel, Check, QWidget]] = []
        self._focus_order: list[QWidget] = []
        self._edited: set[int] = set()  # ids of the fields the user has changed
        self._ok_pressed = False

    # -- building -------------------------------------------------------------------------

    def add_field(self, label: str, widget: W, check: Check | None = None) -> W:
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
            self._checks.append((error, check, widget))
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
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if self._focus_order:
            self._focus_order[0].setFocus()
        self.revalidate()

    def _watch(self, widget: QWidget) -> None:
        def edited(*_args) -> None:
            self._edited.add(id(widget))
            self.revalidate()

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(edited)
            widget.textChanged.connect(self.revalidate)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(edited)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(edited)
            widget.currentIndexChanged.connect(self.revalidate)
            if widget.isEditable():
                widget.editTextChanged.connect(edited)
        elif isinstance(widget, DateField):
            widget.edit.textEdited.connect(edited)
            widget.changed.connect(self.revalidate)
        elif isinstance(widget, ChecklistField):
            widget.changed.connect(edited)

    # -- validation -----------------------------------------------------------------------

    def problems(self) -> list[str]:
        return [message for _, check, _widget in self._checks if (message := check())]

    def shown_problems(self) -> list[str]:
        """The messages on screen now (a field not yet edited shows none until OK)."""
        return [error.text() for error, _check, _widget in self._checks if error.text()]

    def revalidate(self, *_args) -> None:
        for error, check, widget in self._checks:
            # a list with nothing to choose from ("Add a party first.") is said at once
            nothing_to_choose = isinstance(widget, QComboBox) and widget.count() == 0
            shown = self._ok_pressed or id(widget) in self._edited or nothing_to_choose
            error.show_problem(check() if shown else "")

    def accept(self) -> None:
        if self.problems():  # say what is wrong, everywhere, and go to the first field
            self._ok_pressed = True
            self.revalidate()
            first = next(w for _e, check, w in self._checks if check())
            first.setFocus(Qt.FocusReason.OtherFocusReason)
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
