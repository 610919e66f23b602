"""The merge dialog: what another case file brings in, and each conflict side by side.

For every record changed in both files since their last common change, the
fields that differ are shown in two columns (this file, the other file), each
headed with who changed it and when. The analyst keeps this file's version,
takes the other's, or edits the result (the "Result" column, for text
fields). Everything shown is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.revisions import STAMP_FIELDS, describe, value_text
from ..store.merge import OURS, THEIRS
from ..store.merge_plan import Conflict, MergePlan
from .plain_text import isolate

_KIND_WORDS = {"party": "Party", "issue": "Issue", "source": "Source", "event": "Event",
               "proposal": "Proposal", "position": "Position", "assessment": "Gap assessment",
               "case": "Case properties"}


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _title(conflict: Conflict) -> str:
    values = conflict.ours or conflict.theirs or {}
    name = next((values[n] for n in ("title", "name", "summary") if values.get(n)), "")
    kind = _KIND_WORDS.get(conflict.kind, conflict.kind)
    return f"{kind} “{isolate(name)}”" if name else kind


def _fields(conflict: Conflict) -> list[str]:
    if conflict.ours is None or conflict.theirs is None:
        values = conflict.ours or conflict.theirs or {}
        return [n for n in values if n not in STAMP_FIELDS and n != "id"]
    names = list(dict.fromkeys([*conflict.ours, *conflict.theirs]))
    return [n for n in names if n not in STAMP_FIELDS
            and conflict.ours.get(n) != conflict.theirs.get(n)]


def _side(values: dict | None, name: str) -> str:
    if values is None:
        return "(deleted)"
    value = values.get(name)
    # text in full: the analyst compares the two versions word by word
    return value if isinstance(value, str) and value else value_text(value)


class ConflictBox(QGroupBox):
    """One conflict: the differing fields side by side, and the choice."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None):
        super().__init__(f"{_title(conflict)}: {conflict.reason}", parent)
        self.conflict = conflict
        self.fields = _fields(conflict)
        layout = QVBoxLayout(self)
        for side, change in (("This file", conflict.our_change),
                             ("The other file", conflict.their_change)):
            if change is not None:
                layout.addWidget(_label(f"{side}: {describe(change)}", self))
        self.table = QTableWidget(len(self.fields), 4, self)
        self.results: list[QTableWidgetItem] = []
        self.table.setHorizontalHeaderLabels(["Field", "This file", "Other file", "Result"])
        self.table.verticalHeader().hide()
        for row, name in enumerate(self.fields):
            cells = [name.replace("_", " "), _side(conflict.ours, name),
                     _side(conflict.theirs, name), _side(conflict.ours, name)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                editable = column == 3 and self._editable(name)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
                self.table.setItem(row, column, item)
                if column == 3:
                    self.results.append(item)  # the result, one per field
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):  # the two sides and the result, side by side, equally wide
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # rows follow their wrapped text as the columns take the dialog's width
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(min(40 + 48 * len(self.fields), 260))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.keep_ours = QRadioButton("Keep &this file's version", self)
        self.take_theirs = QRadioButton("Take the &other file's version", self)
        self.edited = QRadioButton("Keep the &result as edited", self)
        self.group = QButtonGroup(self)
        for button in (self.keep_ours, self.take_theirs, self.edited):
            self.group.addButton(button)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.keep_ours.setChecked(True)
        self.edited.setEnabled(any(self._editable(n) for n in self.fields))
        self.keep_ours.toggled.connect(self._show_ours)
        self.take_theirs.toggled.connect(self._show_theirs)
        self.table.itemChanged.connect(self._result_edited)
        self._filling = False

    def _editable(self, name: str) -> bool:
        both = [v for v in (self.conflict.ours, self.conflict.theirs) if v is not None]
        return len(both) == 2 and all(isinstance(v.get(name), str) for v in both) \
            and not name.endswith("_id") and name not in ("date", "end", "stance", "role",
                                                          "status", "gap", "colour")

    def _show_ours(self, on: bool) -> None:
        if on:
            self._fill(self.conflict.ours)

    def _show_theirs(self, on: bool) -> None:
        if on:
            self._fill(self.conflict.theirs)

    def _fill(self, values: dict | None) -> None:
        self._filling = True
        for item, name in zip(self.results, self.fields, strict=True):
            item.setText(_side(values, name))
        self._filling = False

    def _result_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == 3 and not self._filling:
            self.edited.setChecked(True)

    def choice(self):
        """OURS, THEIRS, or the edited values."""
        if self.take_theirs.isChecked():
            return THEIRS
        if not self.edited.isChecked() or self.conflict.ours is None:
            return OURS
        values = dict(self.conflict.ours)
        for item, name in zip(self.results, self.fields, strict=True):
            if self._editable(name):
                values[name] = item.text()
        return values


class MergeDialog(QDialog):
    def __init__(self, plan: MergePlan, other_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Merge “{isolate(other_name)}”")
        self.setObjectName("merge_dialog")
        self.plan = plan
        counts = plan.counts()
        summary = (f"“{isolate(other_name)}” holds {len(plan.new_changes)} change(s) this case has "
                   f"not seen: {counts['added']} record(s) to add, {counts['changed']} to "
                   f"change, {counts['deleted']} to delete.")
        if not plan.same_case:
            summary += (f" It is a file of another case: {len(plan.matched)} parties and "
                        "issues were matched by name.")
        summary += (f" {len(plan.conflicts)} record(s) were changed in both files: choose "
                    "for each what to keep." if plan.conflicts else " There are no conflicts.")
        summary += " The merge is one step: Edit > Undo takes it back."
        layout = QVBoxLayout(self)
        layout.addWidget(_label(summary, self))
        body = QWidget(self)
        column = QVBoxLayout(body)
        self.boxes = [ConflictBox(c, body) for c in plan.conflicts]
        for box in self.boxes:
            column.addWidget(box)
        column.addStretch()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 640 if self.boxes else 200)

    def choices(self) -> dict:
        return {(b.conflict.kind, b.conflict.record_id): b.choice() for b in self.boxes}
