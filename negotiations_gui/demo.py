"""The bundled demo case: Egyptian–Qatari mediation between Israel and Hamas, August 2025.

It ships as JSON inside the package (`resources/demo/gaza_mediation_aug2025.json`,
readable and reviewable) and is imported into a new case file whenever a copy
is made, so the bundled file is never modified.
"""

from __future__ import annotations

import hashlib
import tempfile
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


def demo_copy(directory: str | Path | None = None) -> Path:
    """Write a fresh copy of the demo case into `directory` and return its path.

    With no directory, the copy goes into a new temporary folder.
    """
    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="negotiations-demo-"))
    target = folder / DEMO_FILE_NAME
    write_demo_case(target)
    return target
