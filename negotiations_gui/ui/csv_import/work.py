"""The long parts of a CSV import, off the GUI thread, and the undo command.

`ImportWorker` checks every row (`check`) or inserts a checked plan
(`insert`) on a `QThread`, reporting progress and its result by signal, so
the window keeps repainting and Cancel is heard. The insert uses its own
connection to the case file: the window's connection never sees a
half-written import, and a cancel rolls the one transaction back.

`CsvImportCommand` is the one undo step an import makes: undo deletes exactly
the records it inserted, redo inserts them again, each in one transaction.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QUndoCommand

from ...domain import CaseData
from ...importing import CaseContext, ColumnMapping, CsvTable, PlanCancelled, plan_import
from ...store import CaseFileError, CaseStore
from ...store.csv_import import ImportCancelled, ImportLogEntry, delete_import, insert_import

IMPORT_TABLES = frozenset({"events", "positions", "parties", "sources", "issues"})


class ImportWorker(QObject):
    """Runs one job on its own thread; `finished(kind, result)` comes back by signal.

    kind is "checked" (result: ImportPlan), "inserted" (result: the CaseData written),
    "cancelled" or "failed" (result: the message).
    """

    progress = Signal(int, int)
    finished = Signal(str, object)

    def __init__(self):
        super().__init__()
        self._cancel = threading.Event()
        self._job = None

    def cancel(self) -> None:
        self._cancel.set()

    def _keep_going(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel.is_set()

    def prepare_check(self, table: CsvTable, mapping: ColumnMapping, case: CaseContext,
                      fixes: dict, skips: frozenset[int]) -> None:
        self._job = ("check", table, mapping, case, dict(fixes), frozenset(skips))

    def prepare_insert(self, case_path: Path, data: CaseData, log: ImportLogEntry) -> None:
        self._job = ("insert", case_path, data, log)

    @Slot()
    def run(self) -> None:
        try:
            if self._job[0] == "check":
                _, table, mapping, case, fixes, skips = self._job
                plan = plan_import(table, mapping, case, fixes=fixes, skip_rows=skips,
                                   progress=self._keep_going)
                self.finished.emit("checked", plan)
            else:
                _, path, data, log = self._job
                with CaseStore.open(path) as store:
                    written = insert_import(store, data, log, self._keep_going)
                self.finished.emit("inserted", written)
        except (PlanCancelled, ImportCancelled):
            self.finished.emit("cancelled", None)
        except (CaseFileError, ValueError) as exc:
            self.finished.emit("failed", str(exc))
        except Exception as exc:  # a bug: say so rather than leave the dialog waiting
            self.finished.emit("failed", f"unexpected error: {exc!r}")
            raise


def start_worker(worker: ImportWorker, owner: QObject) -> QThread:
    """Move `worker` to a new thread and run it; the thread ends with the job."""
    thread = QThread(owner)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.start()
    return thread


class CsvImportCommand(QUndoCommand):
    """Undo step of an import already written by the worker (see `apply`)."""

    def __init__(self, store: CaseStore, state, data: CaseData, log: ImportLogEntry):
        counts = f"{len(data.events):,} events" if data.events else \
            f"{len(data.positions):,} positions"
        super().__init__(f"Import {counts} from “{log.file_name}”")
        self.store = store
        self.state = state
        self.data = data
        self.log = log
        self._first_redo_done = False
        self.error: CaseFileError | None = None

    def apply(self) -> None:
        """The import is already in the file (written on the worker thread): announce it."""
        self._first_redo_done = True
        self._notify()

    def redo(self) -> None:
        if self._first_redo_done:
            self._first_redo_done = False
            return
        self._run(self._insert_again)

    def _insert_again(self) -> None:
        # what is inserted may differ from before (a party of that name added meanwhile)
        self.data = insert_import(self.store, self.data, self.log)

    def undo(self) -> None:
        self._run(lambda: delete_import(self.store, self.data, self.log.id))

    def _run(self, step) -> None:
        self.error = None
        try:
            step()
        except CaseFileError as exc:
            self.error = exc
            return
        self._notify()

    def _notify(self) -> None:
        if self.state is not None:
            self.state.notify_changed(IMPORT_TABLES)
