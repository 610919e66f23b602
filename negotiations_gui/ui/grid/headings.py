"""What the grid's party and issue headings do: a double-click edits the party or
issue, a right-click opens its menu (edit, hide, show all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from . import menus

if TYPE_CHECKING:
    from .view import PositionGridView


def connect_headings(view: PositionGridView) -> None:
    """Wire both headers of `view.table` to `view` (its model and editRequested)."""
    table = view.table
    for orientation, header in ((Qt.Orientation.Horizontal, table.horizontalHeader()),
                                (Qt.Orientation.Vertical, table.verticalHeader())):
        header.sectionDoubleClicked.connect(
            lambda section, o=orientation: edit_heading(view, o, section))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda point, o=orientation, h=header: _heading_menu(view, o, h, point))


def edit_heading(view: PositionGridView, orientation: Qt.Orientation, section: int) -> None:
    """Ask to edit the party or issue of a heading."""
    model = view.model
    if orientation == model.party_orientation():
        party = model.party_for_section(section)
        if party is not None:
            view.editRequested.emit("party", party.id)
    else:
        issue = model.issue_for_section(section)
        if issue is not None:
            view.editRequested.emit("issue", issue.id)


def _heading_menu(view: PositionGridView, orientation: Qt.Orientation, header: QHeaderView,
                  point: QPoint) -> None:
    menu = menus.header_menu(view, orientation, header.logicalIndexAt(point))
    menu.exec(header.mapToGlobal(point))
