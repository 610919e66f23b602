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
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...importing import (
    CaseContext,
    ColumnMapping,
    CsvTable,
    ImportPlan,
    PlanCancelled,
    plan_import,
)
from ...importing.job import insert_planned
from ...store import CaseFileError, CaseStore
from ...store.csv_import import (
    AlreadyImported,
    ImportCancelled,
    ImportLogEntry,
    WrittenImport,
    delete_import,
)
from ..case_state import CaseState
from ..commands import CaseCommand
from ..plain_text import isolate

IMPORT_TABLES = frozenset({"events", "positions", "parties", "sources", "issues"})


@dataclass(frozen=True)
class _Check:
    """Check every row of `table` against the case: the plan of what an import adds."""

    table: CsvTable
    mapping: ColumnMapping
    case: CaseContext
    fixes: dict
    skips: frozenset[int]


@dataclass(frozen=True)
class _Insert:
    """Write a checked plan's records into the case file at `path`."""

    path: Path
    plan: ImportPlan
    log: ImportLogEntry
    unless_imported: bool


class ImportWorker(QObject):
    """Runs one job on its own thread; `finished(kind, result)` comes back by signal.

    kind is "checked" (result: ImportPlan), "inserted" (result: the WrittenImport),
    "cancelled", "failed" (result: the message for the user) or "crashed"
    (result: the unexpected exception, a bug, with its traceback, for the
    crash handler on the GUI thread).
    """

    progress = Signal(int, int)
    finished = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._job: _Check | _Insert | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def _keep_going(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel.is_set()

    def prepare_check(self, table: CsvTable, mapping: ColumnMapping, case: CaseContext,
                      fixes: dict, skips: frozenset[int]) -> None:
        self._job = _Check(table, mapping, case, dict(fixes), frozenset(skips))

    def prepare_insert(self, case_path: Path, plan: ImportPlan, log: ImportLogEntry,
                       unless_imported: bool = False) -> None:
        self._job = _Insert(case_path, plan, log, unless_imported)

    @Slot()
    def run(self) -> None:
        job = self._job
        try:
            if isinstance(job, _Check):
                plan = plan_import(job.table, job.mapping, job.case, fixes=job.fixes,
                                   skip_rows=job.skips, progress=self._keep_going,
                                   with_records=False)
                self.finished.emit("checked", plan)
            elif isinstance(job, _Insert):
                with CaseStore.open(job.path) as store:
                    written = insert_planned(store, job.plan, job.log, self._keep_going,
                                             unless_imported=job.unless_imported)
                self.finished.emit("inserted", written)
            else:
                raise RuntimeError("the import worker was started with no job prepared")
        except (PlanCancelled, ImportCancelled):
            self.finished.emit("cancelled", None)
        except (CaseFileError, ValueError, AlreadyImported) as exc:
            self.finished.emit("failed", str(exc))
        except Exception as exc:
            # Never re-raised here: the crash dialog must be built on the GUI thread,
            # and the dialog must not be left waiting for a result.
            self.finished.emit("crashed", exc)


def start_worker(worker: ImportWorker, owner: QObject) -> QThread:
    """Move `worker` to a new thread and run it; the thread ends with the job."""
    thread = QThread(owner)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.start()
    return thread


class CsvImportCommand(CaseCommand):
    """Undo step of an import already written by the worker (see `apply`)."""

    def __init__(self, store: CaseStore, state: CaseState, plan: ImportPlan,
                 written: WrittenImport, log: ImportLogEntry):
        counts = f"{plan.event_count:,} events" if plan.event_count else \
            f"{plan.position_count:,} positions"
        super().__init__(store, state, f"Import {counts} from “{isolate(log.file_name)}”")
        self.plan = plan
        self.written = written
        self.log = log

    def apply(self) -> None:
        """The import is already in the file (written on the worker thread): announce it."""
        self._announce(set(IMPORT_TABLES))
        self._applied = True

    def _do(self) -> set[str]:
        # the same records with the same ids (read from the file's rows again), though
        # what is inserted may differ from before (a party of that name added meanwhile)
        self.written = insert_planned(self.store, self.plan, self.log)
        return set(IMPORT_TABLES)

    def _undo(self) -> set[str]:
        delete_import(self.store, self.written, self.log.id)
        return set(IMPORT_TABLES)
