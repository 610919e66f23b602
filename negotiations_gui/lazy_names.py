"""A package's public names imported on first use (PEP 562), not with the package.

`export/` and `importing/` use it: the window needs only a few of their modules
to start, and opening a case should not wait for the rest to load. Plain Python
(no Qt, no SQL), so any layer may use it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, homes: Mapping[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """The module `__getattr__` of `package`: each public name is imported from its
    module (`homes`: a module of the package -> the names it defines) when first
    asked for, and kept in the package from then on."""
    home_of = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
