"""The bundled demo case: Egyptian–Qatari mediation between Israel and Hamas, August 2025.

It ships as JSON inside the package (`resources/demo/gaza_mediation_aug2025.json`,
readable and reviewable) and is imported into a new case file whenever a copy
is made, so the bundled file is never modified.

The window's demo (`--demo`, "Try the Demo Case") is one copy per user, in a
folder of the user's own (`user_demo`): the same file each time, which the
user can find again and which keeps what they changed in it. A copy the user
never changed is brought up to date when a new version of the app brings a
new demo; a changed copy is never replaced behind their back.
`fresh_demo_copy` starts again from the original on request, keeping the
changed copy beside it under a name that says what it is.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
from dataclasses import dataclass
from importlib.resources import as_file
from pathlib import Path

from .resources import DEMO_JSON, ResourceMissing, bundled, read_bytes

DEMO_FILE_NAME = "Gaza mediation, August 2025 (demo).nego"


def demo_json_bytes() -> bytes:
    """The bundled demo case as JSON; raises `ResourceMissing` if it was not installed."""
    return read_bytes(*DEMO_JSON)


def demo_json_sha256() -> str:
    return hashlib.sha256(demo_json_bytes()).hexdigest()


def write_demo_case(target: str | Path) -> int:
    """Create the case file `target` from the bundled demo; returns the record count.

    Refuses to replace an existing file (`CaseFileError`); all or nothing, as
    any JSON import.
    """
    from .store.json_io import import_case_file

    resource = bundled(*DEMO_JSON)
    if not resource.is_file():
        raise ResourceMissing(resource)
    with as_file(resource) as path:  # a real file even when the package is zipped
        return import_case_file(path, target)


def demo_copy(directory: str | Path) -> Path:
    """Write a fresh copy of the demo case into `directory` and return its path."""
    target = Path(directory) / DEMO_FILE_NAME
    write_demo_case(target)
    return target


# -- the user's own copy ---------------------------------------------------------

# beside the copy: what it held when it was written, to tell whether it was changed
ORIGIN_FILE_NAME = ".demo-origin.json"


class DemoState(enum.Enum):
    NEW = "new"              # there was no copy: one was written
    CURRENT = "current"      # the copy as written, of this version's demo
    REFRESHED = "refreshed"  # an unchanged copy of an older demo, replaced by this one
    CHANGED = "changed"      # the user changed it (or it cannot be read): kept as it is


@dataclass(frozen=True)
class DemoCopy:
    path: Path
    state: DemoState
    kept_as: Path | None = None  # where a changed copy went when a fresh one was asked for


def content_digest(path: Path) -> str:
    """A digest of everything the case holds (its JSON export), not of its bytes.

    Opening a case may rewrite bytes (journal, migrations) without changing a
    record; the export changes exactly when a record does.
    """
    from .store import CaseStore
    from .store.json_io import dump_case

    with CaseStore.open(path, read_only=True) as store:
        return hashlib.sha256(dump_case(store.export_data()).encode("utf-8")).hexdigest()


def _origin(folder: Path) -> dict:
    try:
        record = json.loads((folder / ORIGIN_FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _digest(path: Path) -> str | None:
    """The copy's content digest, None when it cannot be read as a case."""
    from .store import CaseFileError

    try:
        return content_digest(path)
    except CaseFileError:
        return None


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _write_copy(folder: Path) -> Path:
    path = folder / DEMO_FILE_NAME
    write_demo_case(path)
    record = {"bundled_sha256": demo_json_sha256(), "content_sha256": content_digest(path)}
    (folder / ORIGIN_FILE_NAME).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return path


def _unwritable(folder: Path, exc: OSError):
    from .store import CaseFileError

    return CaseFileError(folder, "the demo case cannot be written in this folder "
                         f"({exc.strerror or exc}).")


def user_demo(folder: str | Path, may_replace: bool = True) -> DemoCopy:
    """The user's copy of the demo in `folder`, written or brought up to date as needed.

    `may_replace=False` (the copy is open in another window) leaves an
    unchanged older copy as it is. Raises `CaseFileError` when the folder
    cannot be written, `ResourceMissing` when the installation lacks the demo.
    """
    folder = Path(folder)
    try:
        return _user_demo(folder, may_replace)
    except OSError as exc:
        raise _unwritable(folder, exc) from None


def _user_demo(folder: Path, may_replace: bool) -> DemoCopy:
    path = folder / DEMO_FILE_NAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        return DemoCopy(_write_copy(folder), DemoState.NEW)
    digest = _digest(path)
    # An unchanged copy of this version's demo exports exactly the bundled JSON
    # (tests/test_demo_case.py checks that the bundled file is such an export).
    if digest == demo_json_sha256():
        return DemoCopy(path, DemoState.CURRENT)
    if digest is None or digest != _origin(folder).get("content_sha256"):
        return DemoCopy(path, DemoState.CHANGED)
    if not may_replace:  # an older demo, open elsewhere: brought up to date another time
        return DemoCopy(path, DemoState.CURRENT)
    _remove(path)
    return DemoCopy(_write_copy(folder), DemoState.REFRESHED)


def fresh_demo_copy(folder: str | Path, now: dt.datetime | None = None) -> DemoCopy:
    """Start the user's demo again from the original; a changed copy is kept, renamed.

    The kept copy is named "… (demo, your changes of 1 Dec 2026 23.40).nego",
    beside the new one. The caller makes sure no window has the copy open.
    """
    folder = Path(folder)
    try:
        return _fresh_demo_copy(folder, now or dt.datetime.now())
    except OSError as exc:
        raise _unwritable(folder, exc) from None


def _fresh_demo_copy(folder: Path, now: dt.datetime) -> DemoCopy:
    path = folder / DEMO_FILE_NAME
    kept = None
    unchanged = (demo_json_sha256(), _origin(folder).get("content_sha256"))
    if path.exists() and _digest(path) not in unchanged:
        kept = _kept_name(folder, now)
        for suffix in ("", "-wal", "-shm"):  # SQLite finds its journal by the file's name
            if Path(f"{path}{suffix}").exists():
                os.replace(f"{path}{suffix}", f"{kept}{suffix}")
    _remove(path)
    folder.mkdir(parents=True, exist_ok=True)
    return DemoCopy(_write_copy(folder), DemoState.NEW, kept)


def _kept_name(folder: Path, now: dt.datetime) -> Path:
    stem = Path(DEMO_FILE_NAME).stem.removesuffix(" (demo)")
    when = f"{now.day} {now:%b %Y %H.%M}"
    candidate = folder / f"{stem} (demo, your changes of {when}).nego"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} (demo, your changes of {when}, {n}).nego"
        n += 1
    return candidate
