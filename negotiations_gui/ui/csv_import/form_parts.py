"""The option tabs of the mapping form: reading values, parties, issue codes.

Each part shows some of a `ColumnMapping`'s choices, `show(mapping)` puts a
mapping's values in its widgets, `read(mapping)` returns the mapping with the
widgets' values, and `changed` fires on every edit (the preview follows it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import Issue, PartyRole, Stance
from ...importing import ColumnMapping, DayOrder, IssueColumn, PartyColumn, find_issue
from ...importing.mapping import (
    DEFAULT_PRECISION_CODES,
    PRECISIONS,
    SCALES,
    SEPARATORS,
    THIRD_PARTY,
)
from ..plain_text import plain_label

W = TypeVar("W", bound=QWidget)


def _label(text: str) -> QLabel:
    return plain_label(text, wrap=True)


def _cell(table: QTableWidget, row: int, column: int, kind: type[W]) -> W:
    """The widget this form put in a cell (Qt hands it back as a plain QWidget)."""
    widget = table.cellWidget(row, column)
    if not isinstance(widget, kind):
        raise TypeError(f"row {row}, column {column} holds {widget!r}, not a {kind.__name__}")
    return widget


class ReadingOptions(QWidget):
    """Dates, years, kinds, titles built from columns, precision codes, sources."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.day_order = QComboBox()
        self.day_order.addItem("Ask: ambiguous dates such as 12/08/2025 are problems", None)
        for order in DayOrder:
            self.day_order.addItem(order.label, order.value)
        self.day_order_hint = _label("")
        self.year_start = QSpinBox()
        self.year_start.setRange(1000, 9900)
        self.year_start.setValue(1950)
        self.year_window = QLabel()
        self.default_kind = QLineEdit("other")
        self.title_template = QLineEdit()
        self.title_template.setPlaceholderText("e.g. {sub_event_type}: {location}")
        self.title_template.setToolTip("Build each title from columns, each written in braces. "
                                       "When set, it replaces the Title column.")
        self.precision_codes = QLineEdit()
        self.precision_codes.setPlaceholderText(
            ", ".join(f"{k} = {v}" for k, v in DEFAULT_PRECISION_CODES.items()))
        self.precision_codes.setToolTip("What the Date precision column's codes mean: "
                                        f"each code = one of {', '.join(PRECISIONS)}.")
        self.precision_error = _label("")
        self.source_separator = QLineEdit()
        self.source_separator.setMaximumWidth(60)
        self.source_separator.setToolTip("Split the Source column on this text, one source "
                                         "per piece (e.g. ;). Empty: one source per cell.")
        layout = QFormLayout(self)
        layout.addRow("Day order:", self.day_order)
        layout.addRow("", self.day_order_hint)
        years = QHBoxLayout()
        years.addWidget(self.year_start)
        years.addWidget(self.year_window, 1)
        layout.addRow("Two-digit years:", years)
        layout.addRow("Kind when empty:", self.default_kind)
        layout.addRow("Title from columns:", self.title_template)
        layout.addRow("Precision codes:", self.precision_codes)
        layout.addRow("", self.precision_error)
        layout.addRow("Split sources on:", self.source_separator)
        self.day_order.currentIndexChanged.connect(self.changed)
        self.year_start.valueChanged.connect(self._year_changed)
        for edit in (self.default_kind, self.title_template, self.precision_codes,
                     self.source_separator):
            edit.textChanged.connect(self.changed)
        self._year_changed(self.year_start.value())
        self.precision_error.hide()

    def _year_changed(self, value: int) -> None:
        self.year_window.setText(f"read as {value}–{value + 99}")
        self.changed.emit()

    def show_mapping(self, mapping: ColumnMapping) -> None:
        self.day_order.setCurrentIndex(max(0, self.day_order.findData(
            mapping.day_order.value if mapping.day_order else None)))
        self.year_start.setValue(mapping.two_digit_year_start)
        self.default_kind.setText(mapping.default_kind)
        self.title_template.setText(mapping.title_template)
        self.precision_codes.setText(", ".join(f"{k} = {v}"
                                               for k, v in mapping.precision_codes.items()))
        self.source_separator.setText(mapping.source_separator)

    def read(self, mapping: ColumnMapping) -> ColumnMapping:
        order = self.day_order.currentData()
        return replace(mapping, day_order=DayOrder(order) if order else None,
                       two_digit_year_start=self.year_start.value(),
                       default_kind=self.default_kind.text().strip() or "other",
                       title_template=self.title_template.text().strip(),
                       precision_codes=self._codes(),
                       source_separator=self.source_separator.text().strip())

    def _codes(self) -> dict[str, str]:
        codes, bad = {}, []
        for piece in self.precision_codes.text().replace(";", ",").split(","):
            if not piece.strip():
                continue
            code, _, meaning = piece.partition("=")
            if meaning.strip().lower() in PRECISIONS and code.strip():
                codes[code.strip()] = meaning.strip().lower()
            else:
                bad.append(piece.strip())
        self.precision_error.setText(
            f"Not read: {', '.join(bad)} (write code = {' / '.join(PRECISIONS)})" if bad else "")
        self.precision_error.setVisible(bool(bad))
        return codes


