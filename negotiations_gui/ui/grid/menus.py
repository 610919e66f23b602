"""The grid's menus: a cell's, a header's, and the Parties / Issues show-or-hide lists."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMenu

from ...domain import CellKey
from ...domain.grid_text import stance_text
from ..plain_text import isolate
from .model import GridRole, PositionGridModel

if TYPE_CHECKING:
    from .view import PositionGridView


def cell_menu(view: PositionGridView, index: QModelIndex) -> QMenu:
    """Right-click on a cell: new or edit position, edit the gap's assessment, copy, layout."""
    menu = QMenu(view)
    kind = index.data(GridRole.KIND) if index.isValid() else None
    key = view.model.key_at(index)
    if key is not None:
        menu.addAction("New position…", lambda: view.newPositionRequested.emit(key))
        if kind == "position":
            position_id = index.data(GridRole.POSITION_ID)
            menu.addAction("Edit this position…",
                           lambda: view.editRequested.emit("position", position_id))
            _add_dispute_choices(view, menu, key)
    elif kind == "gap":
        by_analyst = index.data(GridRole.GAP_BY_ANALYST)
        menu.addAction("Edit the analyst's assessment…" if by_analyst else "Edit the issue…",
                       lambda: view.edit_gap(index))
    menu.addAction(view.copy_action)
    menu.addSeparator()
    menu.addAction(view.transpose_action)
    menu.addAction(view.changes_only_action)
    return menu


def _add_dispute_choices(view: PositionGridView, menu: QMenu, key: CellKey) -> None:
    """On a disputed cell: "Keep R. Cohen's position (✘ Rejects)", one per analyst."""
    snapshot = view.model.snapshot
    cell = snapshot.cell_at(key) if snapshot is not None else None
    if cell is None or not cell.disputed:
        return
    menu.addSeparator()
    for rival in cell.rivals:
        label = f"Keep {rival.who}’s position ({stance_text(rival.position.stance)})"
        menu.addAction(label.replace("&", "&&"), partial(
            view.keepPositionRequested.emit, key, rival.position.id))
    menu.addSeparator()


def header_menu(view: PositionGridView, orientation: Qt.Orientation, section: int) -> QMenu:
    """Right-click on a party or issue heading: edit it, hide it, show all."""
    menu = QMenu(view)
    model = view.model
    if orientation == model.party_orientation():
        party = model.party_for_section(section)
        if party is not None:
            menu.addAction(f"Edit {isolate(party.name)}…",
                           lambda: view.editRequested.emit("party", party.id))
            menu.addAction(f"Hide {isolate(party.name)}",
                           lambda: model.set_party_hidden(party.id, True))
    else:
        issue = model.issue_for_section(section)
        if issue is not None:
            menu.addAction(f"Edit {isolate(issue.name)}…",
                           lambda: view.editRequested.emit("issue", issue.id))
            menu.addAction(f"Hide {isolate(issue.name)}",
                           lambda: model.set_issue_hidden(issue.id, True))
    show_all = menu.addAction("Show all parties and issues", model.show_all)
    show_all.setEnabled(bool(model.hidden_party_ids or model.hidden_issue_ids))
    return menu


def fill_hide_menu(menu: QMenu, model: PositionGridModel, parties: bool) -> None:
    """A checkable entry per party (or issue): unchecked ones are hidden from the grid."""
    menu.clear()
    snapshot = model.snapshot
    if snapshot is None:
        return
    hidden = model.hidden_party_ids if parties else model.hidden_issue_ids
    setter: Callable[[str, bool], None] = (model.set_party_hidden if parties
                                           else model.set_issue_hidden)
    entries = ([(p.id, f"{isolate(p.name)} ({p.role.label.lower()})") for p in snapshot.parties]
               if parties else [(issue.id, issue.name) for issue in snapshot.issues])
    for record_id, label in entries:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(record_id not in hidden)
        action.toggled.connect(lambda shown, rid=record_id: setter(rid, not shown))
    menu.addSeparator()
    menu.addAction("Show all", model.show_all)
