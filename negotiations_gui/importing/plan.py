"""From a CSV table and a mapping to the records an import would add.

`plan_import` reads every row (or the first few, for the live preview) and
returns an `ImportPlan`: the new events, positions, parties and sources, and
one `RowProblem` per bad cell, saying row, column and why. Nothing is written
here; the store inserts a plan in one transaction. A row with a problem adds
nothing; the user fixes its cells (`fixes`) or skips it (`skip_rows`), and
the import starts only when no problem is left.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..domain import CaseData, Event, Issue, Party, PartyRole, Position
from ..domain.names import name_key
from .csv_file import CsvTable
from .mapping import SCALES, ColumnMapping, MappingError
from .ordered_ids import OrderedIds, Seed
from .party_names import NewParty
from .problems import RowProblem
from .row_reader import CaseContext, RowOutcome, RowReader, find_issue
from .row_records import RowRecords

PROGRESS_EVERY = 2000
T = TypeVar("T")


@dataclass(frozen=True)
class PlannedRows:
    """What reading the rows again needs to give every record the id the check gave it."""

    table: CsvTable
    mapping: ColumnMapping
    case: CaseContext
    fixes: dict[tuple[int, str], str]
    skip_rows: frozenset[int]
    new_issues: dict[str, Issue]
    seed: Seed


@dataclass
class ImportPlan:
    """What an import adds. `data` holds its parties, issues and sources; its events and
    positions too when planned `with_records`, else only `counts` of them, and the
    insert reads the rows again (`planned_rows`)."""

    data: CaseData
    problems: list[RowProblem]
    new_parties: list[NewParty]
    row_count: int
    skipped_rows: frozenset[int]
    preview: list[RowOutcome] = field(default_factory=list)
    new_issues: list[Issue] = field(default_factory=list)  # created by the import
    splits: dict[str, list[str]] = field(default_factory=dict)  # party cell -> names
    # table -> rows the import adds to it (events, positions and their links)
    counts: dict[str, int] = field(default_factory=dict)
    rows: PlannedRows | None = None

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def event_count(self) -> int:
        return self.counts.get("events", 0)

    @property
    def position_count(self) -> int:
        return self.counts.get("positions", 0)

    @property
    def record_count(self) -> int:
        data = self.data
        return len(data.parties) + len(data.issues) + len(data.sources) + \
            self.event_count + self.position_count


class PlanCancelled(Exception):
    """The user pressed Cancel while the file was being read."""


def check_mapping(table: CsvTable, mapping: ColumnMapping, case: CaseContext) -> None:
    """Raise `MappingError` when the mapping does not fit this file and case.

    Every column the mapping names must be in the file, and every issue in
    the case (unless the mapping lets the import create it): the error names
    the mapping's key.
    """
    missing = mapping.missing_required()
    if missing:
        raise MappingError(f"choose a column for: {', '.join(missing)}")
    for field_name, column in mapping.columns.items():
        if field_name not in mapping.fields:
            raise MappingError(f"columns.{field_name}: not a field of {mapping.target.value}")
        _column(table, column, f"columns.{field_name}")
    for n, coded in enumerate(mapping.issue_columns):
        _column(table, coded.column, f"issue_columns[{n}].column")
        if find_issue(case.issues, coded.issue) is None and not mapping.create_issues:
            raise MappingError(
                f"issue_columns[{n}].issue: the case has no issue '{coded.issue}' "
                "(let the import create it, or choose an issue of the case)")
        if coded.scale not in SCALES:
            raise MappingError(f"issue_columns[{n}].scale: '{coded.scale}' is not a code "
                               "scale (0-1 or 0-3)")
    for n, extra in enumerate(mapping.party_columns):
        _column(table, extra.column, f"party_columns[{n}].column")
    for name in mapping.template_columns():
        _column(table, name, "title_template")


def _column(table: CsvTable, column: str, key: str) -> None:
    if table.column_index(column) is None:
        close = [h for h in table.header if name_key(h) in name_key(column)
                 or name_key(column) in name_key(h)][:3]
        hint = f" (close: {', '.join(close)})" if close else ""
        raise MappingError(f"{key}: the file has no column '{column}'{hint}")


def missing_issues(mapping: ColumnMapping, case: CaseContext) -> list[str]:
    """Issues the mapping names that the case does not have (created on confirmation)."""
    names = [c.issue for c in mapping.issue_columns if find_issue(case.issues, c.issue) is None]
    return list(dict.fromkeys(" ".join(n.split()) for n in names))


def plan_import(table: CsvTable, mapping: ColumnMapping, case: CaseContext, *,
                fixes: dict[tuple[int, str], str] | None = None,
                skip_rows: frozenset[int] | set[int] = frozenset(),
                limit: int | None = None, keep_outcomes: int = 0,
                progress: Callable[[int, int], bool] | None = None,
                with_records: bool = True) -> ImportPlan:
    """Plan the import of `table` (its first `limit` rows, or all).

    `progress(done, total)` is called every few thousand rows; returning
    False stops with `PlanCancelled`. Raises `MappingError` when the mapping
    does not fit the file. Without `with_records`, the plan holds no event or
    position, only their counts: a million rows are checked in bounded memory,
    and the insert reads them again (`planned_rows`).
    """
    fixes = fixes or {}
    reader, new_issues, ids = start_reading(table, mapping, case, fixes)
    rows = table.rows if limit is None else table.rows[:limit]
    read = _read_rows(reader, rows, frozenset(skip_rows),
                      file_problems(table, mapping, fixes), with_records,
                      keep_outcomes, progress)
    planned = PlannedRows(table, mapping, case, dict(fixes), frozenset(skip_rows),
                          new_issues, ids.seed) if limit is None else None
    return finished_plan(reader, read, len(rows), planned)


def start_reading(table: CsvTable, mapping: ColumnMapping, case: CaseContext,
                  fixes: dict[tuple[int, str], str]
                  ) -> tuple[RowReader, dict[str, Issue], OrderedIds]:
    """The reader of `table`'s rows into `case`, the issues the import creates (by
    name key) and the ids it draws; raises `MappingError` (`check_mapping`)."""
    check_mapping(table, mapping, case)
    base_issue = max((i.sort_order for i in case.issues), default=-1) + 1
    new_issues = {name_key(name): Issue(name, sort_order=base_issue + n)
                  for n, name in enumerate(missing_issues(mapping, case))}
    ids = OrderedIds()
    return RowReader(table, mapping, case, fixes, new_issues, ids), new_issues, ids


def new_party_records(reader: RowReader, start: int = 0) -> list[Party]:
    """The parties the rows read so far name that the case lacks, from the `start`th
    on, numbered after the case's parties in the order they were met."""
    base = max((p.sort_order for p in reader.case.parties), default=-1) + 1
    return [Party(p.name, role=PartyRole(p.role), sort_order=base + n, id=p.id)
            for n, p in enumerate(values_from(reader.parties.new, start), start)]


