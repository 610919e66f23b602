"""Reading a CSV file as real spreadsheets and data sets write it.

The encoding is found, not assumed: a byte-order mark (UTF-8, UTF-16) wins,
then strict UTF-8, then Windows-1252 (what Excel on Windows writes), which
`CsvFormat.encoding` reports so the dialog can show it and the user can
override it. The dialect (delimiter, quote) is sniffed from the first lines.
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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16")
_DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024
# cp1252 leaves these five bytes undefined; a file holding them is not cp1252
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


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
    rows: tuple[tuple[str, ...], ...]
    sha256: str

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
    if not _CP1252_HOLES.intersection(data):
        return "cp1252"
    return "latin-1"


def _refuse_binary(data: bytes) -> None:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise CsvFileError("this is not a text file (it holds zero bytes); "
                           "save the spreadsheet as CSV and choose that file")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    if sample and controls / len(sample) > 0.01:
        raise CsvFileError("this is not a text file (it holds control characters); "
                           "save the spreadsheet as CSV and choose that file")


def decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            f"the file is not valid {encoding} (byte {exc.start:,}); choose another encoding"
        ) from None
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
    head = decode(data[:_SNIFF_BYTES], encoding) if len(data) > _SNIFF_BYTES else None
    text = head if head is not None else decode(data, encoding)
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
    best = max(counts, key=counts.get)
    return (best if counts[best] else ","), '"'


def iter_rows(text: str, fmt: CsvFormat) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter,
                        quotechar=fmt.quotechar, doublequote=True, strict=False)
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                yield row
    except csv.Error as exc:
        raise CsvFileError(f"row {reader.line_num}: {exc}") from None


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
    return parse_csv_bytes(data, path, fmt, limit)


def parse_csv_bytes(data: bytes, path: Path, fmt: CsvFormat | None = None,
                    limit: int | None = None) -> CsvTable:
    if not data.strip():
        raise CsvFileError("the file is empty")
    fmt = fmt or sniff_format(data)
    if fmt.encoding not in ("utf-16",):
        _refuse_binary(data)
    text = decode(data, fmt.encoding)
    rows = iter_rows(text, fmt)
    header = next(rows, None)
    if header is None:
        raise CsvFileError("the file has no rows")
    header = tuple(h.replace("\ufeff", "").strip() for h in header)
    if not any(header):
        raise CsvFileError("the first row (the header) has no column names")
    body = []
    for row in rows:
        if limit is not None and len(body) >= limit:
            break
        body.append(tuple(row))
    return CsvTable(path, fmt, header, tuple(body), file_sha256(data))
