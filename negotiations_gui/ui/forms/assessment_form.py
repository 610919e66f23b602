"""The analyst's own judgement of the gap on an issue, from a date on.

When one is recorded on or before the as-of date it is shown instead of the
gap derived from the principals' stances (and marked as the analyst's).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QWidget

from ...domain import Assessment, Gap, PartialDate, ordered_issues
from .base import RecordForm
from .fields import DateField

GAP_MEANINGS = {
    Gap.CONVERGED: "the principals' positions meet",
    Gap.NARROWING: "still apart, but moving towards each other",
    Gap.WIDE: "far apart",
    Gap.UNKNOWN: "not enough is known to judge",
}


class AssessmentForm(RecordForm):
    def __init__(self, store, assessment: Assessment | None = None,
                 parent: QWidget | None = None, *, issue_id: str = "",
                 default_date: PartialDate | None = None):
        super().__init__("Edit gap assessment" if assessment else "New gap assessment", parent)
        self.assessment = assessment
        self.issue_combo = QComboBox(self)
        for issue in ordered_issues(store.issues()):
            self.issue_combo.addItem(issue.name, issue.id)
        wanted = assessment.issue_id if assessment else issue_id
        if self.issue_combo.findData(wanted) >= 0:
            self.issue_combo.setCurrentIndex(self.issue_combo.findData(wanted))
        self.add_field("&Issue:", self.issue_combo,
                       lambda: "" if self.issue_combo.currentData() else "Add an issue first.")
        self.date_field = DateField(parent=self)
        self.date_field.set_date(assessment.date if assessment else default_date)
        self.add_field("&From:", self.date_field, self.date_field.problem)
        self.gap_combo = QComboBox(self)
        for gap in Gap:
            self.gap_combo.addItem(f"{gap.label} — {GAP_MEANINGS[gap]}", gap.value)
        if assessment:
            self.gap_combo.setCurrentIndex(list(Gap).index(assessment.gap))
        self.add_field("&Gap:", self.gap_combo)
        self.note_edit = self.add_field("&Why:",
                                        self.text_box(assessment.note if assessment else ""))
        self.finish()

    def record(self) -> Assessment:
        values = dict(issue_id=self.issue_combo.currentData(), date=self.date_field.valid_date(),
                      gap=Gap(self.gap_combo.currentData()),
                      note=self.note_edit.toPlainText().strip())
        if self.assessment is None:
            return Assessment(**values)
        return dataclasses.replace(self.assessment, **values)