ROLE_CHOICES = [(r.label, r.value) for r in PartyRole]


class PartyOptions(QWidget):
    """How party cells are split, further party columns and the roles of new parties."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self.separator_boxes = {sep: QCheckBox(f"{sep}  {name}")
                                for sep, name in SEPARATORS.items()}
        self.split_on_and = QCheckBox("“ and ”")
        separators = QHBoxLayout()
        for box in (*self.separator_boxes.values(), self.split_on_and):
            separators.addWidget(box)
            box.toggled.connect(self.changed)
        separators.addStretch()
        self.new_role = QComboBox()
        for label, value in ROLE_CHOICES:
            self.new_role.addItem(label, value)
        self.new_role.currentIndexChanged.connect(self.changed)
        self.third_parties = QLineEdit()
        self.third_parties.setPlaceholderText("e.g. United Nations; African Union")
        self.third_parties.setToolTip("Parties listed in the file that get no positions from "
                                      "issue codes (separate names with ;)")
        self.third_parties.textChanged.connect(self.changed)
        self.columns_table = QTableWidget(0, 2)
        self.columns_table.setHorizontalHeaderLabels(["Further party column", "New parties are"])
        self.columns_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_table.verticalHeader().hide()
        self.columns_table.setMinimumHeight(70)
        add = QPushButton("Add party column")
        remove = QPushButton("Remove")
        add.clicked.connect(lambda: self._add_row(None))
        remove.clicked.connect(self._remove_row)
        self.split_on_and.setToolTip("Names are never split inside brackets or quotes; a "
                                     "line break always separates. Check one alone to split "
                                     "on only that one.")
        for box in self.separator_boxes.values():
            box.setToolTip(self.split_on_and.toolTip())
        layout = QFormLayout(self)
        layout.addRow("Split names on:", separators)
        layout.addRow("New parties are:", self.new_role)
        layout.addRow("Third parties:", self.third_parties)
        layout.addRow(self.columns_table)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout.addRow(buttons)

    def set_headers(self, headers: tuple[str, ...]) -> None:
        self._headers = headers

    def show_mapping(self, mapping: ColumnMapping) -> None:
        for separator, box in self.separator_boxes.items():
            box.setChecked(separator in mapping.separators)
        self.split_on_and.setChecked(mapping.split_on_and)
        self.new_role.setCurrentIndex(max(0, self.new_role.findData(mapping.new_party_role)))
        self.third_parties.setText("; ".join(mapping.third_parties))
        self.columns_table.setRowCount(0)
        for column in mapping.party_columns:
            self._add_row(column)

    def read(self, mapping: ColumnMapping) -> ColumnMapping:
        # separators the form does not offer (a saved mapping's own) are kept, first
        own = tuple(s for s in mapping.separators if s not in SEPARATORS)
        chosen = own + tuple(s for s, box in self.separator_boxes.items() if box.isChecked())
        columns = []
        for row in range(self.columns_table.rowCount()):
            column, role = (_cell(self.columns_table, row, n, QComboBox) for n in range(2))
            if column.currentText():
                columns.append(PartyColumn(column.currentText(), role.currentData()))
        third = tuple(n.strip() for n in self.third_parties.text().split(";") if n.strip())
        return replace(mapping, separators=chosen, split_on_and=self.split_on_and.isChecked(),
                       new_party_role=self.new_role.currentData(), third_parties=third,
                       party_columns=tuple(columns))

    def _add_row(self, spec: PartyColumn | None) -> None:
        row = self.columns_table.rowCount()
        self.columns_table.insertRow(row)
        column = QComboBox()
        column.addItems(list(self._headers))
        role = QComboBox()
        role.addItem("Same as new parties", "")
        for label, value in ROLE_CHOICES:
            role.addItem(label, value)
        role.addItem("Third parties (no positions)", THIRD_PARTY)
        if spec is not None:
            if column.findText(spec.column) < 0:
                column.addItem(spec.column)
            column.setCurrentText(spec.column)
            role.setCurrentIndex(max(0, role.findData(spec.role)))
        for n, widget in enumerate((column, role)):
            widget.currentIndexChanged.connect(self.changed)
            self.columns_table.setCellWidget(row, n, widget)
        self.changed.emit()

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.columns_table.selectedIndexes()}, reverse=True)
        if not rows and self.columns_table.rowCount():
            rows = [self.columns_table.rowCount() - 1]
        for row in rows:
            self.columns_table.removeRow(row)
        self.changed.emit()


class CodeMeaning(QWidget):
    """The stance each code of one issue column stands for: one drop-down per code."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(2, 0, 2, 0)
        self.combos: dict[str, QComboBox] = {}

    def show_codes(self, coded: IssueColumn) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        for code in coded.codes:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for stance in Stance:
                combo.addItem(stance.label, stance.value)
            combo.setCurrentIndex(combo.findData(coded.stance_for(code).value))
            combo.currentIndexChanged.connect(self.changed)
            self._layout.addWidget(QLabel(f"{code} →"))
            self._layout.addWidget(combo, 1)
            self.combos[code] = combo

    def values(self) -> dict[str, str]:
        return {code: combo.currentData() for code, combo in self.combos.items()
                if combo.currentData() != Stance.ACCEPTS.value}


