"""Damage in a CSV file that must be reported, not imported.

Each finding becomes a `RowProblem` naming the spreadsheet row and the
column, so the import refuses (nothing is written) until the user fixes the
value or skips the row:

- a quote that is never closed, or closed too late (rows merged into one
  cell), and a file that ends inside a quoted cell (cut short): found by the
  csv module's strict mode, then located in the record's own text;
- a zero byte (NUL) anywhere in the file, not only in the first 64 KB that
  the binary-file check reads;
- bytes that are not valid UTF-8 in a file that is otherwise UTF-8: the file
  stays UTF-8 and only those cells are problems, instead of the whole file
  silently read as Windows-1252.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .problems import RowProblem

_ESCAPED = re.compile("[\udc80-\udcff]+")  # undecodable bytes under "surrogateescape"
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
REPLACEMENT = "\ufffd"
_VALUE_LIMIT = 300


@dataclass(frozen=True)
class BadBytes:
    """Bytes that did not decode, where they were in the decoded text."""

    offset: int  # in the decoded text (after earlier bad bytes became one character each)
    data: bytes

    @property
    def hex(self) -> str:
        return " ".join(f"0x{b:02X}" for b in self.data)

    @property
    def as_cp1252(self) -> str:
        return self.data.decode("cp1252", errors="replace")


def decode_damaged_utf8(data: bytes, encoding: str) -> tuple[str, list[BadBytes]]:
    """`data` as UTF-8, each run of bad bytes replaced by U+FFFD and listed."""
    text = data.decode(encoding, errors="surrogateescape")
    bad: list[BadBytes] = []
    shift = 0
    for match in _ESCAPED.finditer(text):
        raw = bytes(ord(ch) - 0xDC00 for ch in match.group())
        bad.append(BadBytes(match.start() - shift, raw))
        shift += len(raw) - 1
    return _ESCAPED.sub(REPLACEMENT, text), bad


def mostly_utf8(data: bytes) -> bool:
    """True for UTF-8 text with a few bad bytes (not a file in another encoding).

    A Windows-1252 file has no valid multi-byte UTF-8 sequences (its accents
    are single bytes); a UTF-8 file damaged in a few places has many.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good = len(_NON_ASCII.findall(text))
    return good > 0 and good >= bad


def not_utf8_note(data: bytes, encoding: str, header: tuple[str, ...],
                  rows: tuple[tuple[str, ...], ...]) -> str:
    """Why a file was not read as UTF-8: the first bytes that forced it, and where."""
    _, bad = decode_damaged_utf8(data, "utf-8")
    if not bad:
        return ""
    first = bad[0]
    where = ""
    char = first.data.decode(encoding, errors="replace")[:1]
    for index, cells in enumerate(rows):
        column = next((n for n, cell in enumerate(cells) if char and char in cell), None)
        if column is not None:
            name = header[column] if column < len(header) else f"cell {column + 1}"
            where = f" in row {index + 2}, column '{name}'"
            break
    more = f" and {len(bad) - 1:,} more" if len(bad) > 1 else ""
    return (f"not UTF-8: byte {first.hex} (read as “{char}”){where}{more} "
            "cannot be UTF-8")


def bad_byte_problems(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                      bad: list[BadBytes], original_replacements: int) -> list[RowProblem]:
    """One problem per cell holding a byte that is not UTF-8."""
    named = original_replacements == 0  # the n-th U+FFFD is then the n-th bad run
    runs = iter(bad)
    problems = []
    for index, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            count = cell.count(REPLACEMENT)
            if not count:
                continue
            found = [next(runs, None) for _ in range(count)] if named else []
            which = ", ".join(f"{b.hex} (“{b.as_cp1252}” in Windows-1252)" for b in found if b)
            what = f"byte {which}" if which else "a byte"
            problems.append(RowProblem(
                index + 2, _name(header, column), _shown(cell),
                f"{what} is not valid UTF-8 although the rest of the file is UTF-8 (shown as "
                "“\ufffd”): type the value as it should read, or skip the row"))
    return problems


def nul_problems(header: tuple[str, ...],
                 rows: tuple[tuple[str, ...], ...]) -> list[RowProblem]:
    """One problem per cell holding a zero byte (a sign of a damaged or binary file)."""
    return [RowProblem(index + 2, _name(header, column), _shown(cell.replace("\x00", "␀")),
                       "the cell holds a zero byte (NUL, shown as ␀): the file may be damaged; "
                       "type the value as it should read, or skip the row")
            for index, cells in enumerate(rows)
            for column, cell in enumerate(cells) if "\x00" in cell]


def _name(header: tuple[str, ...], column: int) -> str:
    return header[column] if column < len(header) else f"(cell {column + 1})"


def _shown(text: str) -> str:
    return text if len(text) <= _VALUE_LIMIT else text[:_VALUE_LIMIT] + "…"


# -- quotes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteFault:
    """Where a quoting mistake is inside one record's text."""

    field: int  # index of the cell
    opened: int  # line of the record (0 = its first) where the quote opened
    closed: int  # line where it closed, or where the text ended
    at_end: bool  # the text ended inside the quote
    after: str  # what follows the closing quote


def find_quote_fault(raw: str, delimiter: str, quote: str) -> QuoteFault | None:
    """The first quoting mistake in `raw` (the text of one or more physical lines)."""
    field, line, opened, start, inside = 0, 0, 0, True, False
    i, size = 0, len(raw)
    while i < size:
        ch = raw[i]
        if ch == "\n" or (ch == "\r" and raw[i + 1:i + 2] != "\n"):
            line += 1
            if not inside:
                field, start = 0, True
        elif inside:
            if ch == quote:
                if raw[i + 1:i + 2] == quote:
                    i += 2
                    continue
                inside = False
                following = raw[i + 1:i + 2]
                if following and following not in (delimiter, "\r", "\n"):
                    after = raw[i + 1:].split("\n", 1)[0].strip()[:40]
                    return QuoteFault(field, opened, line, False, after)
        elif ch == delimiter:
            field, start = field + 1, True
        elif ch == quote and start:
            inside, opened = True, line
        elif ch != "\r":
            start = False
        i += 1
    return QuoteFault(field, opened, line, True, "") if inside else None


def quote_problem(raw: str, first_line: int, number: int, header: tuple[str, ...],
                  delimiter: str, quote: str) -> tuple[tuple[str, ...], RowProblem]:
    """The cells (read leniently) and the problem of a record the strict reader refused."""
    lenient = next(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter,
                              quotechar=quote, strict=False), [])
    fault = find_quote_fault(raw, delimiter, quote)
    if fault is None:  # the csv module saw something this scan does not: say what we know
        return tuple(lenient), RowProblem(number, "", _shown(raw.strip()),
                                          "the quotes in this row do not pair up", False)
    opened, closed = first_line + fault.opened, first_line + fault.closed
    span = f"; lines {opened}–{closed} were read as this one cell" if closed > opened else ""
    if fault.at_end:
        text = (f"the file ends inside this quoted cell (its quote opens on line {opened} and "
                f"is never closed): the file is cut short, or a quote is missing{span}")
    else:
        text = (f"text follows the quote that closes this cell (“{fault.after}” on line "
                f"{closed}): a quote is missing, or a quote inside the value is not doubled{span}")
    value = lenient[fault.field] if fault.field < len(lenient) else raw.strip()
    return tuple(lenient), RowProblem(number, _name(header, fault.field), _shown(value),
                                      text, False)
