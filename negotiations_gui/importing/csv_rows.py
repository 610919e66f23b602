"""The rows of a large CSV file, read again from its bytes each time they are gone through.

A million rows held as tuples of strings take more memory than the import may
use (the file's ten cells a row become ten objects), so a large file that reads
cleanly keeps only its bytes, its first rows (what the dialog shows) and its row
count; going through its rows parses the bytes again, as they are needed. The
check and the insert each go through them once. Files with damage (quoting
mistakes, zero bytes, bad bytes) or in a single-byte encoding are small in
practice and keep their rows as before (`csv_file.parse_csv_bytes`), since
their problems are reported cell by cell from the rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from .csv_file import CsvFormat

HEAD_ROWS = 5000  # rows kept in memory: the dialog's preview and its column samples
Row = tuple[str, ...]


def content_digest(rows: Iterable[Row]) -> str:
    """SHA-256 of the cells as read: the same rows saved with other line endings,
    another encoding or a byte-order mark hash alike (a re-import is noticed)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(_digest_text(row))
    return digest.hexdigest()


def _digest_text(row: Row) -> bytes:
    cells = "\x1f".join(c.replace("\r\n", "\n").replace("\r", "\n").strip() for c in row)
    return cells.encode("utf-8", "surrogatepass") + b"\x1e"


def parsed_rows(data: bytes, fmt: CsvFormat) -> Iterator[Row]:
    """Every non-blank row of `data`, header first, decoded as it is read.

    Raises `UnicodeDecodeError` or `csv.Error` at damage (the caller then reads
    the file the careful way, which reports it by row and column).
    """
    text = io.TextIOWrapper(io.BytesIO(data), encoding=fmt.encoding, newline="")
    reader = csv.reader(text, delimiter=fmt.delimiter, quotechar=fmt.quotechar,
                        doublequote=True, strict=True)
    for row in reader:
        if row and any(cell.strip() for cell in row):
            yield tuple(row)


class StreamedRows(Sequence[Row]):
    """The data rows of a file that read cleanly (see the module docstring)."""

    def __init__(self, data: bytes, fmt: CsvFormat, count: int, head: list[Row],
                 content_sha256: str):
        self._data = data
        self._format = fmt
        self._count = count
        self._head = tuple(head)
        self.content_sha256 = content_sha256  # of the header and every row

    @classmethod
    def scan(cls, data: bytes, fmt: CsvFormat) -> tuple[Row, StreamedRows] | None:
        """(header as written, rows) of `data`, or None if it does not read cleanly."""
        digest = hashlib.sha256()
        head: list[Row] = []
        count = 0
        try:
            rows = parsed_rows(data, fmt)
            header = next(rows, None)
            if header is None:
                return None
            clean = tuple(h.replace("\ufeff", "").strip() for h in header)
            digest.update(_digest_text(clean))
            for row in rows:
                count += 1
                if count <= HEAD_ROWS:
                    head.append(row)
                digest.update(_digest_text(row))
        except (UnicodeDecodeError, csv.Error):
            return None
        return header, cls(data, fmt, count, head, digest.hexdigest())

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Row]:
        rows = parsed_rows(self._data, self._format)
        next(rows, None)  # the header
        return itertools.islice(rows, self._count)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            wanted = range(self._count)[index]
            if wanted.step == 1 and wanted.stop <= len(self._head):
                return self._head[wanted.start:wanted.stop]
            return tuple(self)[index]  # (nothing reads far slices: the dialog shows the head)
        position = range(self._count)[index]  # IndexError beyond the end
        if position < len(self._head):
            return self._head[position]
        return next(itertools.islice(self, position, None))
