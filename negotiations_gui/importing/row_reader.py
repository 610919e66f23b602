"""One row of a CSV file read into the records it adds, or the problems that stop it.

`RowReader` keeps what rows share: the parties and sources met so far (so a
name new to the case becomes one party, whatever row names it), the issues
the import creates, and caches of cells already split or parsed (data sets
repeat the same cells thousands of times).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..domain import Event, Issue, PartialDate, Position, Precision, Source, Stance
from ..domain.names import name_key
from .csv_file import CsvTable
from .date_forms import DateFormError, DateOptions, DateSpan, parse_date_text
from .mapping import THIRD_PARTY, ColumnMapping, IssueColumn, Target
from .party_names import PartyDirectory, split_party_names
from .problems import RowProblem
from .stances import parse_stance

_TAG_SEPARATORS = re.compile(r"[;,\n]+")
SUMMARY_LIMIT = 200
_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
_LOOSE_ENDS = " \t:;,-–—/|"


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


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` on one line within `limit` characters, cut at a word with a visible "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(_LOOSE_ENDS) + "…"


@dataclass(frozen=True)
class RowOutcome:
    """What one row becomes (for the preview), or why it cannot."""

    row: int
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    skipped: bool = False


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
                 fixes: dict[tuple[int, str], str], new_issues: dict[str, Issue]):
        self.table = table
        self.mapping = mapping
        self.case = case
        self.fixes = fixes
        self._fixed_rows = frozenset(row for row, _ in fixes)
        self.parties = PartyDirectory(list(case.parties), mapping.party_names,
                                      mapping.new_party_role)
        self._keep_whole = self.parties.known_keys | {name_key(n) for n in mapping.keep_whole}
        self._no_positions = {name_key(n) for n in mapping.third_parties}
        self._no_positions_ids = {self.parties.existing_id(n) for n in mapping.third_parties}
        self._index = {f: table.column_index(c) for f, c in mapping.columns.items()
                       if f in mapping.fields}
        self._party_columns = [(table.column_index(c.column), c) for c in mapping.party_columns]
        issues = case.issues + tuple(new_issues.values())
        self._issue_columns = [(c, table.column_index(c.column), find_issue(issues, c.issue))
                               for c in mapping.issue_columns]
        self._code_words = {(c.column, code): _code_words(c, code, table.path.name)
                            for c in mapping.issue_columns for code in c.codes}
        self._template = [(m.group(0), table.column_index(m.group(1)))
                          for m in _TEMPLATE_FIELD.finditer(mapping.title_template)]
        self._sources = {name_key(s.title): s.id for s in case.sources if s.title.strip()}
        self._sources.update({name_key(s.location): s.id for s in case.sources
                              if s.location.strip()})
        self._sources.update({name_key(s.notes.split("\n", 2)[1]): s.id for s in case.sources
                              if s.notes.startswith("Full title:\n")})
        self.new_sources: dict[str, Source] = {}
        self._parse_date = _cached_date_parser(mapping.date_options)
        self._width = len(table.header)
        self._ids = ordered_ids()
        # cells repeat across rows: split each distinct text once
        self._names_in: dict[str, list[str]] = {}
        self._tags_in: dict[str, tuple[str, ...]] = {}
        self._sources_in: dict[str, tuple[str, ...]] = {}
        # the splits met (cell text -> names), for the dialog's split preview
        self.splits: dict[str, list[str]] = {}

    # -- cells -------------------------------------------------------------------------

    def _cell(self, number: int, cells: tuple[str, ...], field_name: str) -> str:
        index = self._index.get(field_name)
        if index is None:
            return ""
        return self._coded(number, cells, index)

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

    def _parties(self, number, cells, field_name) -> tuple[list[str], list[str]]:
        """(every party id the row names, those that get positions from issue codes)."""
        named: list[tuple[str, str]] = [(n, "") for n in self._names(
            self._cell(number, cells, field_name))]
        for index, spec in self._party_columns:
            named += [(n, spec.role) for n in self._names(self._coded(number, cells, index))]
        every: dict[str, None] = {}
        coded: dict[str, None] = {}
        for name, role in named:
            party_id = self.parties.resolve(name, number, role)
            every[party_id] = None
            if role != THIRD_PARTY and name_key(name) not in self._no_positions \
                    and party_id not in self._no_positions_ids:
                coded[party_id] = None
        return list(every), list(coded)

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
        return " ".join(title.split()).strip(_LOOSE_ENDS)

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
        problems: list[RowProblem] = []
        if len(cells) > self._width and any(c.strip() for c in cells[self._width:]):
            problems.append(RowProblem(
                number, "", "", f"the row has {len(cells)} cells but the header has "
                f"{self._width} columns (an unquoted delimiter inside a value?)"))
        if self.mapping.target is Target.EVENTS:
            return self._event_row(number, cells, problems)
        return self._position_row(number, cells, problems)

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

    def _event_row(self, number, cells, problems) -> RowOutcome:
        span = self._date(number, cells, "date", problems)
        if span is not None and "precision" in self._index:
            span = self._precise(number, cells, span, problems)
        end = self._end(number, cells, span, problems)
        title = self._title(number, cells)
        if not title:
            self._problem(problems, number, "title", "", "the title is empty")
        coded = self._coded_issues(number, cells, problems)
        if problems or span is None:
            return RowOutcome(number, problems=tuple(problems))
        party_ids, coded_party_ids = self._parties(number, cells, "parties")
        source_ids = self._source_ids(number, cells)
        try:
            event = Event(id=next(self._ids), date=span.start, end=end, title=title,
                          kind=self._cell(number, cells, "kind").lower() or
                          self.mapping.default_kind,
                          description=self._cell(number, cells, "description"),
                          party_ids=tuple(party_ids), tags=self._tags(number, cells),
                          source_ids=source_ids,
                          issue_ids=tuple(dict.fromkeys(i.id for i, _, _ in coded)))
        except ValueError as exc:
            self._problem(problems, number, "end_date", "", str(exc))
            return RowOutcome(number, problems=tuple(problems))
        positions = tuple(
            Position(id=next(self._ids), party_id=party_id, issue_id=issue.id, date=event.date,
                     stance=stance, summary=summary, detail=detail,
                     source_ids=source_ids, event_id=event.id)
            for issue, stance, summary, detail in self._coded_texts(coded, title)
            for party_id in coded_party_ids)
        return RowOutcome(number, events=(event,), positions=positions)

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
        if problems or span is None or issue is None or stance is None:
            return RowOutcome(number, problems=tuple(problems))
        source_ids = self._source_ids(number, cells)
        summary = self._cell(number, cells, "summary")
        short = one_line(summary)
        party_ids, _ = self._parties(number, cells, "party")
        positions = tuple(
            Position(id=next(self._ids), party_id=party_id, issue_id=issue.id,
                     date=span.start, stance=stance, summary=short,
                     detail=summary if short != summary else "", source_ids=source_ids)
            for party_id in party_ids)
        return RowOutcome(number, positions=positions)


def _code_words(spec: IssueColumn, code: str, file_name: str) -> tuple[Stance, str, str]:
    """What one code of an issue column gives: stance, summary verb, start of the detail."""
    stance = spec.stance_for(code)
    verb = "Agreed" if stance is Stance.ACCEPTS else stance.label
    if spec.scale == "0-3":
        verb += f" (code {code} of 3)"
    return stance, verb, (f"Coded {code} in column '{spec.column}' of {file_name} "
                          f"({spec.meaning}).\nIn: ")


def _cached_date_parser(options: DateOptions) -> Callable[[str], DateSpan]:
    # data sets repeat dates thousands of times; parse each distinct text once
    @lru_cache(maxsize=65536)
    def parse(text: str) -> DateSpan:
        return parse_date_text(text, options)
    return parse
