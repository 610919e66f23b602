"""What the window shows with no case open: New, Open, the demo, and the recent cases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME


class WelcomePage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentRequested = Signal(object)  # Path

    def __init__(self, recent: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(APP_NAME, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        title.setFont(font)
        hint = QLabel("Open a case file, or create a new one.", self)
        self.new_button = QPushButton("&New Case…", self)
        self.open_button = QPushButton("&Open Case…", self)
        self.demo_button = QPushButton("Try the &Demo Case", self)
        self.demo_button.setToolTip("Open your copy of the bundled demo: Egyptian–Qatari "
                                    "mediation between Israel and Hamas, August 2025")
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.recent_list = QListWidget(self)
        self.recent_list.setMaximumWidth(640)
        for path in recent:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent_list.addItem(item)
        self.recent_list.itemActivated.connect(
            lambda item: self.recentRequested.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, hint, self.new_button, self.open_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        if recent:
            recent_label = QLabel("Recent cases:", self)
            layout.addWidget(recent_label, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.recent_list, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.recent_list.hide()
        layout.addStretch(2)
        for label in (title, hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
