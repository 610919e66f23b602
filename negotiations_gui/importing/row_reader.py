"""One row of a CSV file read into the records it adds, or the problems that stop it.

`RowReader` keeps what rows share: the parties and sources met so far (so a
name new to the case becomes one party, whatever row names it), the issues
the import creates, and caches of cells already split or parsed (data sets
repeat the same cells thousands of times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain import Issue, PartialDate, Precision, Source, Stance
from ..domain.names import name_key
from .cell_texts import LOOSE_ENDS, cached_date_parser, code_words, one_line
from .csv_file import CsvTable
from .date_forms import DateFormError, DateSpan
from .mapping import THIRD_PARTY, ColumnMapping, IssueColumn, Target
from .ordered_ids import OrderedIds
from .party_names import PartyDirectory, split_party_names
from .problems import RowProblem
from .row_records import (
    COUNTED,
    EventRow,
    RowOutcome,
    RowRecords,
    as_event,
    as_position,
    count_records,
)
from .stances import parse_stance

_TAG_SEPARATORS = re.compile(r"[;,\n]+")
_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
_DISTINCT_LIMIT = 100_000  # distinct sets of party cells whose parties are kept


@dataclass(frozen=True)
class CaseContext:
    """What the import needs to know about the case it goes into."""

    parties: tuple = ()
    issues: tuple[Issue, ...] = ()
    sources: tuple[Source, ...] = ()


def find_issue(issues: tuple[Issue, ...], text: str) -> Issue | None:
    """The issue named `text`, or carrying it as (one of) its PA-X codes."""
    key = name_key(text)
    for issue in issues:
        codes = {name_key(c) for c in issue.pax_code.split("/") if c.strip()}
        if name_key(issue.name) == key or key in codes:
            return issue
    return None


class RowReader:
    """Reads one row at a time into records; keeps the parties and sources met so far."""

    def __init__(self, table: CsvTable, mapping: ColumnMapping, case: CaseContext,
                 fixes: dict[tuple[int, str], str], new_issues: dict[str, Issue],
                 ids: OrderedIds | None = None):
        self.table = table
        self.mapping = mapping
        self.case = case
        self.fixes = fixes
        self.new_issues = new_issues  # the issues the import creates, by name key
        self._fixed_rows = frozenset(row for row, _ in fixes)
        # every id the rows need, in row order: drawn again alike from the same seed
        self._ids = ids or OrderedIds()
        self.parties = PartyDirectory(list(case.parties), mapping.party_names,
                                      mapping.new_party_role, new_id=self._ids.__next__)
        self._keep_whole = self.parties.known_keys | {name_key(n) for n in mapping.keep_whole}
        self._no_positions = {name_key(n) for n in mapping.third_parties}
        self._no_positions_ids = {self.parties.existing_id(n) for n in mapping.third_parties}
        self._index = {f: table.column_index(c) for f, c in mapping.columns.items()
                       if f in mapping.fields}
        self._party_columns = [(table.column_index(c.column), c) for c in mapping.party_columns]
        issues = case.issues + tuple(new_issues.values())
        self._issue_columns = [(c, table.column_index(c.column), find_issue(issues, c.issue))
                               for c in mapping.issue_columns]
        self._code_words = {(c.column, code): code_words(c, code, table.path.name)
                            for c in mapping.issue_columns for code in c.codes}
        self._template = [(m.group(0), table.column_index(m.group(1)))
                          for m in _TEMPLATE_FIELD.finditer(mapping.title_template)]
        self._sources = {name_key(s.title): s.id for s in case.sources if s.title.strip()}
        self._sources.update({name_key(s.location): s.id for s in case.sources
                              if s.location.strip()})
        self._sources.update({name_key(s.notes.split("\n", 2)[1]): s.id for s in case.sources
                              if s.notes.startswith("Full title:\n")})
        self.new_sources: dict[str, Source] = {}
        self._parse_date = cached_date_parser(mapping.date_options)
        self._width = len(table.header)
        # table -> rows the checked records add (`check`)
        self.counts = dict.fromkeys(COUNTED, 0)
        # cells repeat across rows: split each distinct text once
        self._names_in: dict[str, list[str]] = {}
        self._tags_in: dict[str, tuple[str, ...]] = {}
        self._sources_in: dict[str, tuple[str, ...]] = {}
        # the splits met (cell text -> names), for the dialog's split preview
        self.splits: dict[str, list[str]] = {}
        # The parties of each distinct set of party cells are resolved once; a row
        # naming them again counts for the new ones among them (`named_again`),
        # except reading the rows again for the insert (`plan.planned_rows`): the
        # check has counted them already.
        self.replay = False
        self._parties_in: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    # -- cells -------------------------------------------------------------------------

    def _cell(self, number: int, cells: tuple[str, ...], field_name: str) -> str:
        index = self._index.get(field_name)
        if index is None:
            return ""
        if number in self._fixed_rows:
            return self._coded(number, cells, index)
        return cells[index].strip() if index < len(cells) else ""  # (_coded, inlined: hot)

    def _coded(self, number: int, cells: tuple[str, ...], index: int | None) -> str:
        if index is None:
            return ""
        if number in self._fixed_rows:
            fixed = self.fixes.get((number, self.table.header[index]))
            if fixed is not None:
                return fixed.strip()
        return cells[index].strip() if index < len(cells) else ""

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

    def _names(self, text: str) -> list[str]:
        names = self._names_in.get(text)
        if names is None:
            names = self._names_in[text] = split_party_names(
                text, self._keep_whole, separators=self.mapping.name_separators)
            if len(names) > 1 or (names and names[0] != " ".join(text.split())):
                self.splits[text] = names
        return names

    def _parties(self, number, cells, field_name) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(every party id the row names, those that get positions from issue codes)."""
        texts = (self._cell(number, cells, field_name),
                 *(self._coded(number, cells, index) for index, _ in self._party_columns))
        known = self._parties_in.get(texts)
        if known is None:
            if len(self._parties_in) >= _DISTINCT_LIMIT:  # (a file of unique cells stays flat)
                self._parties_in.clear()
            known = self._parties_in[texts] = self._resolved(number, texts)
        elif not self.replay:
            self.parties.named_again(known[0], number)
        return known

    def _resolved(self, number, texts) -> tuple[tuple[str, ...], tuple[str, ...]]:
        named: list[tuple[str, str]] = [(n, "") for n in self._names(texts[0])]
        for text, (_, spec) in zip(texts[1:], self._party_columns):
            named += [(n, spec.role) for n in self._names(text)]
        every: dict[str, None] = {}
        coded: dict[str, None] = {}
        for name, role in named:
            party_id = self.parties.resolve(name, number, role)
            every[party_id] = None
            if role != THIRD_PARTY and name_key(name) not in self._no_positions \
                    and party_id not in self._no_positions_ids:
                coded[party_id] = None
        return tuple(every), tuple(coded)

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
        known = self._sources_in.get(text)
        if known is None:
            separator = self.mapping.source_separator
            pieces = [p.strip() for p in text.split(separator)] if separator else [text]
            known = self._sources_in[text] = tuple(dict.fromkeys(
                self._source_id(p, number) for p in pieces if p))
        return known

    def _source_id(self, text: str, number: int) -> str:
        key = name_key(text)
        if key in self._sources:
            return self._sources[key]
        if key not in self.new_sources:
            is_link = text.lower().startswith(("http://", "https://", "www."))
            title = one_line(text)
            full = f"Full title:\n{text}\n" if title != text else ""
            self.new_sources[key] = Source(
                id=next(self._ids), title=title, location=text if is_link else "",
                notes=f"{full}Imported from {self.table.path.name} (row {number}); "
                      "not yet graded.")
        return self.new_sources[key].id

    def _title(self, number, cells) -> str:
        if not self._template:
            return self._cell(number, cells, "title")
        title = self.mapping.title_template
        for placeholder, index in self._template:
            title = title.replace(placeholder, self._coded(number, cells, index))
        # an empty part leaves "Air strike: " or ": Gaza": drop the loose separator
        return " ".join(title.split()).strip(LOOSE_ENDS)

    def _precise(self, number, cells, span: DateSpan, problems) -> DateSpan:
        code = self._cell(number, cells, "precision").removesuffix(".0")
        if not code:
            return span
        meaning = self.mapping.precision_meaning.get(code)
        if meaning is None:
            codes = ", ".join(f"{k} = {v}" for k, v in self.mapping.precision_meaning.items())
            self._problem(problems, number, "precision", code,
                          f"'{code}' is not a precision code ({codes})")
            return span
        start = span.start
        if meaning == "week":  # within a few days of the date: approximate, not exact
            return DateSpan(PartialDate(start.year, start.month, start.day, True), span.end)
        precision = Precision.MONTH if meaning == "month" else \
            Precision.YEAR if meaning == "year" else None
        if precision is None or start.precision <= precision:
            return span
        return DateSpan(start.with_precision(precision), span.end)

    # -- rows ----------------------------------------------------------------------------

    def read(self, number: int, cells: tuple[str, ...]) -> RowOutcome:
        """The row's records as the preview shows them, or its problems."""
        problems, records = self.records(number, cells)
        if problems or records is None:
            return RowOutcome(number, problems=problems)
        event, positions = records
        return RowOutcome(number, events=() if event is None else (as_event(event),),
                          positions=tuple(as_position(p) for p in positions))

    def records(self, number: int, cells: tuple[str, ...]
                ) -> tuple[tuple[RowProblem, ...], RowRecords | None]:
        """The row's problems, and its records (tuples) when it has none."""
        return self._row(number, cells, True)

    def check(self, number: int, cells: tuple[str, ...]) -> tuple[RowProblem, ...]:
        """The row's problems; its records are counted (`counts`) and their ids passed
        over, not built, so that checking a million rows holds none of them."""
        return self._row(number, cells, False)[0]

    def _row(self, number, cells, build: bool):
        problems: list[RowProblem] = []
        if len(cells) > self._width and any(c.strip() for c in cells[self._width:]):
            problems.append(RowProblem(
                number, "", "", f"the row has {len(cells)} cells but the header has "
                f"{self._width} columns (an unquoted delimiter inside a value?)"))
        if self.mapping.target is Target.EVENTS:
            records = self._event_row(number, cells, problems, build)
        else:
            records = self._position_row(number, cells, problems, build)
        return tuple(problems), records

    def _end(self, number, cells, span, problems) -> PartialDate | None:
        if not self._cell(number, cells, "end_date"):
            return span.end if span is not None else None
        end_span = self._date(number, cells, "end_date", problems)
        if end_span is None or span is None:
            return None
        if span.end is not None:
            self._problem(problems, number, "end_date", "",
                          "the date is already a period and an end date is given too")
        elif end_span.end is not None:
            self._problem(problems, number, "end_date", self._cell(number, cells, "end_date"),
                          "the end date is itself a period")
        else:
            return end_span.start
        return None

    def _event_row(self, number, cells, problems, build: bool) -> RowRecords | None:
        span = self._date(number, cells, "date", problems)
        if span is not None and "precision" in self._index:
            span = self._precise(number, cells, span, problems)
        end = self._end(number, cells, span, problems)
        title = self._title(number, cells)
        if not title:
            self._problem(problems, number, "title", "", "the title is empty")
        coded = self._coded_issues(number, cells, problems)
        if problems or span is None:
            return None
        party_ids, coded_party_ids = self._parties(number, cells, "parties")
        source_ids = self._source_ids(number, cells)
        if end is not None and end.end() < span.start.start():
            next(self._ids)  # (drawn for the event, as when it was built)
            self._problem(problems, number, "end_date", "", "End date is before start date.")
            return None
        tags = self._tags(number, cells)
        issue_ids = tuple(dict.fromkeys(i.id for i, _, _ in coded))
        positions = len(coded) * len(coded_party_ids)
        count_records(self.counts, (len(party_ids), len(issue_ids), len(tags),
                                    len(source_ids)), positions, len(source_ids))
        if not build:
            self._ids.skip(1 + positions)
            return None
        event_id = next(self._ids)
        event: EventRow = (event_id, span.start, end,
                           self._cell(number, cells, "kind").lower() or self.mapping.default_kind,
                           title, self._cell(number, cells, "description"), party_ids,
                           issue_ids, tags, source_ids)
        rows = tuple(
            (next(self._ids), party_id, issue.id, span.start, stance, summary, detail,
             source_ids, event_id)
            for issue, stance, summary, detail in self._coded_texts(coded, title)
            for party_id in coded_party_ids)
        return event, rows

    def _coded_texts(self, coded, title: str) -> list[tuple[Issue, Stance, str, str]]:
        """Per coded issue of a row: its stance, summary and detail (the same for each party)."""
        texts = []
        for issue, spec, value in coded:
            stance, verb, detail = self._code_words[(spec.column, value)]
            texts.append((issue, stance, one_line(f"{verb} in: {title}"), f"{detail}{title}"))
        return texts

    def _coded_issues(self, number, cells, problems) -> list[tuple[Issue, IssueColumn, str]]:
        coded = []
        for spec, index, issue in self._issue_columns:
            if issue is None:  # check_mapping refused the mapping before any row is read
                continue
            value = self._coded(number, cells, index)
            text = value.removesuffix(".0")
            if text in ("", "0"):
                continue
            if text not in spec.codes:
                allowed = " or ".join(("0",) + spec.codes)
                problems.append(RowProblem(number, spec.column, value,
                                           f"expected a code {allowed}"))
                continue
            coded.append((issue, spec, text))
        return coded

    def _position_row(self, number, cells, problems, build: bool) -> RowRecords | None:
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
        if problems or span is None or issue is None or stance is None:
            return None
        source_ids = self._source_ids(number, cells)
        party_ids, _ = self._parties(number, cells, "party")
        count_records(self.counts, None, len(party_ids), len(source_ids))
        if not build:
            self._ids.skip(len(party_ids))
            return None
        summary = self._cell(number, cells, "summary")
        short = one_line(summary)
        detail = summary if short != summary else ""
        return None, tuple((next(self._ids), party_id, issue.id, span.start, stance, short,
                            detail, source_ids, None) for party_id in party_ids)
