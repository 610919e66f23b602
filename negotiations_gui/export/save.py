"""Writing an export safely: all of it, or nothing.

Everything goes through QSaveFile (a temporary file beside the target, renamed
over it only once the whole file is written), so a full disk or a read-only
folder leaves neither a half-written file nor a damaged older one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile

from ..store import CaseFileError


class ExportError(CaseFileError):
    """An export could not be written; `str()` says where and why."""


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` whole, or raise ExportError and leave nothing."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(target, "this is a folder; choose a file name to export to.")
    if not target.parent.is_dir():
        raise ExportError(target, "the folder does not exist.")
    save = QSaveFile(str(target))
    if not save.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ExportError(target, f"the file could not be written ({save.errorString()}).")
    written = save.write(data)
    if written != len(data):
        problem = save.errorString()
        save.cancelWriting()
        save.commit()  # discards the temporary file
        raise ExportError(target, f"the file could not be written completely ({problem}).")
    if not save.commit():
        raise ExportError(target, f"the file could not be saved ({save.errorString()}).")