class IssueCodes(QWidget):
    """Columns coding an issue per row (0/1 or 0–3), each code's meaning shown and chosen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._issues: list[Issue] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Column", "Issue", "Codes", "Each code means"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((110, 170, 80)):
            header.resizeSection(column, width)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setMinimumHeight(90)
        self.add_button = QPushButton("Add issue column")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(lambda: self.add_row(None))
        self.remove_button.clicked.connect(self._remove_row)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Each row coded 1 (or 1–3) gives each of its parties a "
                                "position on the issue, with the stance chosen per code. "
                                "Type an issue the case lacks to create it (asked on import)."))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout.addLayout(buttons)

    def set_sources(self, headers: tuple[str, ...], issues: list[Issue]) -> None:
        self._headers = headers
        self._issues = issues

    def show_mapping(self, mapping: ColumnMapping) -> None:
        self.table.setRowCount(0)
        for coded in mapping.issue_columns:
            self.add_row(coded)

    def read(self) -> tuple[IssueColumn, ...]:
        found = []
        for row in range(self.table.rowCount()):
            column, issue, scale = (_cell(self.table, row, n, QComboBox) for n in range(3))
            meaning = _cell(self.table, row, 3, CodeMeaning)
            if column.currentText() and issue.currentText().strip():
                found.append(IssueColumn(column.currentText(), issue.currentText().strip(),
                                         scale.currentData(), meaning.values()))
        return tuple(found)

    def add_row(self, coded: IssueColumn | None) -> None:
        if coded is None:  # a new row: the first column no row codes yet, issue to choose
            taken = {c.column for c in self.read()}
            free = next((h for h in self._headers if h not in taken), "")
            coded = IssueColumn(free, "")
        row = self.table.rowCount()
        self.table.insertRow(row)
        column = QComboBox()
        column.addItems(list(self._headers))
        issue = QComboBox()
        issue.setEditable(True)
        issue.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        issue.addItems([i.name for i in self._issues])
        scale = QComboBox()
        for value, label in SCALES.items():
            scale.addItem(label, value)
        meaning = CodeMeaning()
        if column.findText(coded.column) < 0 and coded.column:
            column.addItem(coded.column)
        column.setCurrentText(coded.column)
        found = find_issue(tuple(self._issues), coded.issue)
        issue.setCurrentText(found.name if found else coded.issue)
        scale.setCurrentIndex(max(0, scale.findData(coded.scale)))
        meaning.show_codes(coded)
        scale.currentIndexChanged.connect(
            lambda: meaning.show_codes(IssueColumn("", "", scale.currentData(),
                                                   meaning.values())))
        for n, widget in enumerate((column, issue, scale)):
            widget.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, n, widget)
        issue.editTextChanged.connect(self.changed)
        meaning.changed.connect(self.changed)
        self.table.setCellWidget(row, 3, meaning)
        self.changed.emit()

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()
