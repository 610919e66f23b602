"""The files that ship inside the package: the demo case, the fonts and their licence.

They live in this folder (`negotiations_gui/resources/`) and are package data
(pyproject.toml), so a wheel, an sdist and an editable install all carry them,
and they are read through `importlib.resources`: nothing depends on the
working folder or on a source tree beside the installed package.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

# what pyproject.toml's package-data lists; tests check a built wheel holds each
DEMO_JSON = ("demo", "gaza_mediation_aug2025.json")
FONTS = "fonts"
FONT_LICENCE = ("fonts", "OFL.txt")


class ResourceMissing(Exception):
    """A bundled file is not where the package put it: the installation is incomplete."""

    def __init__(self, resource: Traversable | str):
        self.resource = resource
        super().__init__(
            f"the installation is incomplete: the bundled file {resource} is missing. "
            "Reinstall negotiations-gui (pip install --force-reinstall negotiations-gui).")


def bundled(*parts: str) -> Traversable:
    """The bundled resource at `parts` (e.g. "fonts", "OFL.txt"), which may not exist."""
    return files(__name__).joinpath(*parts)


def read_bytes(*parts: str) -> bytes:
    """The contents of a bundled file; raises `ResourceMissing` when it is not there."""
    resource = bundled(*parts)
    try:
        return resource.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise ResourceMissing(resource) from None
