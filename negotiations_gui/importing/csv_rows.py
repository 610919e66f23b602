"""The rows of a large CSV file, read again from the file each time they are gone through.

A million rows held as tuples of strings take more memory than the import may
use (the file's ten cells a row become ten objects), and so would its text or
its bytes held beside the case's page cache. A large file that reads cleanly
keeps only its first rows (what the dialog shows), its row count and its
SHA-256; going through its rows reads and parses the file again, as they are
needed (the check and the insert each go through them once), and checks that
its bytes still hash alike: a file changed in the meantime raises
`CsvFileError`, so an insert is rolled back rather than writing other rows
than were checked. Files with damage (quoting mistakes, zero bytes, bad bytes)
or in a single-byte encoding are small in practice and keep their rows as
before (`csv_file.parse_csv_bytes`), since their problems are reported cell by
cell from the rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, overload

if TYPE_CHECKING:
    from .csv_file import CsvFormat

HEAD_ROWS = 5000  # rows kept in memory: the dialog's preview and its column samples
_READ_BYTES = 1 << 20
Row = tuple[str, ...]
Opener = Callable[[], IO[bytes]]


def content_digest(rows: Iterable[Row]) -> str:
    """SHA-256 of the cells as read: the same rows saved with other line endings,
    another encoding or a byte-order mark hash alike (a re-import is noticed)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(_digest_text(row))
    return digest.hexdigest()


def _digest_text(row: Row) -> bytes:
    cells = "\x1f".join(map(str.strip, row))
    if "\r" in cells:  # (a carriage return at a cell's end is stripped either way)
        cells = "\x1f".join(c.replace("\r\n", "\n").replace("\r", "\n").strip() for c in row)
    return cells.encode("utf-8", "surrogatepass") + b"\x1e"


class _Hashing(io.RawIOBase):
    """A binary file read through, hashing its bytes on the way."""

    def __init__(self, raw: IO[bytes]):
        self._raw = raw
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        self.digest.update(data)
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def parsed_rows(binary: io.BytesIO | io.BufferedReader, fmt: CsvFormat) -> Iterator[Row]:
    """Every non-blank row of the file, header first, decoded as it is read.

    Raises `UnicodeDecodeError` or `csv.Error` at damage (the caller then reads
    the file the careful way, which reports it by row and column).
    """
    text = io.TextIOWrapper(binary, encoding=fmt.encoding, newline="")
    reader = csv.reader(text, delimiter=fmt.delimiter, quotechar=fmt.quotechar,
                        doublequote=True, strict=True)
    for row in reader:
        if row and any(cell.strip() for cell in row):
            yield tuple(row)


class StreamedRows(Sequence[Row]):
    """The data rows of a file that read cleanly (see the module docstring)."""

    def __init__(self, opener: Opener, sha256: str, fmt: CsvFormat, count: int,
                 head: list[Row], content_sha256: str):
        self._open = opener
        self._sha256 = sha256
        self._format = fmt
        self._count = count
        self._head = tuple(head)
        self.content_sha256 = content_sha256  # of the header and every row

    @classmethod
    def scan(cls, data: bytes, opener: Opener, sha256: str,
             fmt: CsvFormat) -> tuple[Row, StreamedRows] | None:
        """(header as written, rows) of the file whose bytes are `data`, which `opener`
        opens again, or None if it does not read cleanly."""
        digest = hashlib.sha256()
        head: list[Row] = []
        count = 0
        try:
            rows = parsed_rows(io.BytesIO(data), fmt)
            header = next(rows, None)
            if header is None:
                return None
            digest.update(_digest_text(tuple(h.replace("\ufeff", "").strip() for h in header)))
            for row in rows:
                count += 1
                if count <= HEAD_ROWS:
                    head.append(row)
                digest.update(_digest_text(row))
        except (UnicodeDecodeError, csv.Error):
            return None
        return header, cls(opener, sha256, fmt, count, head, digest.hexdigest())

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Row]:
        from .csv_file import CsvFileError

        changed = CsvFileError("the file changed since it was read; open it again")
        try:
            raw = _Hashing(self._open())
        except OSError as exc:
            raise CsvFileError(f"the file could not be read again ({exc.strerror or exc})"
                               ) from None
        with raw:
            rows = parsed_rows(io.BufferedReader(raw, _READ_BYTES), self._format)
            try:
                next(rows, None)  # the header
                for count, row in enumerate(rows, 1):
                    if count > self._count:
                        raise changed
                    yield row
            except (UnicodeDecodeError, csv.Error):
                raise changed from None
            if raw.digest.hexdigest() != self._sha256:
                raise changed

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
