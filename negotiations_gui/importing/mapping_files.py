"""Named mappings, saved in the user's configuration folder, one JSON file each.

Not in the case file: a mapping describes a spreadsheet layout or a data
set, which an analyst imports into many cases, and a case file is mailed to
others who should not receive one person's import settings.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import replace
from pathlib import Path

from .mapping import ColumnMapping, MappingError

CONFIG_ENV = "NEGOTIATIONS_GUI_CONFIG_DIR"



def mapping_folder() -> Path:
    """Where named mappings are saved: <config>/negotiations-gui/csv-mappings."""
    if os.environ.get(CONFIG_ENV):
        base = Path(os.environ[CONFIG_ENV])
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "negotiations-gui"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "negotiations-gui"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") \
            / "negotiations-gui"
    return base / "csv-mappings"


def _file_for(name: str) -> Path:
    slug = re.sub(r"[^\w\- ]+", "_", name.strip()).strip() or "mapping"
    return mapping_folder() / f"{slug}.json"


def saved_mapping_names() -> list[str]:
    folder = mapping_folder()
    if not folder.is_dir():
        return []
    names = []
    for path in sorted(folder.glob("*.json")):
        try:
            names.append(ColumnMapping.from_json(path.read_text("utf-8")).name or path.stem)
        except (OSError, UnicodeDecodeError, MappingError):
            continue
    return sorted(names, key=str.casefold)


def save_mapping(mapping: ColumnMapping, name: str) -> Path:
    """Save under `name` (replacing one of that name); returns the file written."""
    if not name.strip():
        raise MappingError("a saved mapping needs a name")
    path = _file_for(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".json.partial")
        temp.write_text(replace(mapping, name=name.strip()).to_json(), "utf-8")
        temp.replace(path)
    except OSError as exc:
        raise MappingError(f"the mapping could not be saved ({exc.strerror or exc})") from None
    return path


def load_mapping(name_or_file: str | Path) -> ColumnMapping:
    """A saved mapping by name, or a mapping JSON file by path."""
    candidate = Path(name_or_file)
    if candidate.suffix.lower() == ".json" and candidate.is_file():
        path = candidate
    else:
        path = _file_for(str(name_or_file))
        if not path.is_file():
            known = ", ".join(saved_mapping_names()) or "none"
            raise MappingError(f"there is no mapping file or saved mapping named "
                               f"'{name_or_file}' (saved mappings: {known})")
    try:
        return ColumnMapping.from_json(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"the mapping {path} could not be read ({exc})") from None
