"""What the grid's headings show, by role: a party's label and group, an issue's name,
and the last line or column, the Gap."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...domain import Issue, Party, grid_text
from ..plain_text import isolate, plain_tooltip
from .roles import GridRole

GAP_HEADER = "Gap"


def gap_header_data(role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        return GAP_HEADER
    if role == Qt.ItemDataRole.ToolTipRole:
        return ("How far apart the principals are on each issue: derived from their "
                "stances, or the analyst's own assessment when one is recorded.")
    if role == GridRole.GROUP:
        return ""
    return None


def party_header_data(party: Party, role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        return party.label
    if role == Qt.ItemDataRole.ToolTipRole:
        return plain_tooltip(f"{isolate(party.name)} ({party.role.label.lower()})")
    if role == GridRole.GROUP:
        return grid_text.role_group_label(party.role)
    if role == GridRole.PARTY_ID:
        return party.id
    return None


def issue_header_data(issue: Issue, role: int) -> object:
    if role == Qt.ItemDataRole.DisplayRole:
        return issue.name
    if role == Qt.ItemDataRole.ToolTipRole:
        code = f" (PA-X {issue.pax_code})" if issue.pax_code else ""
        return plain_tooltip(f"{isolate(issue.name)}{code}\n{issue.description}".strip())
    if role == GridRole.ISSUE_ID:
        return issue.id
    if role == GridRole.GROUP:
        return ""
    return None
