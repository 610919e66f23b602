"""Opening, creating, copying, importing and exporting case files, with clear dialogs.

A case open for writing in a window holds the case's writer lock
(`store.case_lock`, "<file>.lock" beside it), as every other writer does
(`import-csv`, `import-json`): a second window, or a window meeting a running
import, is told who holds the case and offered a read-only view. The lock is
the operating system's, so a crashed holder never leaves it stale.
Every known problem (`CaseFileError`) becomes a dialog with its message; the
file is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ..domain import CaseInfo
from ..store import CASE_SUFFIX, CaseFileError, CaseStore
from ..store.case_lock import CaseInUseError, CaseLock
from . import prompts
from .plain_text import isolate

CASE_FILTER = f"Case files (*{CASE_SUFFIX});;All files (*)"
JSON_FILTER = "JSON files (*.json);;All files (*)"


@dataclass
class OpenCase:
    store: CaseStore

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()  # releases the case's lock with the file


def take_lock(path: Path) -> tuple[CaseLock | None, bool]:
    """(lock, held_elsewhere) for a short task on `path` in this thread (writing the demo
    copy): the store's own writers may take it again inside the task."""
    try:
        return CaseLock.acquire(path, "window", reentrant=True), False
    except CaseInUseError:
        return None, True


def open_case_file(parent: QWidget | None, path: Path, read_only: bool = False,
                   start_check: bool = True) -> OpenCase | None:
    """Open `path`, asking or explaining as needed; None when it was not opened.

    `start_check=False`: a large case's check waits for `store.start_open_check()`."""
    path = Path(path)
    try:
        try:
            store = CaseStore.open(path, read_only=read_only, lock_as="window",
                                   start_check=start_check)
        except CaseInUseError as exc:
            if not prompts.ask(
                    parent, "Case already open",
                    f"“{isolate(path.name)}” is open in {exc.holder}. Changes made in two "
                    "places at once would get mixed up.\n\nOpen it read-only here?",
                    yes="Open read-only", no="Cancel"):
                return None
            store = CaseStore.open(path, read_only=True)
    except CaseFileError as exc:
        prompts.warn(parent, "Cannot open case", str(exc))
        return None
    # a damaged case is opened read-only; the window says so and offers to salvage it
    # (ui/salvage.py, told by the store's watch_damage), also when a large case's
    # check finishes after the window is up
    if store.damage is None and store.open_check_running and parent is not None:
        _settle_when_checked(parent, store)
    if store.backup_path is not None:
        prompts.inform(parent, "Case upgraded",
                       f"“{isolate(path.name)}” came from an older version and was upgraded. "
                       f"A copy of the file as it was is kept at:\n{store.backup_path}")
    return OpenCase(store)


def _settle_when_checked(parent: QWidget, store: CaseStore) -> None:
    """A large case is checked while the window paints (store/open_check.py): once the
    check is done, act on it; damage it finds reaches the window's banner by watch_damage."""
    timer = QTimer(parent)
    timer.setInterval(50)

    def settle() -> None:
        if store.open_check_running:
            return
        timer.stop()
        timer.deleteLater()
        store.settle_open_check()

    timer.timeout.connect(settle)
    timer.start()


def create_case_file(parent: QWidget | None, path: Path, info: CaseInfo) -> OpenCase | None:
    try:
        store = CaseStore.create(path, info, lock_as="window")
    except CaseFileError as exc:
        prompts.warn(parent, "Cannot create case", str(exc))
        return None
    return OpenCase(store)


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