def values_from(found: dict[Any, T], start: int) -> list[T]:
    """The values of `found` from the `start`th on (dicts keep the order they were met
    in), without going through the first `start`: the last few of many, at each row."""
    return list(itertools.islice(reversed(found.values()), max(len(found) - start, 0)))[::-1]


def finished_plan(reader: RowReader, read: Read, row_count: int,
                  planned: PlannedRows | None) -> ImportPlan:
    """The plan of the rows `reader` went through (`read`: what it found)."""
    new_parties = list(reader.parties.new.values())
    data = CaseData(parties=tuple(new_party_records(reader)),
                    issues=tuple(reader.new_issues.values()),
                    sources=tuple(reader.new_sources.values()),
                    events=tuple(read.events), positions=tuple(read.positions))
    return ImportPlan(data, read.problems, new_parties, row_count, frozenset(read.skipped),
                      read.preview, list(reader.new_issues.values()), reader.splits,
                      reader.counts, planned)


@dataclass
class Read:
    """What going through the rows found."""

    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    preview: list[RowOutcome] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)


def _read_rows(reader: RowReader, rows: Sequence[tuple[str, ...]], skip_rows: frozenset[int],
               damaged: dict[int, tuple[RowProblem, ...]], with_records: bool,
               keep_outcomes: int, progress: Callable[[int, int], bool] | None) -> Read:
    read = Read()
    total = len(rows)
    for index, cells in enumerate(rows):
        if progress is not None and index % PROGRESS_EVERY == 0 and not progress(index, total):
            raise PlanCancelled()
        number = CsvTable.row_number(index)
        if number in skip_rows:
            read.skipped.add(number)
            if index < keep_outcomes:
                read.preview.append(RowOutcome(number, skipped=True))
            continue
        outcome = None
        if with_records or index < keep_outcomes:
            outcome = reader.read(number, cells)
            found = outcome.problems
        else:
            found = reader.check(number, cells)
        if damaged and number in damaged:
            found = damaged[number] + found
            outcome = RowOutcome(number, problems=found)
        if found:
            read.problems.extend(found)
        elif with_records and outcome is not None:
            read.events.extend(outcome.events)
            read.positions.extend(outcome.positions)
        if index < keep_outcomes and outcome is not None:
            read.preview.append(outcome)
    if progress is not None:
        progress(total, total)
    return read


def planned_rows(plan: ImportPlan) -> Iterator[RowRecords]:
    """The records of a ready plan, row by row, each with the id the plan gave it.

    The rows are read again as the plan read them (same case, mapping, fixes and
    ids), so nothing of a million rows is held between the check and the insert.
    """
    planned = plan.rows
    if planned is None or not plan.ready:
        raise ValueError("only a ready plan of a whole file can be inserted")
    reader = RowReader(planned.table, planned.mapping, planned.case, planned.fixes,
                       planned.new_issues, OrderedIds(planned.seed))
    reader.replay = True
    for index, cells in enumerate(planned.table.rows):
        number = CsvTable.row_number(index)
        if number in planned.skip_rows:
            continue
        problems, records = reader.records(number, cells)
        if problems or records is None:  # cannot be: the same rows, read alike
            raise ValueError(f"row {number} reads otherwise than when it was checked")
        yield records


def file_problems(table: CsvTable, mapping: ColumnMapping,
                   fixes: dict[tuple[int, str], str]) -> dict[int, tuple[RowProblem, ...]]:
    """Damage found reading the file, by row: in a column the import reads, or the
    whole row in doubt (a quoting mistake); a cell the user fixed is no longer damaged."""
    if not table.problems:
        return {}
    used = mapping.used_columns()
    found: dict[int, tuple[RowProblem, ...]] = {}
    for problem in table.problems:
        if problem.fixable and ((problem.row, problem.column) in fixes
                                or problem.column not in used):
            continue
        found[problem.row] = found.get(problem.row, ()) + (problem,)
    return found


