"""Writing an export safely: all of it, or nothing.

Exports go through the app's one safe-write helper (`store.safe_write`: a
uniquely named temporary file beside the target, synced, renamed over it only
once the whole file is written), so a full disk or a read-only folder leaves
neither a half-written file nor a damaged older one.
"""

from __future__ import annotations

from pathlib import Path

from ..store import CaseFileError
from ..store.safe_write import write_file


class ExportError(CaseFileError):
    """An export could not be written; `str()` says where and why."""


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` whole, or raise ExportError and leave nothing."""
    target = Path(path)
    try:
        write_file(target, data)
    except CaseFileError as exc:
        raise ExportError(target, exc.problem) from None
