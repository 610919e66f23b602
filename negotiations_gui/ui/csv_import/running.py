"""The running half of the CSV import dialog: check, confirm, insert, cancel.

The base class of `CsvImportDialog`, which builds the widgets it declares.
Every long step runs on an `ImportWorker` thread; the window keeps
repainting, Cancel is heard between chunks, and the worker's result comes
back by signal. Nothing is written until every row is
free of problems and the user has confirmed (new parties named); a cancel
during the insert rolls its one transaction back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QThread
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from ...importing import ColumnMapping, CsvTable, ImportPlan, MappingError, check_mapping
from ...importing.job import case_context, log_entry
from ...store import CaseStore
from ...store.csv_import import ImportLogEntry, WrittenImport, previous_imports
from .. import prompts
from ..case_state import CaseState
from ..plain_text import isolate
from .mapping_form import MappingForm
from .models import NewPartyModel, ProblemModel
from .result_tabs import PROBLEMS_TAB, ResultTabs
from .status_text import confirm_text
from .work import CsvImportCommand, ImportWorker, start_worker


class ImportRunning(QDialog):
    """The running half of `CsvImportDialog`, which makes what is declared here."""

    # the case, and where the import's undo step goes (None: applied at once)
    store: CaseStore
    state: CaseState
    push: Callable[[CsvImportCommand], object] | None
    # the file read, and the user's choices for its rows
    table: CsvTable | None
    fixes: dict[tuple[int, str], str]
    skips: set[int]
    # the last whole-file check, the import's undo step once written
    checked_plan: ImportPlan | None
    command: CsvImportCommand | None
    # the job running, and the checked plan waiting for its insert to finish
    _worker: ImportWorker | None
    _thread: QThread | None
    _pending_insert: tuple[ImportPlan, ImportLogEntry] | None
    _again: bool  # the user asked to import a file imported before again
    # the dialog's widgets
    status: QLabel
    progress: QProgressBar
    form: MappingForm
    tabs: ResultTabs
    problem_model: ProblemModel
    party_model: NewPartyModel
    problem_view: QTableView
    party_view: QTableView
    encoding_combo: QComboBox
    delimiter_combo: QComboBox
    mapping_combo: QComboBox
    choose_button: QPushButton
    save_mapping_button: QPushButton
    forget_choices_button: QPushButton
    skip_all_button: QPushButton
    unskip_button: QPushButton
    cancel_button: QPushButton
    import_button: QPushButton
    close_button: QPushButton

    def current_mapping(self) -> ColumnMapping:
        raise NotImplementedError  # the dialog's: the mapping the form shows

    def start_import(self) -> None:
        """Check every row (on the worker); the insert follows if the check is clean."""
        table = self.table
        if table is None or self._thread is not None:
            return
        if self.store.read_only:
            prompts.warn(self, "Read-only case",
                         "This case is open read-only; nothing can be imported.")
            return
        earlier = previous_imports(self.store, table.sha256, table.content_sha256)
        if earlier and not self._confirm_again(earlier[-1]):
            return
        # asked and answered: import again; not asked: refuse one committed meanwhile
        self._again = bool(earlier)
        try:
            check_mapping(table, self.current_mapping(), case_context(self.store))
        except MappingError as exc:
            self.status.setText(f"Mapping: {exc}.")
            return
        worker = ImportWorker()
        worker.prepare_check(table, self.current_mapping(), case_context(self.store),
                             self.fixes, frozenset(self.skips))
        self._run(worker, "Checking every row…")

    def _confirm_again(self, entry: ImportLogEntry) -> bool:
        when = entry.imported_at[:16].replace("T", " ")
        return prompts.ask(
            self, "File imported before",
            f"This same file (“{isolate(entry.file_name)}”) was imported into this case on "
            f"{when} UTC, "
            f"adding {entry.record_count:,} records.\n\nImport it again?",
            yes="Import again", no="Cancel")

    def _run(self, worker: ImportWorker, text: str) -> None:
        self._worker = worker
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)
        self.status.setText(text)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        for widget in (self.import_button, *self._inputs()):
            widget.setEnabled(False)
        self._thread = start_worker(worker, self)

    def _inputs(self) -> tuple[QWidget, ...]:
        """Everything that could change the file, mapping or choices while a job runs."""
        return (self.choose_button, self.encoding_combo, self.delimiter_combo, self.form,
                self.mapping_combo, self.save_mapping_button, self.problem_view,
                self.party_view, self.forget_choices_button, self.skip_all_button,
                self.unskip_button, self.close_button, self.tabs.split_view)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(1000 * done / max(total, 1)))

    def _cancel_work(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _finished(self, kind: str, result: object) -> None:
        # quit() here, not only through the queued signal: that would arrive after
        # this slot returns, and wait() would never end
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self.progress.hide()
        self.cancel_button.hide()
        for widget in self._inputs():
            widget.setEnabled(True)
        self.import_button.setEnabled(True)
        if kind == "checked" and isinstance(result, ImportPlan):
            self._checked(result)
        elif kind == "inserted" and isinstance(result, WrittenImport):
            self._inserted(result)
        elif kind == "crashed" and isinstance(result, BaseException):
            self._pending_insert = None
            self.status.setText("Nothing was imported: an unexpected error stopped the import.")
            # on the GUI thread: the crash handler shows the report and logs it
            sys.excepthook(type(result), result, result.__traceback__)
        elif kind == "cancelled":
            self._pending_insert = None
            self.status.setText("Cancelled: nothing was imported; the case is as it was.")
        else:
            self._pending_insert = None
            self.status.setText(f"Nothing was imported: {result}")
            prompts.warn(self, "Nothing was imported", str(result))

    def _checked(self, plan: ImportPlan) -> None:
        self.checked_plan = plan
        self.problem_model.set_problems(plan.problems, self.fixes, self.skips)
        self.party_model.set_parties(plan.new_parties)
        self.tabs.show_counts(len(plan.problems), len(plan.new_parties), len(plan.splits))
        if plan.problems:
            rows = len({p.row for p in plan.problems})
            self.tabs.setCurrentIndex(PROBLEMS_TAB)
            self.status.setText(f"Nothing was imported: {rows:,} of {plan.row_count:,} rows have "
                                "problems. Fix each value or skip its row, then Import again.")
            return
        if not self._confirm(plan):
            self.status.setText("Nothing was imported.")
            return
        if self.table is None:
            return  # the file was closed meanwhile (the inputs are disabled while checking)
        log = log_entry(self.table, self.current_mapping(), plan)
        self._pending_insert = (plan, log)
        worker = ImportWorker()
        worker.prepare_insert(self.store.path, plan, log,
                              unless_imported=not self._again)
        self._run(worker, f"Importing {plan.record_count:,} records…")

    def _confirm(self, plan: ImportPlan) -> bool:
        return prompts.ask(self, "Confirm import", confirm_text(plan), yes="Import",
                           no="Cancel")

    def _inserted(self, written: WrittenImport) -> None:
        if self._pending_insert is None:
            return
        plan, log = self._pending_insert
        self._pending_insert = None
        self.command = CsvImportCommand(self.store, self.state, plan, written, log)
        if self.push is not None:
            self.push(self.command)
        else:
            self.command.apply()
        self.accept()

    def reject(self) -> None:
        if self._thread is not None:
            self._cancel_work()  # Escape or Close while working means Cancel
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._thread is not None:
            self._cancel_work()
            event.ignore()
            return
        super().closeEvent(event)
