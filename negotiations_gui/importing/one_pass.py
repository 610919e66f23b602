"""An import that checks and writes each row in one pass over the file, in one transaction.

The dialog checks a file first, shows its problems and the parties it would
create, and inserts it when the user says so: it reads the rows twice. The
command line has no such pause, and reading a file's rows a second time (the
csv parse and every cell read into records again) was a third of a
100,000-row import. Here each row is read once, under the write lock, so the
case cannot change under it: its records go to the store as they are read,
and a party or source a row names for the first time is written just before
the first record naming it (`csv_import.insert_streamed`). The first row with
a problem stops the writing; the rest of the file is still checked, so that
every problem is reported, and the transaction is rolled back: nothing is
written, as when the check comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..domain import CaseData
from ..store.case_store import CaseStore
from ..store.csv_import import ImportLogEntry, WrittenImport, insert_streamed
from .csv_file import CsvTable
from .mapping import ColumnMapping, Target
from .plan import (
    ImportPlan,
    PlannedRows,
    Read,
    finished_plan,
    new_party_records,
    start_reading,
    values_from,
)
from .row_reader import CaseContext, RowReader
from .row_records import RowRecords


class _Refused(Exception):
    """A row has a problem: the insert stops, and is rolled back."""


class OnePassImport:
    """One file's rows read into the case as they are checked (`csv_import.RowStream`)."""

    def __init__(self, table: CsvTable, mapping: ColumnMapping,
                 log: Callable[[ImportPlan], ImportLogEntry]):
        self.table = table
        self.mapping = mapping
        self._log = log
        self._reader: RowReader | None = None
        self._read = Read()
        self._given = (0, 0, 0)  # parties, issues, sources handed out by `new_named`
        self.plan: ImportPlan | None = None  # once every row is read

    def estimate(self) -> dict[str, int]:
        """The rows each table may gain: about one event (and one link of each kind)
        or one position per row."""
        rows = len(self.table.rows)
        if self.mapping.target is not Target.EVENTS:
            return {"positions": rows, "position_sources": rows}
        coded = rows if self.mapping.issue_columns else 0
        return {"events": rows, "event_parties": rows, "event_issues": coded,
                "event_tags": rows, "event_sources": rows, "positions": coded,
                "position_sources": coded}

    def rows(self, store: CaseStore) -> Iterator[RowRecords]:
        case = case_context(store)
        reader, new_issues, ids = start_reading(self.table, self.mapping, case, {})
        self._reader = reader
        planned = PlannedRows(self.table, self.mapping, case, {}, frozenset(), new_issues,
                              ids.seed)
        total = len(self.table.rows)
        refused = False
        for index, cells in enumerate(self.table.rows):
            number = CsvTable.row_number(index)
            if refused:
                self._read.problems.extend(reader.check(number, cells))
                continue
            problems, records = reader.records(number, cells)
            if problems or records is None:
                self._read.problems.extend(problems)
                refused = True  # nothing more is written; the rest is only checked
                continue
            yield records
        self.plan = finished_plan(reader, self._read, total, planned)
        if refused:
            raise _Refused()

    def new_named(self) -> CaseData:
        reader = self._reader
        if reader is None:
            return CaseData()
        parties, issues, sources = self._given
        new = CaseData(parties=tuple(new_party_records(reader, parties)),
                       issues=tuple(values_from(reader.new_issues, issues)),
                       sources=tuple(values_from(reader.new_sources, sources)))
        self._given = (parties + len(new.parties), issues + len(new.issues),
                       sources + len(new.sources))
        return new

    def named(self) -> CaseData:
        plan = self._finished()
        return CaseData(parties=plan.data.parties, issues=plan.data.issues,
                        sources=plan.data.sources)

    def counts(self) -> dict[str, int]:
        return self._finished().counts

    def log(self) -> ImportLogEntry:
        return self._log(self._finished())

    def _finished(self) -> ImportPlan:
        if self.plan is None:
            raise ValueError("the rows have not all been read")
        return self.plan


def case_context(store: CaseStore) -> CaseContext:
    """What an import needs to know of the case: its parties, issues and sources."""
    return CaseContext(tuple(store.parties()), tuple(store.issues()), tuple(store.sources()))


def import_in_one_pass(store: CaseStore, table: CsvTable, mapping: ColumnMapping,
                       before: ImportLogEntry, log: Callable[[ImportPlan], ImportLogEntry],
                       progress: Callable[[int, int], bool] | None = None, *,
                       unless_imported: bool = False
                       ) -> tuple[ImportPlan, WrittenImport | None]:
    """Check every row of `table` and write it, in one pass and one transaction.

    Returns the plan (its problems, the parties it named) and what was written:
    None, with nothing written, when a row has a problem. `progress(done, total)`
    is called between batches of rows (returning False cancels: `ImportCancelled`,
    nothing written). `before` names the
    file and its hashes (an earlier import of it is refused, `unless_imported`);
    `log(plan)` is the import's log entry, asked for once every row is read.
    """
    stream = OnePassImport(table, mapping, log)
    try:
        written = insert_streamed(store, stream, before, stream.estimate(), progress,
                                  unless_imported=unless_imported)
    except _Refused:
        written = None
    if stream.plan is None:  # (cannot be: the rows were all read, or it raised)
        raise ValueError("the import ended before its rows were read")
    return stream.plan, written
