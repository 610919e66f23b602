"""From a CSV table and a mapping to the records an import would add.

`plan_import` reads every row (or the first few, for the live preview) and
returns an `ImportPlan`: the new events, positions, parties and sources, and
one `RowProblem` per bad cell, saying row, column and why. Nothing is written
here; the store inserts a plan in one transaction. A row with a problem adds
nothing; the user fixes its cells (`fixes`) or skips it (`skip_rows`), and
the import starts only when no problem is left.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..domain import CaseData, Event, Issue, Party, PartyRole, Position, Source, Stance
from .csv_file import CsvTable
from .date_forms import DateFormError, DateOptions, DateSpan, parse_date_text
from .mapping import SCALES, ColumnMapping, MappingError, Target
from .party_names import NewParty, PartyDirectory, name_key, split_party_names
from .problems import RowProblem

_TAG_SEPARATORS = re.compile(r"[;,\n]+")
_STANCE_WORDS = {
    **{s.value: s for s in Stance}, **{s.label.casefold(): s for s in Stance},
    **{s.symbol: s for s in Stance},
    "demand": Stance.DEMANDS, "offer": Stance.OFFERS, "accept": Stance.ACCEPTS,
    "accepted": Stance.ACCEPTS, "agreed": Stance.ACCEPTS, "agrees": Stance.ACCEPTS,
    "conditionally accepts": Stance.CONDITIONAL, "reject": Stance.REJECTS,
    "rejected": Stance.REJECTS, "redline": Stance.RED_LINE, "red-line": Stance.RED_LINE,
    "unknown": Stance.UNCLEAR,
}
PROGRESS_EVERY = 2000


def ordered_ids() -> Iterator[str]:
    """UUIDs (version 7: time-ordered, RFC 9562) that increase in file order.

    Records of one import then append to the end of each id index instead of
    landing at random pages, which is most of what makes 100,000 rows fast;
    they are still unique UUIDs, so files can later be merged.
    """
    millis = time.time_ns() // 1_000_000 & (1 << 48) - 1
    # 74 bits below the timestamp: start at a random value with room to count up
    counter = int.from_bytes(os.urandom(10), "big") >> 8
    while True:
        counter += 1
        rand_a, rand_b = counter >> 62 & 0xFFF, counter & (1 << 62) - 1
        value = millis << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
        text = f"{value:032x}"
        yield f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


@dataclass(frozen=True)
class RowOutcome:
    """What one row becomes (for the preview), or why it cannot."""

    row: int
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    skipped: bool = False


@dataclass
class ImportPlan:
    data: CaseData
    problems: list[RowProblem]
    new_parties: list[NewParty]
    row_count: int
    skipped_rows: frozenset[int]
    preview: list[RowOutcome] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def record_count(self) -> int:
        return self.data.record_count


class PlanCancelled(Exception):
    """The user pressed Cancel while the file was being read."""


@dataclass(frozen=True)
class CaseContext:
    """What the import needs to know about the case it goes into."""

    parties: tuple[Party, ...] = ()
    issues: tuple[Issue, ...] = ()
    sources: tuple[Source, ...] = ()


def parse_stance(text: str) -> Stance:
    stance = _STANCE_WORDS.get(" ".join(text.split()).casefold())
    if stance is None:
        words = ", ".join(s.value for s in Stance)
        raise ValueError(f"'{text}' is not a stance (use one of: {words})")
    return stance


def find_issue(issues: tuple[Issue, ...], text: str) -> Issue | None:
    """The issue named `text`, or carrying it as (one of) its PA-X codes."""
    key = name_key(text)
    for issue in issues:
        codes = {name_key(c) for c in issue.pax_code.split("/") if c.strip()}
        if name_key(issue.name) == key or key in codes:
            return issue
    return None


def check_mapping(table: CsvTable, mapping: ColumnMapping, case: CaseContext) -> None:
    """Raise `MappingError` when the mapping does not fit this file and case."""
    missing = mapping.missing_required()
    if missing:
        raise MappingError(f"choose a column for: {', '.join(missing)}")
    for field_name, column in mapping.columns.items():
        if field_name in mapping.fields and table.column_index(column) is None:
            raise MappingError(f"the file has no column '{column}' (for {field_name})")
    for coded in mapping.issue_columns:
        if table.column_index(coded.column) is None:
            raise MappingError(f"the file has no column '{coded.column}' (for an issue)")
        if find_issue(case.issues, coded.issue) is None:
            raise MappingError(f"the case has no issue '{coded.issue}'")
        if coded.scale not in SCALES:
            raise MappingError(f"'{coded.scale}' is not a code scale (0-1 or 0-3)")


def plan_import(table: CsvTable, mapping: ColumnMapping, case: CaseContext, *,
                fixes: dict[tuple[int, str], str] | None = None,
                skip_rows: frozenset[int] | set[int] = frozenset(),
                limit: int | None = None, keep_outcomes: int = 0,
                progress: Callable[[int, int], bool] | None = None) -> ImportPlan:
    """Plan the import of `table` (its first `limit` rows, or all).

    `progress(done, total)` is called every few thousand rows; returning
    False stops with `PlanCancelled`. Raises `MappingError` when the mapping
    does not fit the file.
    """
    check_mapping(table, mapping, case)
    reader = _RowReader(table, mapping, case, fixes or {})
    rows = table.rows if limit is None else table.rows[:limit]
    total = len(rows)
    events: list[Event] = []
    positions: list[Position] = []
    problems: list[RowProblem] = []
    preview: list[RowOutcome] = []
    skipped = set()
    damaged = _file_problems(table, mapping, fixes or {})
    for index, cells in enumerate(rows):
        if progress is not None and index % PROGRESS_EVERY == 0 and not progress(index, total):
            raise PlanCancelled()
        number = CsvTable.row_number(index)
        if number in skip_rows:
            skipped.add(number)
            if index < keep_outcomes:
                preview.append(RowOutcome(number, skipped=True))
            continue
        outcome = reader.read(number, cells)
        if damaged and number in damaged:
            outcome = RowOutcome(number, problems=damaged[number] + outcome.problems)
        if outcome.problems:
            problems.extend(outcome.problems)
        else:
            events.extend(outcome.events)
            positions.extend(outcome.positions)
        if index < keep_outcomes:
            preview.append(outcome)
    if progress is not None:
        progress(total, total)
    new_parties = list(reader.parties.new.values())
    base = max((p.sort_order for p in case.parties), default=-1) + 1
    parties = tuple(Party(p.name, role=PartyRole.PRINCIPAL, sort_order=base + n, id=p.id)
                    for n, p in enumerate(new_parties))
    data = CaseData(parties=parties, sources=tuple(reader.new_sources.values()),
                    events=tuple(events), positions=tuple(positions))
    return ImportPlan(data, problems, new_parties, total, frozenset(skipped), preview)


def _file_problems(table: CsvTable, mapping: ColumnMapping,
                   fixes: dict[tuple[int, str], str]) -> dict[int, tuple[RowProblem, ...]]:
    """Damage found reading the file, by row: in a column the import reads, or the
    whole row in doubt (a quoting mistake); a cell the user fixed is no longer damaged."""
    if not table.problems:
        return {}
    used = set(mapping.columns.values()) | {c.column for c in mapping.issue_columns}
    found: dict[int, tuple[RowProblem, ...]] = {}
    for problem in table.problems:
        if problem.fixable and ((problem.row, problem.column) in fixes
                                or problem.column not in used):
            continue
        found[problem.row] = found.get(problem.row, ()) + (problem,)
    return found


class _RowReader:
    """Reads one row at a time into records; keeps the parties and sources met so far."""

    def __init__(self, table: CsvTable, mapping: ColumnMapping, case: CaseContext,
                 fixes: dict[tuple[int, str], str]):
        self.table = table
        self.mapping = mapping
        self.case = case
        self.fixes = fixes
        self._fixed_rows = frozenset(row for row, _ in fixes)
        self.parties = PartyDirectory(list(case.parties), mapping.party_names)
        self._keep_whole = self.parties.known_keys
        self._index = {f: table.column_index(c) for f, c in mapping.columns.items()
                       if f in mapping.fields}
        self._issue_columns = [(c, table.column_index(c.column), find_issue(case.issues, c.issue))
                               for c in mapping.issue_columns]
        self._sources = {name_key(s.title): s.id for s in case.sources if s.title.strip()}
        self._sources.update({name_key(s.location): s.id for s in case.sources
                              if s.location.strip()})
        self.new_sources: dict[str, Source] = {}
        self._parse_date = _cached_date_parser(mapping.date_options)
        self._width = len(table.header)
        self._ids = ordered_ids()
        # cells repeat across rows: split each distinct text once
        self._names_in: dict[str, list[str]] = {}
        self._tags_in: dict[str, tuple[str, ...]] = {}

    def _cell(self, number: int, cells: tuple[str, ...], field_name: str) -> str:
        index = self._index.get(field_name)
        if index is None:
            return ""
        return self._coded(number, cells, index)

    def _coded(self, number: int, cells: tuple[str, ...], index: int) -> str:
        if number in self._fixed_rows:
            fixed = self.fixes.get((number, self.table.header[index]))
            if fixed is not None:
                return fixed.strip()
        return cells[index].strip() if index < len(cells) else ""

    def read(self, number: int, cells: tuple[str, ...]) -> RowOutcome:
        problems: list[RowProblem] = []
        if len(cells) > self._width and any(c.strip() for c in cells[self._width:]):
            problems.append(RowProblem(
                number, "", "", f"the row has {len(cells)} cells but the header has "
                f"{self._width} columns (an unquoted delimiter inside a value?)"))
        if self.mapping.target is Target.EVENTS:
            return self._event_row(number, cells, problems)
        return self._position_row(number, cells, problems)

    def _problem(self, problems, number, field_name, value, text) -> None:
        problems.append(RowProblem(number, self.mapping.columns.get(field_name, field_name),
                                   value, text))

    def _date(self, number, cells, field_name, problems) -> DateSpan | None:
        value = self._cell(number, cells, field_name)
        try:
            return self._parse_date(value)
        except DateFormError as exc:
            self._problem(problems, number, field_name, value, str(exc))
            return None

    def _party_ids(self, number, cells, field_name) -> list[str]:
        text = self._cell(number, cells, field_name)
        names = self._names_in.get(text)
        if names is None:
            names = self._names_in[text] = split_party_names(
                text, self._keep_whole, self.mapping.split_on_and)
        return list(dict.fromkeys(self.parties.resolve(n, number) for n in names))

    def _tags(self, number, cells) -> tuple[str, ...]:
        text = self._cell(number, cells, "tags")
        tags = self._tags_in.get(text)
        if tags is None:
            tags = self._tags_in[text] = tuple(dict.fromkeys(
                t.strip() for t in _TAG_SEPARATORS.split(text) if t.strip()))
        return tags

    def _source_ids(self, number, cells) -> tuple[str, ...]:
        text = self._cell(number, cells, "source")
        if not text:
            return ()
        key = name_key(text)
        if key in self._sources:
            return (self._sources[key],)
        if key not in self.new_sources:
            is_link = text.lower().startswith(("http://", "https://", "www."))
            self.new_sources[key] = Source(
                id=next(self._ids),
                title=text[:200], location=text if is_link else "",
                notes=f"Imported from {self.table.path.name} (row {number}); not yet graded.")
        return (self.new_sources[key].id,)

    def _event_row(self, number, cells, problems) -> RowOutcome:
        span = self._date(number, cells, "date", problems)
        end = None
        if self._cell(number, cells, "end_date"):
            end_span = self._date(number, cells, "end_date", problems)
            if end_span is not None and span is not None:
                if span.end is not None:
                    self._problem(problems, number, "end_date", "",
                                  "the date is already a period and an end date is given too")
                elif end_span.end is not None:
                    self._problem(problems, number, "end_date",
                                  self._cell(number, cells, "end_date"),
                                  "the end date is itself a period")
                else:
                    end = end_span.start
        elif span is not None:
            end = span.end
        title = self._cell(number, cells, "title")
        if not title:
            self._problem(problems, number, "title", "", "the title is empty")
        coded = self._coded_issues(number, cells, problems)
        if problems or span is None:
            return RowOutcome(number, problems=tuple(problems))
        party_ids = self._party_ids(number, cells, "parties")
        tags = self._tags(number, cells)
        source_ids = self._source_ids(number, cells)
        try:
            event = Event(id=next(self._ids), date=span.start, end=end, title=title,
                          kind=self._cell(number, cells, "kind").lower() or
                          self.mapping.default_kind,
                          description=self._cell(number, cells, "description"),
                          party_ids=tuple(party_ids), tags=tags, source_ids=source_ids,
                          issue_ids=tuple(dict.fromkeys(i.id for i, _, _ in coded)))
        except ValueError as exc:
            self._problem(problems, number, "end_date", "", str(exc))
            return RowOutcome(number, problems=tuple(problems))
        positions = tuple(
            Position(id=next(self._ids), party_id=party_id, issue_id=issue.id, date=span.start,
                     stance=Stance.ACCEPTS, summary=f"Agreed in: {title}"[:200],
                     detail=f"Coded {value} in column '{column}' of {self.table.path.name}.",
                     source_ids=source_ids, event_id=event.id)
            for issue, column, value in coded for party_id in party_ids)
        return RowOutcome(number, events=(event,), positions=positions)

    def _coded_issues(self, number, cells, problems) -> list[tuple[Issue, str, str]]:
        coded = []
        for spec, index, issue in self._issue_columns:
            value = self._coded(number, cells, index)
            allowed = ("0", "1") if spec.scale == "0-1" else ("0", "1", "2", "3")
            text = value.removesuffix(".0")
            if text in ("", "0"):
                continue
            if text not in allowed:
                problems.append(RowProblem(number, spec.column, value,
                                           f"expected a code {' or '.join(allowed)}"))
                continue
            coded.append((issue, spec.column, text))
        return coded

    def _position_row(self, number, cells, problems) -> RowOutcome:
        span = self._date(number, cells, "date", problems)
        if span is not None and span.end is not None:
            self._problem(problems, number, "date", self._cell(number, cells, "date"),
                          "a position has one date, not a period")
        issue_text = self._cell(number, cells, "issue")
        issue = find_issue(self.case.issues, issue_text) if issue_text else None
        if issue is None:
            known = ", ".join(i.name for i in self.case.issues)
            self._problem(problems, number, "issue", issue_text,
                          f"no issue '{issue_text}' in this case (issues: {known})"
                          if issue_text else "the issue is empty")
        stance_text = self._cell(number, cells, "stance")
        stance = None
        try:
            stance = parse_stance(stance_text)
        except ValueError as exc:
            self._problem(problems, number, "stance", stance_text, str(exc))
        if not self._cell(number, cells, "party"):
            self._problem(problems, number, "party", "", "the party is empty")
        if problems:
            return RowOutcome(number, problems=tuple(problems))
        source_ids = self._source_ids(number, cells)
        summary = self._cell(number, cells, "summary")
        positions = tuple(
            Position(id=next(self._ids), party_id=party_id, issue_id=issue.id,
                     date=span.start, stance=stance,
                     summary=summary, source_ids=source_ids)
            for party_id in self._party_ids(number, cells, "party"))
        return RowOutcome(number, positions=positions)


def _cached_date_parser(options: DateOptions) -> Callable[[str], DateSpan]:
    # data sets repeat dates thousands of times; parse each distinct text once
    @lru_cache(maxsize=65536)
    def parse(text: str) -> DateSpan:
        return parse_date_text(text, options)
    return parse

