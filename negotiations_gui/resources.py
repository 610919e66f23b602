"""Where the bundled resources (demo case, fonts) live: `resources/` beside the package."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource; raises FileNotFoundError naming it when missing."""
    path = RESOURCES.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Bundled resource missing: {path}")
    return path
