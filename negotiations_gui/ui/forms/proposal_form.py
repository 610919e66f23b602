"""Proposal entry: proposers, addressees, status, and one term per issue in a table."""

from __future__ import annotations

import dataclasses
from typing import TypedDict

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain import PartialDate, Proposal, ProposalStatus, ordered_issues
from .base import RecordForm, required
from .event_form import party_choices, source_choices
from .fields import ChecklistField, DateField


class _TermDelegate(QStyledItemDelegate):
    """Enter finishes the term being typed, and stops there: it must not also
    reach the dialog and accept the whole form half-filled."""

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                    Qt.Key.Key_Enter):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class TermsTable(QTableWidget):
    """One row per issue: the issue's name (fixed) and the proposal's term on it."""

    def __init__(self, issues, terms: dict[str, str], parent: QWidget | None = None):
        super().__init__(len(issues), 2, parent)
        self.setHorizontalHeaderLabels(["Issue", "Term"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        # typing, F2 or a double-click starts editing a term
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setItemDelegateForColumn(1, _TermDelegate(self))
        self.issue_ids = [i.id for i in issues]
        self._terms: list[QTableWidgetItem] = []  # one per issue, in its row
        for row, issue in enumerate(issues):
            name = QTableWidgetItem(issue.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, 0, name)
            term = QTableWidgetItem(terms.get(issue.id, ""))
            self.setItem(row, 1, term)
            self._terms.append(term)
        self.setMinimumHeight(min(260, 30 + 28 * len(issues)))
        if issues:
            self.setCurrentCell(0, 1)

    def terms(self) -> dict[str, str]:
        found = {}
        for term, issue_id in zip(self._terms, self.issue_ids, strict=True):
            text = term.text().strip()
            if text:
                found[issue_id] = text
        return found


class _ProposalFields(TypedDict):
    """What the form edits of a proposal (its id and stamps are kept)."""

    date: PartialDate
    title: str
    status: ProposalStatus
    summary: str
    proposer_ids: tuple[str, ...]
    addressee_ids: tuple[str, ...]
    terms: dict[str, str]
    source_ids: tuple[str, ...]


class ProposalForm(RecordForm):
    def __init__(self, store, proposal: Proposal | None = None, parent: QWidget | None = None,
                 default_date: PartialDate | None = None):
        super().__init__("Edit proposal" if proposal else "New proposal", parent)
        self.setMinimumWidth(640)
        self.proposal = proposal
        self.date_field = DateField(parent=self)
        self.date_field.set_date(proposal.date if proposal else default_date)
        self.add_field("&Date:", self.date_field, self.date_field.problem)
        self.title_edit = self.line(proposal.title if proposal else "",
                                    "e.g. Egyptian–Qatari framework")
        self.add_field("&Title:", self.title_edit, required(self.title_edit, "A title"))
        self.status_combo = QComboBox(self)
        for status in ProposalStatus:
            self.status_combo.addItem(status.label, status.value)
        if proposal:
            self.status_combo.setCurrentIndex(list(ProposalStatus).index(proposal.status))
        self.add_field("St&atus:", self.status_combo)
        parties = party_choices(store)
        self.proposers_list = ChecklistField(self)
        self.proposers_list.set_choices(parties, proposal.proposer_ids if proposal else ())
        self.add_field("&Proposed by:", self.proposers_list, self._parties_problem)
        self.addressees_list = ChecklistField(self)
        self.addressees_list.set_choices(parties, proposal.addressee_ids if proposal else ())
        self.add_field("Addressed t&o:", self.addressees_list)
        self.summary_edit = self.add_field(
            "&Summary:", self.text_box(proposal.summary if proposal else "", 60))
        self.terms_table = TermsTable(ordered_issues(store.issues()),
                                      proposal.terms if proposal else {}, self)
        self.add_field("T&erms:", self.terms_table)
        self.sources_list = ChecklistField(self)
        self.sources_list.set_choices(source_choices(store),
                                      proposal.source_ids if proposal else ())
        self.add_field("Sour&ces:", self.sources_list)
        self.finish()

    def _parties_problem(self) -> str:
        both = set(self.proposers_list.checked_ids()) & set(self.addressees_list.checked_ids())
        if both:
            return "A party cannot both make the proposal and receive it."
        return ""

    def record(self) -> Proposal:
        values = _ProposalFields(
            date=self.date_field.valid_date(), title=self.title_edit.text().strip(),
            status=ProposalStatus(self.status_combo.currentData()),
            summary=self.summary_edit.toPlainText().strip(),
            proposer_ids=self.proposers_list.checked_ids(),
            addressee_ids=self.addressees_list.checked_ids(),
            terms=self.terms_table.terms(), source_ids=self.sources_list.checked_ids())
        if self.proposal is None:
            return Proposal(**values)
        return dataclasses.replace(self.proposal, **values)
