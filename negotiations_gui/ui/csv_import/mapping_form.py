"""The mapping part of the CSV import dialog: which column feeds which field.

Shows one drop-down per field (rebuilt when rows switch between events and
positions), the date options, and the issue-code columns. `mapping()` reads
the widgets back into a `ColumnMapping`; `changed` fires on every edit so the
preview follows live.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import Issue
from ...importing import ColumnMapping, DayOrder, IssueColumn, Target, find_issue
from ...importing.mapping import REQUIRED, SCALES

NONE = "(none)"
# header words that suggest a field, checked case-insensitively
_SUGGESTIONS = {
    "date": ("date", "start date", "event date", "event_date", "dat", "when", "day"),
    "end_date": ("end date", "end", "end_date", "until", "to date"),
    "title": ("title", "name", "event", "agreement", "agt", "headline", "subject"),
    "description": ("description", "notes", "summary", "details", "text"),
    "kind": ("kind", "type", "event type", "event_type", "category"),
    "parties": ("parties", "party", "actors", "actor", "participants", "con", "countries"),
    "tags": ("tags", "tag", "keywords", "labels"),
    "source": ("source", "sources", "url", "link", "reference"),
    "party": ("party", "actor", "who"),
    "issue": ("issue", "topic", "on"),
    "stance": ("stance", "position", "attitude"),
    "summary": ("summary", "said", "statement", "note"),
}


def suggest_mapping(headers: tuple[str, ...], issues: list[Issue],
                    target: Target = Target.EVENTS) -> ColumnMapping:
    """A first mapping from header names, for the user to check and change."""
    fields = ColumnMapping(target=target).fields
    folded = {" ".join(h.split()).casefold(): h for h in headers}
    columns, used = {}, set()
    for field_name in fields:
        for word in _SUGGESTIONS.get(field_name, ()):
            header = folded.get(word)
            if header and header not in used:
                columns[field_name] = header
                used.add(header)
                break
    coded = tuple(IssueColumn(h, find_issue(tuple(issues), h).name, "0-1")
                  for h in headers if h not in used and target is Target.EVENTS
                  and find_issue(tuple(issues), h) is not None)
    return ColumnMapping(target=target, columns=columns, issue_columns=coded)


class MappingForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._issues: list[Issue] = []
        self._combos: dict[str, QComboBox] = {}
        self._extra = ColumnMapping()  # what this form does not show (party names, format)
        self._loading = False

        self.events_radio = QRadioButton(Target.EVENTS.label)
        self.positions_radio = QRadioButton(Target.POSITIONS.label)
        self.events_radio.setChecked(True)
        targets = QButtonGroup(self)
        targets.addButton(self.events_radio)
        targets.addButton(self.positions_radio)
        self.events_radio.toggled.connect(self._target_toggled)

        self.columns_box = QGroupBox("Columns")
        self.columns_layout = QFormLayout(self.columns_box)

        options = self._options_box()
        self._issues_box()

        top = QHBoxLayout()
        top.addWidget(QLabel("Each row becomes:"))
        top.addWidget(self.events_radio)
        top.addWidget(self.positions_radio)
        top.addStretch()
        middle = QHBoxLayout()
        middle.addWidget(self.columns_box, 1)
        side = QVBoxLayout()
        side.addWidget(options)
        side.addWidget(self.issues_box, 1)
        middle.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(middle)

        self.day_order.currentIndexChanged.connect(self._emit)
        self.year_start.valueChanged.connect(self._year_changed)
        self.default_kind.textChanged.connect(self._emit)
        self.split_on_and.toggled.connect(self._emit)
        self._year_changed(self.year_start.value())
        self._build_columns(Target.EVENTS, {})

    def _options_box(self) -> QGroupBox:
        self.day_order = QComboBox()
        self.day_order.addItem("Ask: ambiguous dates such as 12/08/2025 are problems", None)
        for order in DayOrder:
            self.day_order.addItem(order.label, order.value)
        self.day_order_hint = QLabel()
        self.day_order_hint.setTextFormat(Qt.PlainText)
        self.day_order_hint.setWordWrap(True)
        self.year_start = QSpinBox()
        self.year_start.setRange(1000, 9900)
        self.year_start.setValue(1950)
        self.year_window = QLabel()
        self.default_kind = QLineEdit("other")
        self.split_on_and = QCheckBox("Split party names on “ and ” (as well as , and ;)")
        self.split_on_and.setChecked(True)
        options = QGroupBox("Reading values")
        options_layout = QFormLayout(options)
        options_layout.addRow("Day order:", self.day_order)
        options_layout.addRow("", self.day_order_hint)
        years = QHBoxLayout()
        years.addWidget(self.year_start)
        years.addWidget(self.year_window)
        options_layout.addRow("Two-digit years:", years)
        options_layout.addRow("Kind when empty:", self.default_kind)
        options_layout.addRow("", self.split_on_and)
        return options

    def _issues_box(self) -> None:
        self.issue_table = QTableWidget(0, 3)
        self.issue_table.setHorizontalHeaderLabels(["Column", "Issue", "Codes"])
        self.issue_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.issue_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.issue_table.verticalHeader().hide()
        self.issue_table.setMinimumHeight(90)
        self.add_issue_button = QPushButton("Add issue column")
        self.remove_issue_button = QPushButton("Remove")
        self.add_issue_button.clicked.connect(lambda: self._add_issue_row(None))
        self.remove_issue_button.clicked.connect(self._remove_issue_row)
        self.issues_box = QGroupBox("Issue columns (0/1 or 0–3 codes → “accepts” positions "
                                    "for the row's parties)")
        issues_layout = QVBoxLayout(self.issues_box)
        issues_layout.addWidget(self.issue_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_issue_button)
        buttons.addWidget(self.remove_issue_button)
        buttons.addStretch()
        issues_layout.addLayout(buttons)

    # -- reading and writing ---------------------------------------------------------

    def set_sources(self, headers: tuple[str, ...], issues: list[Issue]) -> None:
        """The file's columns and the case's issues offered in the drop-downs."""
        self._headers = headers
        self._issues = issues

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self._loading = True
        try:
            self._extra = mapping
            (self.events_radio if mapping.target is Target.EVENTS
             else self.positions_radio).setChecked(True)
            self._build_columns(mapping.target, mapping.columns)
            self.day_order.setCurrentIndex(max(0, self.day_order.findData(
                mapping.day_order.value if mapping.day_order else None)))
            self.year_start.setValue(mapping.two_digit_year_start)
            self.default_kind.setText(mapping.default_kind)
            self.split_on_and.setChecked(mapping.split_on_and)
            self.issue_table.setRowCount(0)
            for coded in mapping.issue_columns:
                self._add_issue_row(coded)
        finally:
            self._loading = False
        self._emit()

    def mapping(self) -> ColumnMapping:
        target = Target.EVENTS if self.events_radio.isChecked() else Target.POSITIONS
        columns = {f: c.currentText() for f, c in self._combos.items()
                   if c.currentText() != NONE}
        issue_columns = []
        for row in range(self.issue_table.rowCount() if target is Target.EVENTS else 0):
            column, issue, scale = (self.issue_table.cellWidget(row, n) for n in range(3))
            if column.currentText() and issue.currentText():
                issue_columns.append(IssueColumn(column.currentText(), issue.currentText(),
                                                 scale.currentData()))
        return replace(self._extra, target=target, columns=columns,
                       issue_columns=tuple(issue_columns),
                       day_order=DayOrder(self.day_order.currentData())
                       if self.day_order.currentData() else None,
                       two_digit_year_start=self.year_start.value(),
                       default_kind=self.default_kind.text().strip() or "other",
                       split_on_and=self.split_on_and.isChecked())

    def set_day_order_hint(self, text: str) -> None:
        self.day_order_hint.setText(text)
        self.day_order_hint.setVisible(bool(text))

    def combo(self, field_name: str) -> QComboBox:
        return self._combos[field_name]

    # -- internals -------------------------------------------------------------------

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _year_changed(self, value: int) -> None:
        self.year_window.setText(f"read as {value}–{value + 99}")
        self._emit()

    def _target_toggled(self) -> None:
        if self._loading:
            return
        target = Target.EVENTS if self.events_radio.isChecked() else Target.POSITIONS
        suggested = suggest_mapping(self._headers, self._issues, target)
        self._build_columns(target, suggested.columns)
        self._emit()

    def _build_columns(self, target: Target, columns: dict[str, str]) -> None:
        while self.columns_layout.rowCount():
            self.columns_layout.removeRow(0)
        self._combos = {}
        fields = ColumnMapping(target=target).fields
        for field_name, label in fields.items():
            combo = QComboBox()
            combo.addItem(NONE)
            combo.addItems(list(self._headers))
            wanted = columns.get(field_name)
            if wanted and combo.findText(wanted) < 0:
                combo.addItem(wanted)  # a saved mapping's column this file lacks
            combo.setCurrentText(wanted or NONE)
            combo.currentIndexChanged.connect(self._emit)
            required = field_name in REQUIRED[target]
            self.columns_layout.addRow(f"{label}{' *' if required else ''}:", combo)
            self._combos[field_name] = combo
        self.issues_box.setEnabled(target is Target.EVENTS)

    def _add_issue_row(self, coded: IssueColumn | None) -> None:
        row = self.issue_table.rowCount()
        self.issue_table.insertRow(row)
        column = QComboBox()
        column.addItems(list(self._headers))
        issue = QComboBox()
        issue.addItems([i.name for i in self._issues])
        scale = QComboBox()
        for value, label in SCALES.items():
            scale.addItem(label, value)
        if coded is not None:
            if column.findText(coded.column) < 0:
                column.addItem(coded.column)
            column.setCurrentText(coded.column)
            found = find_issue(tuple(self._issues), coded.issue)
            issue.setCurrentText(found.name if found else coded.issue)
            scale.setCurrentIndex(max(0, scale.findData(coded.scale)))
        for n, widget in enumerate((column, issue, scale)):
            widget.currentIndexChanged.connect(self._emit)
            self.issue_table.setCellWidget(row, n, widget)
        self._emit()

    def _remove_issue_row(self) -> None:
        rows = sorted({i.row() for i in self.issue_table.selectedIndexes()}, reverse=True)
        if not rows and self.issue_table.rowCount():
            rows = [self.issue_table.rowCount() - 1]
        for row in rows:
            self.issue_table.removeRow(row)
        self._emit()
