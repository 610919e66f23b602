"""File > Print: the same pages as the PDF, on a printer chosen in QPrintDialog."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ...export.document import PagedDocument, paint_on
from ...export.page import LAYOUT_DPI


def landscape_printer(document: PagedDocument) -> QPrinter:
    """A high-resolution printer set up for the document's paper, landscape, full page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(document.geometry.paper.page_size,
                                      QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    # our own margins are in the layout; page coordinates start at the paper's corner
    printer.setFullPage(True)
    printer.setDocName(document.title)
    return printer


def print_on(printer: QPrinter, document: PagedDocument) -> int:
    """Print the pages the printer's range asks for (all by default); return how many."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        first, last = 1, document.page_count
    pages = list(range(max(1, first) - 1, min(last, document.page_count)))
    paint_on(printer, document, printer.resolution() / LAYOUT_DPI, pages)
    return len(pages)


def print_with_dialog(parent: QWidget | None, document: PagedDocument) -> bool:
    """Ask for a printer and print; False when the user cancels."""
    printer = landscape_printer(document)
    printer.setFromTo(1, document.page_count)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setMinMax(1, document.page_count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_on(printer, document)
    return True
