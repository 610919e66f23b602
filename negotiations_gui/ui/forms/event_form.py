"""Event entry: partial date (with optional end), kind, parties, issues, tags, sources."""

from __future__ import annotations

import dataclasses
from typing import TypedDict

from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...domain import EVENT_KINDS, Event, PartialDate, ordered_issues, ordered_parties
from ..plain_text import isolate
from .base import RecordForm, required
from .fields import ChecklistField, DateField, parse_tags


def source_choices(store) -> list[tuple[str, str]]:
    return [(s.id, f"{s.grade}  {isolate(s.title)}"
             + (f" ({isolate(s.outlet)})" if s.outlet else ""))
            for s in store.sources()]


def party_choices(store) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in ordered_parties(store.parties())]


def issue_choices(store) -> list[tuple[str, str]]:
    return [(i.id, i.name) for i in ordered_issues(store.issues())]


class _EventFields(TypedDict):
    """What the form edits of an event (its id and stamps are kept)."""

    date: PartialDate
    end: PartialDate | None
    kind: str
    title: str
    description: str
    party_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    tags: tuple[str, ...]
    source_ids: tuple[str, ...]


class EventForm(RecordForm):
    def __init__(self, store, event: Event | None = None, parent: QWidget | None = None,
                 default_date: PartialDate | None = None):
        super().__init__("Edit event" if event else "New event", parent)
        # the event being edited (None for a new one); not `self.event`, which would
        # hide QWidget.event(), the method Qt delivers every event to
        self.editing = event
        self.date_field = DateField(parent=self)
        self.date_field.set_date(event.date if event else default_date)
        self.add_field("&Date:", self.date_field, self.date_field.problem)
        self.end_field = DateField(optional=True, parent=self)
        self.end_field.set_date(event.end if event else None)
        self.add_field("&End (for a period):", self.end_field, self._end_problem)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setEditable(True)
        kinds = list(dict.fromkeys([*EVENT_KINDS, *store.kinds()]))
        self.kind_combo.addItems(kinds)
        self.kind_combo.setCurrentText(event.kind if event else "meeting")
        self.add_field("&Kind:", self.kind_combo,
                       lambda: "" if self.kind_combo.currentText().strip() else "A kind is needed.")
        self.title_edit = self.line(event.title if event else "", "what happened, in a line")
        self.add_field("&Title:", self.title_edit, required(self.title_edit, "A title"))
        self.description_edit = self.add_field(
            "Desc&ription:", self.text_box(event.description if event else ""))
        self.parties_list = ChecklistField(self)
        self.parties_list.set_choices(party_choices(store), event.party_ids if event else ())
        self.add_field("&Parties:", self.parties_list)
        self.issues_list = ChecklistField(self)
        self.issues_list.set_choices(issue_choices(store), event.issue_ids if event else ())
        self.add_field("&Issues:", self.issues_list)
        self.tags_edit = self.line(", ".join(event.tags) if event else "",
                                   "comma separated, e.g. Cairo talks, ceasefire")
        self.tags_edit.setCompleter(QCompleter(store.tags(), self.tags_edit))
        self.add_field("Ta&gs:", self.tags_edit)
        self.sources_list = ChecklistField(self)
        self.sources_list.set_choices(source_choices(store), event.source_ids if event else ())
        self.add_field("&Sources:", self.sources_list)
        self.finish()

    def _end_problem(self) -> str:
        problem = self.end_field.problem()
        if problem:
            return problem
        start, end = self.date_field.date(), self.end_field.date()
        if start and end and end.end() < start.start():
            return "End date is before start date."
        return ""

    def record(self) -> Event:
        values = _EventFields(
            date=self.date_field.valid_date(), end=self.end_field.date(),
            kind=self.kind_combo.currentText().strip(), title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            party_ids=self.parties_list.checked_ids(), issue_ids=self.issues_list.checked_ids(),
            tags=parse_tags(self.tags_edit.text()), source_ids=self.sources_list.checked_ids())
        if self.editing is None:
            return Event(**values)
        return dataclasses.replace(self.editing, **values)
