"""The mapping part of the CSV import dialog: which column feeds which field.

Shows one drop-down per field (rebuilt when rows switch between events and
positions) and, in tabs beside them, the options of `form_parts`: reading
values, parties, issue codes. `mapping()` reads the widgets back into a
`ColumnMapping`; `changed` fires on every edit so the preview follows live.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import Issue
from ...importing import ColumnMapping, IssueColumn, Target, find_issue
from ...importing.mapping import REQUIRED
from .form_parts import IssueCodes, PartyOptions, ReadingOptions

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
    "precision": ("time_precision", "precision", "date precision", "date_precision"),
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
    coded = tuple(IssueColumn(h, issue.name, "0-1")
                  for h in headers if h not in used and target is Target.EVENTS
                  and (issue := find_issue(tuple(issues), h)) is not None)
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

        self.reading = ReadingOptions()
        self.parties = PartyOptions()
        self.issue_codes = IssueCodes()
        self.day_order = self.reading.day_order  # the names the dialog and tests use
        self.options = QTabWidget()
        self.options.addTab(self.reading, "Reading values")
        self.options.addTab(self.parties, "Parties")
        self.options.addTab(self.issue_codes, "Issue codes")
        for part in (self.reading, self.parties, self.issue_codes):
            part.changed.connect(self._emit)

        top = QHBoxLayout()
        top.addWidget(QLabel("Each row becomes:"))
        top.addWidget(self.events_radio)
        top.addWidget(self.positions_radio)
        top.addStretch()
        middle = QHBoxLayout()
        middle.addWidget(self.columns_box, 2)
        middle.addWidget(self.options, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(middle)
        self._build_columns(Target.EVENTS, {})

    # -- reading and writing ---------------------------------------------------------

    def set_sources(self, headers: tuple[str, ...], issues: list[Issue]) -> None:
        """The file's columns and the case's issues offered in the drop-downs."""
        self._headers = headers
        self._issues = issues
        self.parties.set_headers(headers)
        self.issue_codes.set_sources(headers, issues)

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self._loading = True
        try:
            self._extra = mapping
            (self.events_radio if mapping.target is Target.EVENTS
             else self.positions_radio).setChecked(True)
            self._build_columns(mapping.target, mapping.columns)
            for part in (self.reading, self.parties, self.issue_codes):
                part.show_mapping(mapping)
        finally:
            self._loading = False
        self._emit()

    def mapping(self) -> ColumnMapping:
        target = Target.EVENTS if self.events_radio.isChecked() else Target.POSITIONS
        columns = {f: c.currentText() for f, c in self._combos.items()
                   if c.currentText() != NONE}
        issue_columns = self.issue_codes.read() if target is Target.EVENTS else ()
        mapping = self.reading.read(self.parties.read(self._extra))
        return replace(mapping, target=target, columns=columns,
                       issue_columns=issue_columns)

    def set_day_order_hint(self, text: str) -> None:
        self.reading.day_order_hint.setText(text)
        self.reading.day_order_hint.setVisible(bool(text))

    @property
    def day_order_hint(self) -> QLabel:
        return self.reading.day_order_hint

    def combo(self, field_name: str) -> QComboBox:
        return self._combos[field_name]

    # -- internals -------------------------------------------------------------------

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

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
        self.options.setTabEnabled(2, target is Target.EVENTS)
