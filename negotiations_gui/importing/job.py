"""One import from start to end: every row checked, then (all or nothing) inserted.

Shared by the command line and the dialog's worker thread, so both apply
the same rules: nothing is written while any row has a problem, and the
insert is one transaction that a cancel rolls back. The command line checks
and writes in one pass (`one_pass.py`); the dialog plans first, for the user
to see, and inserts when told (`insert_planned`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..domain import CaseData, new_id
from ..store.case_store import CaseStore
from ..store.csv_import import ImportLogEntry, WrittenImport, insert_rows
from .csv_file import CsvTable
from .mapping import ColumnMapping
from .one_pass import case_context, import_in_one_pass
from .plan import ImportPlan, file_problems, plan_import, planned_rows

__all__ = ["ImportOutcome", "case_context", "insert_planned", "log_entry", "run_import"]

# share of the progress bar spent reading rows; the rest is the insert
_PLAN_SHARE = 0.6


def log_entry(table: CsvTable, mapping: ColumnMapping,
              plan: ImportPlan | None) -> ImportLogEntry:
    """The import log's entry for `table` (its counts those of `plan`, 0 without one)."""
    recorded = json.loads(mapping.to_json())
    recorded["content_sha256"] = table.content_sha256  # re-imports are found by content too
    return ImportLogEntry(new_id(), table.path.name, table.sha256,
                          json.dumps(recorded, indent=2, ensure_ascii=False),
                          row_count=plan.row_count - len(plan.skipped_rows) if plan else 0,
                          record_count=plan.record_count if plan else 0)


@dataclass(frozen=True)
class ImportOutcome:
    plan: ImportPlan
    log: ImportLogEntry | None  # None when nothing was written (problems remain)
    # what was written: the plan's parties, issues and sources, those created
    # meanwhile matched, and the change that created its records (for undo)
    result: WrittenImport | None = None

    @property
    def written(self) -> bool:
        return self.log is not None


def run_import(store: CaseStore, table: CsvTable, mapping: ColumnMapping, *,
               fixes: dict[tuple[int, str], str] | None = None,
               skip_rows: frozenset[int] = frozenset(),
               progress: Callable[[int, int], bool] | None = None,
               again: bool = False) -> ImportOutcome:
    """Check every row; when no problem is left, insert it all in one transaction.

    A file that read cleanly, with no fixes or skipped rows, is checked and
    written in one pass (`one_pass.py`, rolled back at a problem); otherwise the
    rows are planned first and inserted after. `progress(per_mille, 1000)`
    covers both; returning False cancels (`PlanCancelled` or `ImportCancelled`),
    leaving the case untouched.
    Unless `again`, an import of the same file or rows committed meanwhile by
    another writer raises `AlreadyImported`.
    """
    if not fixes and not skip_rows and not file_problems(table, mapping, {}):
        return _in_one_pass(store, table, mapping, progress, again)

    def planning(done: int, total: int) -> bool:
        return progress is None or progress(int(_PLAN_SHARE * 1000 * done / max(total, 1)), 1000)

    def inserting(done: int, total: int) -> bool:
        share = _PLAN_SHARE + (1 - _PLAN_SHARE) * done / max(total, 1)
        return progress is None or progress(int(1000 * share), 1000)

    plan = plan_import(table, mapping, case_context(store), fixes=fixes,
                       skip_rows=skip_rows, progress=planning, with_records=False)
    if not plan.ready:
        return ImportOutcome(plan, None)
    log = log_entry(table, mapping, plan)
    written = insert_planned(store, plan, log, inserting, unless_imported=not again)
    return ImportOutcome(plan, log, written)


def _in_one_pass(store: CaseStore, table: CsvTable, mapping: ColumnMapping,
                 progress: Callable[[int, int], bool] | None, again: bool) -> ImportOutcome:
    logged: list[ImportLogEntry] = []

    def log(plan: ImportPlan) -> ImportLogEntry:
        logged.append(log_entry(table, mapping, plan))
        return logged[-1]

    def inserting(done: int, total: int) -> bool:
        return progress is None or progress(int(1000 * done / max(total, 1)), 1000)

    plan, written = import_in_one_pass(store, table, mapping, log_entry(table, mapping, None),
                                       log, inserting, unless_imported=not again)
    if written is None:
        return ImportOutcome(plan, None)
    return ImportOutcome(plan, logged[-1], written)


def insert_planned(store: CaseStore, plan: ImportPlan, log: ImportLogEntry,
                   progress: Callable[[int, int], bool] | None = None, *,
                   unless_imported: bool = False) -> WrittenImport:
    """Insert a ready plan in one transaction, reading its rows again as they are written
    (`planned_rows`): the same records, with the same ids, each time (a redo too)."""
    named = CaseData(parties=plan.data.parties, issues=plan.data.issues,
                     sources=plan.data.sources)
    return insert_rows(store, named, planned_rows(plan), plan.counts, log, progress,
                       unless_imported=unless_imported)
