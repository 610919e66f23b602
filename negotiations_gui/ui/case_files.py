"""Opening, creating, copying, importing and exporting case files, with clear dialogs.

A case open in one window is locked with a `QLockFile` beside it
("<file>.lock"): a second window or program instance is told and offered a
read-only view. Stale locks (the owner crashed) are taken over silently.
Every known problem (`CaseFileError`) becomes a dialog with its message; the
file is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget

from ..domain import CaseInfo
from ..store import CASE_SUFFIX, CaseFileError, CaseStore
from . import prompts

CASE_FILTER = f"Case files (*{CASE_SUFFIX});;All files (*)"
JSON_FILTER = "JSON files (*.json);;All files (*)"


@dataclass
class OpenCase:
    store: CaseStore
    lock: QLockFile | None

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def lock_path(path: Path) -> str:
    return f"{path}.lock"


def take_lock(path: Path) -> tuple[QLockFile | None, bool]:
    """(lock, held_elsewhere). No lock when the folder cannot hold one (read-only)."""
    lock = QLockFile(lock_path(path))
    if lock.tryLock(0):
        return lock, False
    return None, lock.error() == QLockFile.LockFailedError


def open_case_file(parent: QWidget | None, path: Path, read_only: bool = False) -> OpenCase | None:
    """Open `path`, asking or explaining as needed; None when it was not opened."""
    path = Path(path)
    lock = None
    if not read_only and path.exists():
        lock, held_elsewhere = take_lock(path)
        if held_elsewhere:
            if not prompts.ask(
                    parent, "Case already open",
                    f"“{path.name}” is open in another window or program. Changes made in two "
                    "places at once would get mixed up.\n\nOpen it read-only here?",
                    yes="Open read-only", no="Cancel"):
                return None
            read_only = True
    try:
        store = CaseStore.open(path, read_only=read_only)
    except CaseFileError as exc:
        if lock is not None:
            lock.unlock()
        prompts.warn(parent, "Cannot open case", str(exc))
        return None
    if store.read_only and lock is not None:
        lock.unlock()
        lock = None
    if store.backup_path is not None:
        prompts.inform(parent, "Case upgraded",
                       f"“{path.name}” came from an older version and was upgraded. "
                       f"A copy of the file as it was is kept at:\n{store.backup_path}")
    return OpenCase(store, lock)


def create_case_file(parent: QWidget | None, path: Path, info: CaseInfo) -> OpenCase | None:
    try:
        store = CaseStore.create(path, info)
    except CaseFileError as exc:
        prompts.warn(parent, "Cannot create case", str(exc))
        return None
    lock, _ = take_lock(Path(path))
    return OpenCase(store, lock)


def save_copy(parent: QWidget | None, store: CaseStore, target: Path) -> bool:
    if Path(target).resolve() == store.path.resolve():
        prompts.warn(parent, "Save a copy", "Choose another file: this is the open case itself.")
        return False
    try:
        store.save_copy(target)
    except CaseFileError as exc:
        prompts.warn(parent, "Save a copy", str(exc))
        return False
    return True


def export_json(parent: QWidget | None, store: CaseStore, target: Path) -> bool:
    from ..store.json_io import dump_case, write_json

    try:
        write_json(dump_case(store.export_data()), target)
    except CaseFileError as exc:
        prompts.warn(parent, "Export to JSON", str(exc))
        return False
    return True


def import_json(parent: QWidget | None, json_path: Path, case_path: Path) -> bool:
    """Create `case_path` from a JSON export; all or nothing."""
    from ..store.json_io import import_case_file

    try:
        import_case_file(json_path, case_path)
    except CaseFileError as exc:
        prompts.warn(parent, "Import from JSON", str(exc))
        return False
    return True


def with_suffix(path: str, suffix: str) -> Path:
    """The chosen path, with `suffix` added when the user typed none."""
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(suffix)
