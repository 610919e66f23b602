"""The grid's toolbar: Transpose, Changes only, Fit to window, the Parties / Issues
show-or-hide menus, Copy, and the grid's own compare-with field.

The field sets the shared compare-with date and follows it; a date it cannot
read, or one after the as-of date, turns it red with the reason in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QToolBar, QToolButton, QWidget

from ...domain import DateError, PartialDate, parse_optional
from ..case_state import CaseState
from ..date_input import PROBLEM_FIELD_STYLE
from . import menus
from .model import PositionGridModel

COMPARE_TIP = ("Mark the cells that changed since this date "
               "(2025, 2025-08 or 2025-08-08); empty for none")


class GridToolbar(QToolBar):
    """The actions act on `model` (Copy is the view's to connect); the field on `state`."""

    def __init__(self, model: PositionGridModel, state: CaseState, parent: QWidget):
        super().__init__("Grid")
        self.setObjectName("gridToolbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._state = state
        self.transpose_action = QAction("Transpose", parent, checkable=True)
        self.transpose_action.setToolTip("Swap rows and columns: parties down, issues across")
        self.transpose_action.toggled.connect(model.set_transposed)
        self.changes_only_action = QAction("Changes only", parent, checkable=True)
        self.changes_only_action.setToolTip(
            "Dim the cells that did not change since the compare-with date")
        self.changes_only_action.toggled.connect(model.set_changes_only)
        self.fit_action = QAction("Fit to window", parent, checkable=True)
        self.fit_action.setToolTip("Every party and issue in view: smaller text, fewer summary "
                                   "lines (the full text on hover and in the inspector)")
        self.copy_action = QAction("Copy", parent)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip("Copy the selected cells as text, for a brief")
        self.parties_menu = QMenu("Parties", parent)
        self.issues_menu = QMenu("Issues", parent)
        self.parties_menu.aboutToShow.connect(
            lambda: menus.fill_hide_menu(self.parties_menu, model, parties=True))
        self.issues_menu.aboutToShow.connect(
            lambda: menus.fill_hide_menu(self.issues_menu, model, parties=False))
        self.compare_field = self._make_compare_field()
        self.addAction(self.transpose_action)
        self.addAction(self.changes_only_action)
        self.addAction(self.fit_action)
        for menu in (self.parties_menu, self.issues_menu):
            button = QToolButton()
            button.setText(menu.title())
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setToolTip(f"Show or hide {menu.title().lower()}")
            self.addWidget(button)
        self.addAction(self.copy_action)
        self._compare_actions = [self.addSeparator(), self.addWidget(QLabel(" Changes since: ")),
                                 self.addWidget(self.compare_field)]

    def _make_compare_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName("compareWithField")
        field.setPlaceholderText("e.g. 2025-08-08")
        field.setClearButtonEnabled(True)
        field.setMaximumWidth(130)
        field.setToolTip(COMPARE_TIP)
        field.editingFinished.connect(self._compare_field_edited)
        compare_with = self._state.compare_with
        field.setText(compare_with.iso if compare_with else "")
        return field

    def show_compare_field(self, visible: bool) -> None:
        """Show or hide the compare-with field (a window may have its own)."""
        for action in self._compare_actions:
            action.setVisible(visible)

    def show_compare_with(self, date: PartialDate | None) -> None:
        """The shared compare-with date changed: show it."""
        self.compare_field.setText(date.iso if date else "")
        self._set_compare_field_error("")

    def _compare_field_edited(self) -> None:
        try:
            date = parse_optional(self.compare_field.text())
        except DateError as exc:
            self._set_compare_field_error(str(exc))
            return
        if date is not None and date > self._state.as_of:
            self._set_compare_field_error(
                f"{date.display} is after the as-of date {self._state.as_of.display}.")
            return
        self._set_compare_field_error("")
        self._state.set_compare_with(date)

    def _set_compare_field_error(self, message: str) -> None:
        self.compare_field.setStyleSheet(PROBLEM_FIELD_STYLE if message else "")
        self.compare_field.setToolTip(message or COMPARE_TIP)
