"""Position entry: party × issue × date, stance, summary, detail, sources, and what it answers.

Positions are history: a new stance is a new record with a later date. A new
position opened from the grid starts from the party's current position on the
issue (stance, summary, sources) so that recording a shift is quick.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QWidget

from ...domain import PartialDate, Position, Stance, ordered_issues, ordered_parties
from ..plain_text import isolate
from .base import RecordForm
from .event_form import source_choices
from .fields import ChecklistField, DateField

NO_LINK = ""


class PositionForm(RecordForm):
    def __init__(self, store, position: Position | None = None, parent: QWidget | None = None,
                 *, party_id: str = "", issue_id: str = "", start_from: Position | None = None,
                 default_date: PartialDate | None = None):
        super().__init__("Edit position" if position else "New position", parent)
        self.position = position
        base = position or start_from
        self.party_combo = QComboBox(self)
        for party in ordered_parties(store.parties()):
            self.party_combo.addItem(party.name, party.id)
        self._select(self.party_combo, position.party_id if position else party_id)
        self.add_field("&Party:", self.party_combo,
                       lambda: "" if self.party_combo.currentData() else "Add a party first.")
        self.issue_combo = QComboBox(self)
        for issue in ordered_issues(store.issues()):
            self.issue_combo.addItem(issue.name, issue.id)
        self._select(self.issue_combo, position.issue_id if position else issue_id)
        self.add_field("&Issue:", self.issue_combo,
                       lambda: "" if self.issue_combo.currentData() else "Add an issue first.")
        self.date_field = DateField(parent=self)
        self.date_field.set_date(position.date if position else default_date)
        self.add_field("&Date:", self.date_field, self.date_field.problem)
        self.stance_combo = QComboBox(self)
        for stance in Stance:
            self.stance_combo.addItem(f"{stance.symbol}  {stance.label} — {stance.meaning}",
                                      stance.value)
        self.stance_combo.setCurrentIndex(
            list(Stance).index(base.stance if base else Stance.UNCLEAR))
        self.add_field("S&tance:", self.stance_combo)
        self.summary_edit = self.line(base.summary if base else "", "the position in one line")
        self.add_field("&Summary:", self.summary_edit, self._summary_problem)
        self.detail_edit = self.add_field("D&etail:", self.text_box(base.detail if base else ""))
        self.sources_list = ChecklistField(self)
        self.sources_list.set_choices(source_choices(store), base.source_ids if base else ())
        self.add_field("Sour&ces:", self.sources_list)
        self.link_combo = QComboBox(self)
        self.link_combo.addItem("(nothing)", NO_LINK)
        for proposal in store.proposals():
            self.link_combo.addItem(f"Proposal: {isolate(proposal.title)} "
                                    f"({proposal.date.display})",
                                    f"proposal/{proposal.id}")
        for event in store.events():
            self.link_combo.addItem(f"Event: {isolate(event.title)} ({event.date.display})",
                                    f"event/{event.id}")
        if position and position.proposal_id:
            self._select(self.link_combo, f"proposal/{position.proposal_id}")
        elif position and position.event_id:
            self._select(self.link_combo, f"event/{position.event_id}")
        self.add_field("&Answers:", self.link_combo)
        self.finish()

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _summary_problem(self) -> str:
        if len(self.summary_edit.text()) > 200:
            return "Keep the summary to one line (200 characters); put the rest in Detail."
        return ""

    def record(self) -> Position:
        link = self.link_combo.currentData() or NO_LINK
        kind, _, link_id = link.partition("/")
        values = dict(
            party_id=self.party_combo.currentData(), issue_id=self.issue_combo.currentData(),
            date=self.date_field.valid_date(), stance=Stance(self.stance_combo.currentData()),
            summary=self.summary_edit.text().strip(),
            detail=self.detail_edit.toPlainText().strip(),
            source_ids=self.sources_list.checked_ids(),
            proposal_id=link_id if kind == "proposal" else None,
            event_id=link_id if kind == "event" else None)
        if self.position is None:
            return Position(**values)
        return dataclasses.replace(self.position, **values)
