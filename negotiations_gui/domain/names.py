"""How names are compared: the one rule shared by the importer and the store."""

from __future__ import annotations


def name_key(name: str) -> str:
    """The form names are compared in: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()
