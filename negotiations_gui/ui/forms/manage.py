"""Case > Parties / Issues / Sources: the list of one kind, with add, edit, delete
and (for parties and issues) reordering. Every change is a command on the
window's undo stack; the list follows changes made anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..plain_text import isolate
from ..record_kinds import KINDS


def _line(kind: str, record) -> str:
    if kind == "party":
        return f"{isolate(record.name)} ({record.role.label.lower()})"
    if kind == "source":
        return f"{record.grade}  {isolate(record.title)}"
    return record.name


class ManageDialog(QDialog):
    def __init__(self, kind: str, store, state, editor, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.store = store
        self.editor = editor  # a RecordEditor: every change goes through its commands
        self.record_kind = KINDS[kind]
        self.setWindowTitle(self.record_kind.plural)
        self.setMinimumSize(420, 360)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(lambda _item: self._edit())
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.delete_button = QPushButton("&Delete", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move do&wn", self)
        self.add_button.clicked.connect(lambda: editor.new_record(kind))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button,
                       self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        orderable = kind in ("party", "issue")
        self.up_button.setVisible(orderable)
        self.down_button.setVisible(orderable)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        editable = not store.read_only
        for button in (self.add_button, self.edit_button, self.delete_button,
                       self.up_button, self.down_button):
            button.setEnabled(editable)
        state.dataChanged.connect(self._changed)
        self.reload()

    def _changed(self, tables) -> None:
        if self.record_kind.table in tables:
            self.reload()

    def reload(self) -> None:
        current = self.selected_id()
        self.list.clear()
        for record in self.record_kind.all(self.store):
            item = QListWidgetItem(_line(self.kind, record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
            if record.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def selected_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def _edit(self) -> None:
        if self.selected_id():
            self.editor.edit_record(self.kind, self.selected_id())

    def _delete(self) -> None:
        if self.selected_id():
            self.editor.delete_record(self.kind, self.selected_id())

    def _move(self, delta: int) -> None:
        if self.selected_id():
            self.editor.move_record(self.kind, self.selected_id(), delta)
