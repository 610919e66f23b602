"""Reading a CSV file as real spreadsheets and data sets write it.

The encoding is found, not assumed: a byte-order mark (UTF-8, UTF-16) wins,
then UTF-8, then Windows-1252 (what Excel on Windows writes), which
`CsvFormat.encoding` reports so the dialog can show it and the user can
override it. A UTF-8 file with a few bad bytes stays UTF-8 (those cells are
problems); when the file is read as Windows-1252, `CsvTable.encoding_note`
names the bytes that ruled UTF-8 out. The dialect (delimiter, quote) is sniffed
from the first lines.
Line endings may be mixed (CRLF and LF in one file) and quoted fields may
span several lines: the csv module reads both when the text is given to it
untranslated (newline="").

Rows are numbered as a spreadsheet numbers them: the header is row 1, the
first data row is row 2, whatever line it starts on.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import csv_checks
from .csv_rows import Opener, StreamedRows, content_digest
from .problems import RowProblem

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16")
_DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024
# cp1252 leaves these five bytes undefined; a file holding them is not cp1252
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
# a clean UTF-8 file larger than this keeps its bytes, not its rows (csv_rows.py)
KEEP_ROWS_BYTES = 32 * 2**20


class CsvFileError(ValueError):
    """The file cannot be read as CSV at all; `str()` says why, for the user."""


@dataclass(frozen=True)
class CsvFormat:
    """How a file is written: what the dialog shows and the user may change."""

    encoding: str = "utf-8"
    delimiter: str = ","
    quotechar: str = '"'
    line_endings: str = "LF"  # "LF", "CRLF", "CR" or "mixed"

    @property
    def description(self) -> str:
        names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
        encoding = {"utf-8-sig": "UTF-8 with byte-order mark", "utf-8": "UTF-8",
                    "cp1252": "Windows-1252", "latin-1": "Latin-1",
                    "utf-16": "UTF-16"}.get(self.encoding, self.encoding)
        return (f"{encoding}, {names.get(self.delimiter, repr(self.delimiter))}-separated, "
                f"{self.line_endings} line endings")


@dataclass(frozen=True)
class CsvTable:
    """A whole file read into memory: header and rows of text, as written."""

    path: Path
    format: CsvFormat
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]  # a tuple, or StreamedRows for a large clean file
    sha256: str
    # damage found while reading (quotes, zero bytes, bad UTF-8): the plan reports these
    problems: tuple[RowProblem, ...] = ()
    encoding_note: str = ""  # why the file is not read as UTF-8, when it is not

    @cached_property
    def content_sha256(self) -> str:
        """SHA-256 of the cells as read (`csv_rows.content_digest`)."""
        if isinstance(self.rows, StreamedRows):
            return self.rows.content_sha256  # found as the file was first read
        return content_digest(itertools.chain((self.header,), self.rows))

    def column_index(self, name: str) -> int | None:
        """Index of the column headed `name` (exact first, then ignoring case and spaces)."""
        if name in self.header:
            return self.header.index(name)
        wanted = " ".join(name.split()).casefold()
        for n, heading in enumerate(self.header):
            if " ".join(heading.split()).casefold() == wanted:
                return n
        return None

    @staticmethod
    def row_number(index: int) -> int:
        """The spreadsheet row number of data row `index` (header is row 1)."""
        return index + 2


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`; raises `CsvFileError` for a binary file."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    _refuse_binary(data)
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if csv_checks.mostly_utf8(data):
        return "utf-8"  # a few damaged bytes: reported cell by cell, not a reason to switch
    if not _CP1252_HOLES.intersection(data):
        return "cp1252"
    return "latin-1"


def _refuse_binary(data: bytes) -> None:
    sample = data[:_SNIFF_BYTES]
    # a stray zero byte or two is damage in a text file (reported cell by cell);
    # many are a binary file (a workbook, a database, UTF-16 without its mark)
    if sample.count(0) > len(sample) // 1000 + 2:
        raise CsvFileError("this is not a text file (it holds zero bytes); "
                           "save the spreadsheet as CSV and choose that file")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    if controls > 2 and controls / len(sample) > 0.01:
        raise CsvFileError("this is not a text file (it holds control characters); "
                           "save the spreadsheet as CSV and choose that file")


def decode(data: bytes, encoding: str) -> tuple[str, list[csv_checks.BadBytes]]:
    """The text, and (UTF-8 only) the bytes that did not decode, replaced by U+FFFD."""
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        if encoding in ("utf-8", "utf-8-sig") and csv_checks.mostly_utf8(data):
            return csv_checks.decode_damaged_utf8(data, encoding)
        raise CsvFileError(
            f"the file is not valid {encoding} (byte 0x{data[exc.start]:02X} at offset "
            f"{exc.start:,}); choose another encoding") from None
    except LookupError:
        raise CsvFileError(f"unknown encoding '{encoding}'") from None


def line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("LF", lf), ("CR", cr)) if n]
    if len(kinds) > 1:
        return "mixed"
    return kinds[0] if kinds else "LF"


def sniff_format(data: bytes, encoding: str | None = None) -> CsvFormat:
    """Encoding, delimiter, quote character and line endings of a file's bytes."""
    encoding = encoding or detect_encoding(data)
    if len(data) > _SNIFF_BYTES:  # the cut may fall inside a character: never mind it
        try:
            text = data[:_SNIFF_BYTES].decode(encoding, errors="replace")
        except LookupError:
            raise CsvFileError(f"unknown encoding '{encoding}'") from None
    else:
        text, _ = decode(data, encoding)
    delimiter, quotechar = _sniff_dialect(text)
    # line breaks inside quoted values are data, not row ends: leave them out
    unquoted = re.sub(f"{re.escape(quotechar)}.*?{re.escape(quotechar)}", "", text[:_SNIFF_BYTES],
                      flags=re.DOTALL)
    return CsvFormat(encoding, delimiter, quotechar, line_endings(unquoted))


