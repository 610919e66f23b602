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
from .cell_texts import LOOSE_ENDS, SUMMARY_LIMIT, cached_date_parser, code_words, one_line
from .csv_file import CsvTable
from .date_forms import DateFormError, DateSpan
from .mapping import THIRD_PARTY, ColumnMapping, Target
from .ordered_ids import OrderedIds
from .party_names import PartyDirectory, split_party_names
from .problems import RowProblem
from .row_cells import RowCells
from .row_records import (
    COUNTED,
    EventRow,
    RowOutcome,
    RowRecords,
    as_event,
    as_position,
)
from .stances import parse_stance

_TAG_SEPARATORS = re.compile(r"[;,\n]+")
_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
_DISTINCT_LIMIT = 100_000  # distinct sets of party (or code) cells whose reading is kept
# the fields a row is read from before its party cells, by target (events or not):
# `_event_row` and `_position_row` unpack them in this order
_FIELDS = {True: ("date", "end_date", "title", "description", "kind", "tags", "source",
                  "precision"),
           False: ("date", "issue", "stance", "summary", "source")}
# one row's coded issues: ((issue id, stance, verb, summary start, detail start), ...),
# and the issue ids
_Coded = tuple[tuple[tuple[str, Stance, str, str, str], ...], tuple[str, ...]]
# one set of party cells: every party id, those with positions, keys of the new ones
_Named = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


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
        # every id the rows need, in row order: drawn again alike from the same seed
        self._ids = ids or OrderedIds()
        self.parties = PartyDirectory(list(case.parties), mapping.party_names,
                                      mapping.new_party_role, new_id=self._ids.__next__)
        self._keep_whole = self.parties.known_keys | {name_key(n) for n in mapping.keep_whole}
        self._no_positions = {name_key(n) for n in mapping.third_parties}
        self._no_positions_ids = {self.parties.existing_id(n) for n in mapping.third_parties}
        self._events = mapping.target is Target.EVENTS
        index = {f: table.column_index(c) for f, c in mapping.columns.items()
                 if f in mapping.fields}
        self._party_columns = [(table.column_index(c.column), c) for c in mapping.party_columns]
        issues = case.issues + tuple(new_issues.values())
        self._issue_columns = [(c, table.column_index(c.column), find_issue(issues, c.issue))
                               for c in mapping.issue_columns]
        self._code_words = {(c.column, code): code_words(c, code, table.path.name)
                            for c in mapping.issue_columns for code in c.codes}
        self._template = [(m.group(0), table.column_index(m.group(1)))
                          for m in _TEMPLATE_FIELD.finditer(mapping.title_template)]
        self._cells = RowCells(
            table, fixes, [index.get(f) for f in _FIELDS[self._events]],
            [index.get("parties" if self._events else "party"),
             *(i for i, _ in self._party_columns)],
            [i for _, i, _ in self._issue_columns], [i for _, i in self._template])
        self._sources = {name_key(s.title): s.id for s in case.sources if s.title.strip()}
        self._sources.update({name_key(s.location): s.id for s in case.sources
                              if s.location.strip()})
        self._sources.update({name_key(s.notes.split("\n", 2)[1]): s.id for s in case.sources
                              if s.notes.startswith("Full title:\n")})
        self.new_sources: dict[str, Source] = {}
        self._parse_date = cached_date_parser(mapping.date_options)
        # table -> rows the checked records add (`check`)
        self.counts = dict.fromkeys(COUNTED, 0)
        # cells repeat across rows: split each distinct text once
        self._names_in: dict[str, list[str]] = {}
        self._tags_in: dict[str, tuple[str, ...]] = {}
        self._sources_in: dict[str, tuple[str, ...]] = {}
        # issue code cells -> (issue id, stance, verb, detail) per coded issue, and the ids
        self._coded_in: dict[tuple[str, ...], _Coded] = {}
        # the splits met (cell text -> names), for the dialog's split preview
        self.splits: dict[str, list[str]] = {}
        # The parties of each distinct set of party cells are resolved once; a row
        # naming them again counts for the new ones among them (`named_again`),
        # except reading the rows again for the insert (`plan.planned_rows`): the
        # check has counted them already.
        self.replay = False
        self._parties_in: dict[tuple[str, ...], _Named] = {}

    # -- cells -------------------------------------------------------------------------

    def _problem(self, problems, number, field_name, value, text) -> None:
        problems.append(RowProblem(number, self.mapping.columns.get(field_name, field_name),
                                   value, text))

    def _date(self, number, field_name, text, problems) -> DateSpan | None:
        try:
            return self._parse_date(text)
        except DateFormError as exc:
            self._problem(problems, number, field_name, text, str(exc))
            return None

    def _names(self, text: str) -> list[str]:
        names = self._names_in.get(text)
        if names is None:
            names = self._names_in[text] = split_party_names(
                text, self._keep_whole, separators=self.mapping.name_separators)
            if len(names) > 1 or (names and names[0] != " ".join(text.split())):
                self.splits[text] = names
        return names

    def _parties(self, number, texts: tuple[str, ...]) -> _Named:
        """(every party id the row names, those that get positions from issue codes, the
        keys of the new parties among them) from its party cells `texts`."""
        known = self._parties_in.get(texts)
        if known is None:
            if len(self._parties_in) >= _DISTINCT_LIMIT:  # (a file of unique cells stays flat)
                self._parties_in.clear()
            every, coded = self._resolved(number, texts)
            known = self._parties_in[texts] = (every, coded, self.parties.new_keys(every))
        elif known[2] and not self.replay:
            self.parties.named_again(known[2], number)
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

    def _tags(self, text: str) -> tuple[str, ...]:
        tags = self._tags_in.get(text)
        if tags is None:
            tags = self._tags_in[text] = tuple(dict.fromkeys(
                t.strip() for t in _TAG_SEPARATORS.split(text) if t.strip()))
        return tags

    def _source_ids(self, number: int, text: str) -> tuple[str, ...]:
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

    def _title(self, values: tuple[str, ...]) -> str:
        """The title the template makes of its columns' `values`."""
        title = self.mapping.title_template
        for (placeholder, _), value in zip(self._template, values):
            title = title.replace(placeholder, value)
        # an empty part leaves "Air strike: " or ": Gaza": drop the loose separator
        return " ".join(title.split()).strip(LOOSE_ENDS)

    def _precise(self, number, text: str, span: DateSpan, problems) -> DateSpan:
        code = text.removesuffix(".0")
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
        texts = self._cells.texts(number, cells, problems)
        if self._events:
            records = self._event_row(number, texts, problems, build)
        else:
            records = self._position_row(number, texts, problems, build)
        return tuple(problems), records

    def _end(self, number, text: str, span, problems) -> PartialDate | None:
        if not text:
            return span.end if span is not None else None
        end_span = self._date(number, "end_date", text, problems)
        if end_span is None or span is None:
            return None
        if span.end is not None:
            self._problem(problems, number, "end_date", "",
                          "the date is already a period and an end date is given too")
        elif end_span.end is not None:
            self._problem(problems, number, "end_date", text, "the end date is itself a period")
        else:
            return end_span.start
        return None

    def _event_row(self, number, texts, problems, build: bool) -> RowRecords | None:
        date, end_text, title, description, kind, tags_text, source_text, precision = \
            texts[:self._cells.field_count]
        span = self._date(number, "date", date, problems)
        if span is not None and precision:
            span = self._precise(number, precision, span, problems)
        end = self._end(number, end_text, span, problems)
        if self._template:
            title = self._title(texts[self._cells.template_at])
        if not title:
            self._problem(problems, number, "title", "", "the title is empty")
        coded = self._coded_issues(number, texts[self._cells.issues_at], problems)
        if problems or span is None:
            return None
        party_ids, coded_party_ids, _ = self._parties(number, texts[self._cells.parties_at])
        source_ids = self._source_ids(number, source_text)
        if end is not None and end.end() < span.start.start():
            next(self._ids)  # (drawn for the event, as when it was built)
            self._problem(problems, number, "end_date", "", "End date is before start date.")
            return None
        tags = self._tags(tags_text)
        words, issue_ids = coded
        positions = len(words) * len(coded_party_ids)
        counts = self.counts
        counts["events"] += 1
        counts["event_parties"] += len(party_ids)
        counts["event_issues"] += len(issue_ids)
        counts["event_tags"] += len(tags)
        counts["event_sources"] += len(source_ids)
        counts["positions"] += positions
        counts["position_sources"] += positions * len(source_ids)
        if not build:
            self._ids.skip(1 + positions)
            return None
        ids = iter(self._ids.take(1 + positions))
        event_id = next(ids)
        start = span.start
        event: EventRow = (event_id, start, end, kind.lower() or self.mapping.default_kind,
                           title, description, party_ids, issue_ids, tags, source_ids)
        if not positions:
            return event, ()
        rows = []
        short = " ".join(title.split())  # (what one_line makes of it, but for the cut)
        for issue_id, stance, verb, lead, detail in words:
            summary = lead + short if lead and len(lead) + len(short) <= SUMMARY_LIMIT \
                else one_line(f"{verb} in: {title}")
            detail = f"{detail}{title}"
            rows += [(next(ids), party_id, issue_id, start, stance, summary, detail,
                      source_ids, event_id) for party_id in coded_party_ids]
        return event, tuple(rows)

    def _coded_issues(self, number, values: tuple[str, ...], problems) -> _Coded:
        """The issues the row's code cells `values` code (`_Coded`), and the issue ids; a
        bad code is a problem."""
        known = self._coded_in.get(values)
        if known is not None:
            return known
        coded = []
        found = len(problems)
        for (spec, _, issue), value in zip(self._issue_columns, values):
            if issue is None:  # check_mapping refused the mapping before any row is read
                continue
            text = value.removesuffix(".0")
            if text in ("", "0"):
                continue
            if text not in spec.codes:
                allowed = " or ".join(("0",) + spec.codes)
                problems.append(RowProblem(number, spec.column, value,
                                           f"expected a code {allowed}"))
                continue
            stance, verb, detail = self._code_words[(spec.column, text)]
            # the summary's start, when one_line would leave it as it is
            lead = f"{verb} in: " if verb and verb == " ".join(verb.split()) else ""
            coded.append((issue.id, stance, verb, lead, detail))
        known = (tuple(coded), tuple(dict.fromkeys(i for i, _, _, _, _ in coded)))
        if len(problems) == found:  # (a bad code is said again at each row)
            if len(self._coded_in) >= _DISTINCT_LIMIT:
                self._coded_in.clear()
            self._coded_in[values] = known
        return known

    def _position_row(self, number, texts, problems, build: bool) -> RowRecords | None:
        date, issue_text, stance_text, summary, source_text = texts[:self._cells.field_count]
        party_texts = texts[self._cells.parties_at]
        span = self._date(number, "date", date, problems)
        if span is not None and span.end is not None:
            self._problem(problems, number, "date", date, "a position has one date, not a period")
        issue = find_issue(self.case.issues, issue_text) if issue_text else None
        if issue is None:
            known = ", ".join(i.name for i in self.case.issues)
            self._problem(problems, number, "issue", issue_text,
                          f"no issue '{issue_text}' in this case (issues: {known})"
                          if issue_text else "the issue is empty")
        stance = None
        try:
            stance = parse_stance(stance_text)
        except ValueError as exc:
            self._problem(problems, number, "stance", stance_text, str(exc))
        if not party_texts[0]:
            self._problem(problems, number, "party", "", "the party is empty")
        if problems or span is None or issue is None or stance is None:
            return None
        source_ids = self._source_ids(number, source_text)
        party_ids, _, _ = self._parties(number, party_texts)
        counts = self.counts
        counts["positions"] += len(party_ids)
        counts["position_sources"] += len(party_ids) * len(source_ids)
        if not build:
            self._ids.skip(len(party_ids))
            return None
        short = one_line(summary)
        detail = summary if short != summary else ""
        ids = self._ids.take(len(party_ids))
        return None, tuple((position_id, party_id, issue.id, span.start, stance, short, detail,
                            source_ids, None) for position_id, party_id in zip(ids, party_ids))

