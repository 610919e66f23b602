"""Forms for the case itself and its reference records: parties, issues, sources."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QComboBox, QHBoxLayout, QPushButton, QWidget

from ...domain import (
    CREDIBILITY,
    RELIABILITY,
    CaseInfo,
    Issue,
    Party,
    PartyRole,
    Source,
    grade_meaning,
    palette,
)
from ..plain_text import plain_label
from .base import RecordForm, required, unique_name
from .fields import DateField


class CaseInfoForm(RecordForm):
    def __init__(self, info: CaseInfo, parent: QWidget | None = None, title: str = ""):
        super().__init__(title or "Case properties", parent)
        self.info = info
        self.title_edit = self.line(info.title)
        self.add_field("&Title:", self.title_edit, required(self.title_edit, "A title"))
        self.marking_edit = self.add_field(
            "Handling &marking:", self.line(info.marking, "e.g. UNCLASSIFIED // FOR INTERNAL USE"))
        self.description_edit = self.add_field("&Description:",
                                               self.text_box(info.description, 120))
        self.finish()

    def case_info(self) -> CaseInfo:
        return dataclasses.replace(
            self.info, title=self.title_edit.text().strip(),
            marking=self.marking_edit.text().strip(),
            description=self.description_edit.toPlainText().strip())


class ColourButton(QPushButton):
    """Shows a colour swatch; Space or a click opens the colour picker."""

    def __init__(self, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.set_colour(colour)
        self.clicked.connect(self._pick)

    def set_colour(self, colour: str) -> None:
        self.colour = QColor(colour).name()
        self.setText(self.colour)
        text = palette.BLACK if QColor(colour).lightness() > 128 else palette.PAPER
        self.setStyleSheet(f"background-color: {self.colour}; color: {text};")

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self, "Party colour")
        if chosen.isValid():
            self.set_colour(chosen.name())


class PartyForm(RecordForm):
    def __init__(self, store, party: Party | None = None, parent: QWidget | None = None):
        super().__init__("Edit party" if party else "New party", parent)
        self.party = party or Party(name="", sort_order=len(store.parties()))
        taken = {p.name for p in store.parties() if p.id != self.party.id}
        self.name_edit = self.line(self.party.name, "e.g. Hamas")
        self.add_field("&Name:", self.name_edit, unique_name(self.name_edit, taken, "A name"))
        self.short_edit = self.add_field("&Short name:", self.line(self.party.short_name,
                                                                  "shown in narrow columns"))
        self.role_combo = QComboBox(self)
        for role in PartyRole:
            self.role_combo.addItem(role.label, role.value)
        self.role_combo.setCurrentIndex(list(PartyRole).index(self.party.role))
        self.add_field("&Role:", self.role_combo)
        self.colour_button = ColourButton(self.party.colour, self)
        self.add_field("&Colour:", self.colour_button)
        self.finish()

    def record(self) -> Party:
        return dataclasses.replace(
            self.party, name=self.name_edit.text().strip(),
            short_name=self.short_edit.text().strip(),
            role=PartyRole(self.role_combo.currentData()), colour=self.colour_button.colour)


class IssueForm(RecordForm):
    def __init__(self, store, issue: Issue | None = None, parent: QWidget | None = None):
        super().__init__("Edit issue" if issue else "New issue", parent)
        self.issue = issue or Issue(name="", sort_order=len(store.issues()))
        taken = {i.name for i in store.issues() if i.id != self.issue.id}
        self.name_edit = self.line(self.issue.name, "e.g. Ceasefire")
        self.add_field("&Name:", self.name_edit, unique_name(self.name_edit, taken, "A name"))
        self.code_edit = self.add_field("&PA-X code:", self.line(self.issue.pax_code,
                                                                 "optional, e.g. Ce"))
        self.description_edit = self.add_field("&Description:",
                                               self.text_box(self.issue.description))
        self.finish()

    def record(self) -> Issue:
        return dataclasses.replace(
            self.issue, name=self.name_edit.text().strip(),
            pax_code=self.code_edit.text().strip(),
            description=self.description_edit.toPlainText().strip())


class SourceForm(RecordForm):
    """Admiralty grading as two combo boxes, each choice spelled out."""

    def __init__(self, store, source: Source | None = None, parent: QWidget | None = None):
        super().__init__("Edit source" if source else "New source", parent)
        self.source = source or Source(title="")
        self.title_edit = self.line(self.source.title, "headline or document title")
        self.add_field("&Title:", self.title_edit, required(self.title_edit, "A title"))
        self.outlet_edit = self.add_field("&Outlet / author:", self.line(self.source.outlet))
        self.date_field = DateField(optional=True, parent=self)
        self.date_field.set_date(self.source.date)
        self.add_field("&Date:", self.date_field, self.date_field.problem)
        self.location_edit = self.add_field("&Location:", self.line(
            self.source.location, "URL or reference"))
        grades = QWidget(self)
        row = QHBoxLayout(grades)
        row.setContentsMargins(0, 0, 0, 0)
        self.reliability_combo = QComboBox(grades)
        for letter, meaning in RELIABILITY.items():
            self.reliability_combo.addItem(f"{letter} — {meaning}", letter)
        self.reliability_combo.setCurrentIndex(list(RELIABILITY).index(self.source.reliability))
        self.credibility_combo = QComboBox(grades)
        for number, meaning in CREDIBILITY.items():
            self.credibility_combo.addItem(f"{number} — {meaning}", number)
        self.credibility_combo.setCurrentIndex(list(CREDIBILITY).index(self.source.credibility))
        row.addWidget(self.reliability_combo)
        row.addWidget(self.credibility_combo)
        self.add_field("&Reliability, credibility:", grades)
        self._focus_order[-1:] = [self.reliability_combo, self.credibility_combo]
        self.grade_label = plain_label("", self)
        self.form.addRow("Grade:", self.grade_label)
        for combo in (self.reliability_combo, self.credibility_combo):
            combo.currentIndexChanged.connect(self._show_grade)
        self.notes_edit = self.add_field("&Notes:", self.text_box(self.source.notes))
        self._show_grade()
        self.finish()

    def _show_grade(self, *_args) -> None:
        self.grade_label.setText(grade_meaning(self.reliability_combo.currentData(),
                                               self.credibility_combo.currentData()))

    def record(self) -> Source:
        return dataclasses.replace(
            self.source, title=self.title_edit.text().strip(),
            outlet=self.outlet_edit.text().strip(), date=self.date_field.date(),
            location=self.location_edit.text().strip(),
            reliability=self.reliability_combo.currentData(),
            credibility=self.credibility_combo.currentData(),
            notes=self.notes_edit.toPlainText().strip())
