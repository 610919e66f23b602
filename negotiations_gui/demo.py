"""The bundled demo case: Egyptian–Qatari mediation between Israel and Hamas, August 2025.

It ships as JSON (`resources/demo/gaza_mediation_aug2025.json`, readable and
reviewable) and is imported into a fresh case file each time it is opened, so
the bundled file is never modified.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .resources import resource_path

DEMO_JSON = ("demo", "gaza_mediation_aug2025.json")
DEMO_FILE_NAME = "Gaza mediation, August 2025 (demo).nego"


def demo_json_path() -> Path:
    return resource_path(*DEMO_JSON)


def demo_copy(directory: str | Path | None = None) -> Path:
    """Create a fresh copy of the demo case and return its path.

    The copy goes into `directory`, or a new temporary folder when none is given.
    """
    from .store.json_io import import_case_file

    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="negotiations-demo-"))
    target = folder / DEMO_FILE_NAME
    import_case_file(demo_json_path(), target)
    return target
