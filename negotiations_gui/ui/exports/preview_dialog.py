"""Preview before saving: the rendered pages of a PDF export, or the Markdown text.

The pages shown are drawn from the same laid-out document the PDF is written
from, so what the user sees is what the file will hold. Changing the paper
lays the document out again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...export.document import PagedDocument, page_image, pdf_bytes
from ...export.page import Paper
from ...export.save import ExportError, write_atomically
from .. import prompts
from .printing import print_with_dialog

PREVIEW_DPI = 80.0


class PdfPreviewDialog(QDialog):
    """Shows every page; Save writes the PDF, Print sends the same pages to a printer."""

    def __init__(self, title: str, build: Callable[[Paper], PagedDocument], paper: Paper,
                 suggested: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdf_preview")
        self.resize(1000, 760)
        self._build = build
        self.suggested = suggested
        self.saved_path: Path | None = None
        self.document = build(paper)

        self.paper_box = QComboBox(self)
        for choice in Paper:
            self.paper_box.addItem(f"{choice.label}, landscape", choice.value)
        self.paper_box.setCurrentIndex(list(Paper).index(paper))
        self.paper_box.currentIndexChanged.connect(lambda _i: self._lay_out())
        self.page_count = QLabel(self)
        self.page_count.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(QLabel("Paper:", self))
        top.addWidget(self.paper_box)
        top.addStretch(1)
        top.addWidget(self.page_count)

        self.pages_widget = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.pages_widget)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setBackgroundRole(QPalette.ColorRole.Dark)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = QPushButton("&Print…", self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_pages)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        self._show_pages()

    @property
    def paper(self) -> Paper:
        return Paper(self.paper_box.currentData())

    def _lay_out(self) -> None:
        self.document = self._build(self.paper)
        self._show_pages()

    def _show_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index in range(self.document.page_count):
            label = QLabel(self.pages_widget)
            label.setPixmap(QPixmap.fromImage(page_image(self.document, index, PREVIEW_DPI)))
            label.setFrameShape(QLabel.Shape.Box)
            label.setAccessibleName(f"Page {index + 1}")
            self.pages_layout.addWidget(label)
        count = self.document.page_count
        self.page_count.setText(f"{count} page" + ("" if count == 1 else "s"))

    def save(self) -> None:
        chosen = prompts.save_path(self, "Save PDF", str(self.suggested), "PDF files (*.pdf)")
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_atomically(target, pdf_bytes(self.document))
        except ExportError as exc:
            prompts.warn(self, "Export failed", str(exc))
            return
        self.saved_path = target
        self.accept()

    def print_pages(self) -> None:
        print_with_dialog(self, self.document)


class MarkdownPreviewDialog(QDialog):
    """Shows the Markdown brief as plain text; Save writes it as UTF-8."""

    def __init__(self, title: str, text: str, suggested: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("markdown_preview")
        self.resize(900, 700)
        self.text = text
        self.suggested = suggested
        self.saved_path: Path | None = None
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setPlainText(text)
        self.view.setFont(QFont("Noto Sans", 10))
        buttons = QDialogButtonBox(self)
        save = buttons.addButton("&Save Markdown…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        save.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def save(self) -> None:
        chosen = prompts.save_path(self, "Save Markdown", str(self.suggested),
                                   "Markdown files (*.md)")
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in (".md", ".markdown"):
            target = target.with_name(target.name + ".md")
        try:
            write_atomically(target, self.text.encode("utf-8"))
        except ExportError as exc:
            prompts.warn(self, "Export failed", str(exc))
            return
        self.saved_path = target
        self.accept()
