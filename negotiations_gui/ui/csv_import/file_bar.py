"""The top of the CSV import dialog: the file, how it is written, and the mapping used.

Encoding and delimiter start at "Detected" (what `sniff_format` found); the
mapping drop-down lists the named mappings saved in the configuration folder.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...importing import saved_mapping_names
from ...importing.csv_file import ENCODINGS

NEW_MAPPING = "— unsaved mapping —"
DETECTED = "Detected"
DELIMITERS = (("Comma", ","), ("Semicolon", ";"), ("Tab", "\t"), ("Bar |", "|"))


class FileBar(QWidget):
    """File, format and mapping rows; the dialog connects their signals."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Choose a CSV file…")
        self.choose_button = QPushButton("Choose…")
        self.format_label = QLabel()
        self.format_label.setTextFormat(Qt.TextFormat.PlainText)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItems([DETECTED, *ENCODINGS])
        self.delimiter_combo = QComboBox()
        self.delimiter_combo.addItem(DETECTED, None)
        for label, value in DELIMITERS:
            self.delimiter_combo.addItem(label, value)
        self.mapping_combo = QComboBox()
        self.mapping_combo.addItem(NEW_MAPPING)
        self.mapping_combo.addItems(saved_mapping_names())
        self.save_mapping_button = QPushButton("Save mapping as…")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(QLabel("File:"))
        line.addWidget(self.path_edit, 1)
        line.addWidget(self.choose_button)
        layout.addLayout(line)
        line = QHBoxLayout()
        line.addWidget(self.format_label, 1)
        line.addWidget(QLabel("Encoding:"))
        line.addWidget(self.encoding_combo)
        line.addWidget(QLabel("Delimiter:"))
        line.addWidget(self.delimiter_combo)
        layout.addLayout(line)
        line = QHBoxLayout()
        line.addWidget(QLabel("Mapping:"))
        line.addWidget(self.mapping_combo, 1)
        line.addWidget(self.save_mapping_button)
        layout.addLayout(line)

    def chosen_encoding(self) -> str | None:
        text = self.encoding_combo.currentText()
        return None if text == DETECTED else text

    def reset_format(self) -> None:
        """Back to "Detected" for a new file, without re-reading anything."""
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def set_format(self, encoding: str | None, delimiter: str | None) -> None:
        """Show a saved mapping's encoding and delimiter, without re-reading anything."""
        encoding_index = self.encoding_combo.findText(encoding or DETECTED)
        delimiter_index = self.delimiter_combo.findData(delimiter)
        for combo, index in ((self.encoding_combo, encoding_index),
                             (self.delimiter_combo, delimiter_index)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