def _sniff_dialect(text: str) -> tuple[str, str]:
    sample = text[:_SNIFF_BYTES]
    # cut at the last line break so the sniffer never sees half a row
    cut = max(sample.rfind("\n"), sample.rfind("\r"))
    if 0 < cut < len(sample) - 1:
        sample = sample[:cut]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        return dialect.delimiter, dialect.quotechar or '"'
    except csv.Error:
        pass
    first_line = sample.splitlines()[0] if sample.splitlines() else ""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return (best if counts[best] else ","), '"'


def iter_rows(text: str, fmt: CsvFormat,
              faults: list[tuple[int, str]]) -> Iterator[tuple[str, ...] | None]:
    """Rows as written, blank ones skipped; None for a record with a quoting mistake.

    The reader is strict, so a quote that does not pair up stops it at that
    record instead of merging rows into one cell; `faults` gets the first
    line of each such record and its raw text, and reading goes on after it.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter,
                        quotechar=fmt.quotechar, doublequote=True, strict=True)
    lines: list[str] | None = None
    last_line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            if lines is None:
                lines = io.StringIO(text, newline="").readlines()
            first = last_line + 1
            raw = "".join(lines[last_line:reader.line_num])
            blank = len(raw) - len(raw.lstrip("\r\n"))
            first += raw[:blank].count("\n") + raw[:blank].replace("\r\n", "").count("\r")
            faults.append((first, raw[blank:]))
            last_line = reader.line_num
            yield None
            continue
        last_line = reader.line_num
        if row and any(cell.strip() for cell in row):
            yield tuple(row)


def _header(row: tuple[str, ...]) -> tuple[str, ...]:
    header = tuple(h.replace("\ufeff", "").strip() for h in row)
    if not any(header):
        raise CsvFileError("the first row (the header) has no column names")
    return header


def read_csv(path: str | Path, fmt: CsvFormat | None = None,
             limit: int | None = None) -> CsvTable:
    """Read a CSV file (the first `limit` data rows, or all); blank lines are skipped.

    Raises `CsvFileError` for a file that cannot be read, is empty, is binary,
    or is not valid in the chosen encoding.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CsvFileError("this is a folder, not a CSV file") from None
    except OSError as exc:
        raise CsvFileError(f"the file could not be read ({exc.strerror or exc})") from None
    return parse_csv_bytes(data, path, fmt, limit, opener=lambda: path.open("rb"))


def parse_csv_bytes(data: bytes, path: Path, fmt: CsvFormat | None = None,
                    limit: int | None = None, opener: Opener | None = None) -> CsvTable:
    """The table of a file's bytes. A large clean file (`csv_rows`) is read again
    through `opener` when its rows are gone through (without one, `data` is kept)."""
    if not data or data.isspace():
        raise CsvFileError("the file is empty")
    fmt = fmt or sniff_format(data)
    if fmt.encoding not in ("utf-16",):
        _refuse_binary(data)
    if limit is None and len(data) > KEEP_ROWS_BYTES and fmt.encoding in ("utf-8", "utf-8-sig") \
            and b"\x00" not in data:
        sha256 = file_sha256(data)
        scanned = StreamedRows.scan(data, opener or (lambda: io.BytesIO(data)), sha256, fmt)
        if scanned is not None:
            written, streamed = scanned
            return CsvTable(path, fmt, _header(written), streamed, sha256)
    text, bad_bytes = decode(data, fmt.encoding)
    faults: list[tuple[int, str]] = []
    rows = iter_rows(text, fmt, faults)
    header = next(rows, None)
    if header is None:
        if faults:
            raise CsvFileError(f"the header row (line {faults[0][0]}) has a quote that is "
                               "never closed")
        raise CsvFileError("the file has no rows")
    header = _header(header)
    body: list[tuple[str, ...]] = []
    problems: list[RowProblem] = []
    for row in rows:
        if limit is not None and len(body) >= limit:
            break
        if row is None:
            first_line, raw = faults[-1]
            row, problem = csv_checks.quote_problem(raw, first_line, len(body) + 2, header,
                                                    fmt.delimiter, fmt.quotechar)
            problems.append(problem)
        body.append(row)
    table_rows = tuple(body)
    if "\x00" in text:
        problems += csv_checks.nul_problems(header, table_rows)
    if bad_bytes:
        problems += csv_checks.bad_byte_problems(
            header, table_rows, bad_bytes, data.count("\ufffd".encode()))
    note = ""
    if fmt.encoding in ("cp1252", "latin-1"):
        note = csv_checks.not_utf8_note(data, fmt.encoding, header, table_rows)
    problems.sort(key=lambda p: p.row)
    return CsvTable(path, fmt, header, table_rows, file_sha256(data), tuple(problems), note)
