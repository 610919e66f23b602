"""File > Export and File > Print: the preview, saving, the brief's period, printing."""

import pypdf
import pytest
from PySide6.QtCore import QSettings, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMainWindow

from negotiations_gui.export import Paper, snapshot_document
from negotiations_gui.ui import prompts
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.exports import preview_dialog as preview
from negotiations_gui.ui.exports import printing
from negotiations_gui.ui.exports.actions import BriefPeriodDialog, install_export_actions
from negotiations_gui.ui.exports.printing import landscape_printer, print_on
from negotiations_gui.ui.settings import ANALYST_NAME, EXPORT_PAPER, Settings

from ...dates import d


class StandInWindow(QMainWindow):
    """What the exports rely on in the main window: store, state, settings, export_menu,
    caseChanged."""

    caseChanged = Signal()

    def __init__(self, store, settings):
        super().__init__()
        self.store = store
        self.state = CaseState(d("2025-08-20"), parent=self)
        self.state.set_compare_with(d("2025-08-05"))
        self.settings = settings
        file_menu = self.menuBar().addMenu("&File")
        self.export_menu = file_menu.addMenu("&Export")
        self.close_action = file_menu.addAction("&Close")

    @property
    def shown_store(self):  # the main window's: the case as known on K, or the case
        return self.store


@pytest.fixture
def window(qtbot, case, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w = StandInWindow(case, settings)
    qtbot.addWidget(w)
    install_export_actions(w)
    return w


@pytest.fixture
def saving_to(monkeypatch):
    """Answer the save dialog with a chosen path; collect warnings instead of showing them."""
    warnings = []
    chosen = {}
    monkeypatch.setattr(prompts, "save_path", lambda *a: str(chosen["path"]))
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warnings.append(text))
    return chosen, warnings


def test_the_menus_hold_the_exports_and_print_after_export(window):
    export_texts = [a.text() for a in window.export_menu.actions() if not a.isSeparator()]
    assert export_texts == ["Grid &snapshot (PDF)…", "&Brief (PDF)…", "Brief (&Markdown)…"]
    file_menu = window.export_menu.parentWidget()
    texts = [a.text() for a in file_menu.actions()]
    assert texts == ["&Export", "&Print…", "&Close"]
    assert all(a.isEnabled() for a in window.export_actions.actions)
    window.store = None
    window.export_actions.update_enabled()
    assert not any(a.isEnabled() for a in window.export_actions.actions)


def test_snapshot_preview_shows_every_page_and_saves_the_pdf(window, saving_to, monkeypatch,
                                                             tmp_path):
    chosen, warnings = saving_to
    chosen["path"] = tmp_path / "snapshot"  # the .pdf suffix is added
    seen = {}

    def run(dialog):
        seen["pages"] = len(dialog.pages_widget.findChildren(QLabel))
        seen["count"] = dialog.document.page_count
        dialog.paper_box.setCurrentIndex(1)  # Letter: laid out again
        seen["paper"] = dialog.document.geometry.paper
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(preview.PdfPreviewDialog, "exec", run)
    dialog = window.export_actions.export_snapshot()
    assert seen["pages"] == seen["count"] >= 1
    assert seen["paper"] is Paper.LETTER
    assert dialog.saved_path == tmp_path / "snapshot.pdf"
    reader = pypdf.PdfReader(dialog.saved_path)
    assert "Positions as of 20 Aug 2025" in reader.pages[0].extract_text().replace("\t", " ")
    assert round(float(reader.pages[0].mediabox.width)) == 792
    assert window.settings.get(EXPORT_PAPER) == "letter"
    assert "Exported to" in window.statusBar().currentMessage()
    assert warnings == []


def test_a_failed_save_warns_keeps_the_preview_open_and_writes_nothing(window, saving_to,
                                                                       monkeypatch, tmp_path):
    chosen, warnings = saving_to
    chosen["path"] = tmp_path / "no such folder" / "snapshot.pdf"
    monkeypatch.setattr(preview.PdfPreviewDialog, "exec", lambda d: (d.save(), d.result())[1])
    dialog = window.export_actions.export_snapshot()
    assert dialog.saved_path is None and dialog.result() != QDialog.DialogCode.Accepted
    assert len(warnings) == 1 and "folder does not exist" in warnings[0]
    assert not chosen["path"].parent.exists()


@pytest.mark.parametrize("markdown", [True, False])
def test_a_brief_asks_for_its_period_then_previews_and_saves(window, saving_to, monkeypatch,
                                                             tmp_path, markdown):
    chosen, _ = saving_to
    chosen["path"] = tmp_path / ("brief.md" if markdown else "brief.pdf")
    periods = []

    def answer_period(dialog):
        periods.append(dialog.period)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BriefPeriodDialog, "exec", answer_period)
    kind = preview.MarkdownPreviewDialog if markdown else preview.PdfPreviewDialog
    monkeypatch.setattr(kind, "exec", lambda d: (d.save(), d.result())[1])
    dialog = window.export_actions.export_brief(markdown=markdown)
    assert periods == [(d("2025-08-05"), d("2025-08-20"))]
    assert dialog.saved_path == chosen["path"]
    if markdown:
        text = chosen["path"].read_text(encoding="utf-8")
    else:
        text = pypdf.PdfReader(chosen["path"]).pages[0].extract_text().replace("\t", " ")
    assert "What changed: 5 Aug 2025" in text


def test_the_period_dialog_refuses_bad_or_reversed_dates(qtbot):
    dialog = BriefPeriodDialog(d("2025-08-05"), d("2025-08-20"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.problem.text() == ""
    dialog.since_edit.setText("2025-02-30")
    assert not ok.isEnabled() and "Feb 2025 has no day 30" in dialog.problem.text()
    dialog.since_edit.setText("2025-09")
    assert not ok.isEnabled() and "after its end" in dialog.problem.text()
    dialog.since_edit.setText("2025-07")
    assert ok.isEnabled() and dialog.period == (d("2025-07"), d("2025-08-20"))


def test_print_sends_the_same_pages_to_the_printer(case, tmp_path):
    document = snapshot_document(case.grid_snapshot(d("2025-08-20")), case.case_info())
    printer = landscape_printer(document)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_on(printer, document) == document.page_count
    reader = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == document.page_count
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "landscape"
    assert "Positions as of 20 Aug 2025" in reader.pages[0].extract_text().replace("\t", " ")


def test_print_action_uses_the_print_dialog(window, monkeypatch):
    printed = []
    monkeypatch.setattr(printing, "print_with_dialog",
                        lambda parent, document: printed.append(document.page_count) or True)
    window.export_actions.print_grid.trigger()
    assert printed and printed[0] >= 1


def test_the_main_window_offers_the_exports_once_a_case_is_open(qtbot, tmp_path, case):
    from negotiations_gui.ui.main_window import MainWindow

    case.close()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set(ANALYST_NAME, "Test Analyst")  # not asked for it (ui/analyst_name.py)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    actions = window.export_actions
    assert not actions.print_grid.isEnabled()
    assert window.open_case(case.path)
    assert all(a.isEnabled() for a in actions.actions)
    assert actions.snapshot_pdf in window.export_menu.actions()
    assert actions.print_grid in window.export_menu.parentWidget().actions()
    window.close_case()
    assert not actions.snapshot_pdf.isEnabled()
