"""The export tests' multilingual case, for the window side of the exports."""

from ...export.conftest import case  # noqa: F401  (a fixture, used by name)
