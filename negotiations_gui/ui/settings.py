"""Every QSettings key the app uses, declared once.

Preferences are the user's choices (shown in Edit > Preferences); UI state is
what the window remembers by itself (geometry, dock layout, recent files).
They live under separate groups so that "reset preferences" never loses the
layout and the other way round.

The layout of the keys has a version (`SETTINGS_VERSION`): settings written by
an earlier version are brought up to date, step by step, when they are opened
(`UPGRADES`); settings from a newer version are read as they are, never
rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from .. import APP_NAME
from ..export.page import Paper

ORGANISATION = "negotiations-gui"


@dataclass(frozen=True)
class Key:
    name: str
    default: Any
    kind: type


# -- preferences: the user's choices --------------------------------------------------
OPEN_LAST_CASE = Key("preferences/open_last_case", True, bool)
RECENT_LIMIT = Key("preferences/recent_files_limit", 10, int)
DEFAULT_MARKING = Key("preferences/default_marking", "UNCLASSIFIED", str)
UI_ZOOM_PERCENT = Key("preferences/ui_zoom_percent", 100, int)
# recorded with every change (the revision log); asked once, when it is still empty
ANALYST_NAME = Key("preferences/analyst_name", "", str)

# Edit > Delete names the record and asks first, unless the user said not to
CONFIRM_DELETE = Key("preferences/confirm_delete", True, bool)

PREFERENCES = (OPEN_LAST_CASE, RECENT_LIMIT, DEFAULT_MARKING, UI_ZOOM_PERCENT, ANALYST_NAME,
               CONFIRM_DELETE)

# -- UI state: what the window remembers ------------------------------------------------
WINDOW_GEOMETRY = Key("ui_state/window_geometry", QByteArray(), QByteArray)
WINDOW_STATE = Key("ui_state/window_state", QByteArray(), QByteArray)
SPLITTER_STATE = Key("ui_state/splitter_state", QByteArray(), QByteArray)
SPLIT_STACKED = Key("ui_state/split_stacked", False, bool)
RECENT_FILES = Key("ui_state/recent_files", [], list)
LAST_FOLDER = Key("ui_state/last_folder", "", str)
# the grid's view options, kept from one case and one run to the next
GRID_TRANSPOSED = Key("ui_state/grid_transposed", False, bool)
GRID_CHANGES_ONLY = Key("ui_state/grid_changes_only", False, bool)
GRID_FIT = Key("ui_state/grid_fit_to_window", False, bool)
# the paper of the last export previewed (A4 or Letter: export.Paper values)
EXPORT_PAPER = Key("ui_state/export_paper", Paper.A4.value, str)
# the folder of the last export saved (PDF, Markdown, image)
LAST_EXPORT_FOLDER = Key("ui_state/last_export_folder", "", str)
# one per list dock: the table header (column order, widths, hidden columns, sort)
LIST_HEADER_PREFIX = "ui_state/list_header/"


def list_header_key(kind: str) -> Key:
    return Key(LIST_HEADER_PREFIX + kind, QByteArray(), QByteArray)


# -- the version of this layout, and the steps from each earlier one -----------------
SETTINGS_VERSION = Key("settings_version", 0, int)


def _export_paper_is_ui_state(qsettings: QSettings) -> None:
    """1: the export paper is remembered from the last preview, not set in Preferences."""
    old = "preferences/export_paper"
    if qsettings.contains(old):
        if not qsettings.contains(EXPORT_PAPER.name):
            qsettings.setValue(EXPORT_PAPER.name, qsettings.value(old))
        qsettings.remove(old)


# UPGRADES[n] brings settings of version n to version n + 1
UPGRADES: tuple[Callable[[QSettings], None], ...] = (_export_paper_is_ui_state,)
CURRENT_VERSION = len(UPGRADES)


class Settings:
    """Typed access to QSettings through the keys above."""

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings(ORGANISATION, APP_NAME)
        self._upgrade()

    def _upgrade(self) -> None:
        version = self.get(SETTINGS_VERSION)
        if version >= CURRENT_VERSION:
            return  # up to date, or written by a newer version: left as they are
        for step in UPGRADES[version:]:
            step(self.qsettings)
        self.set(SETTINGS_VERSION, CURRENT_VERSION)

    def get(self, key: Key) -> Any:
        value = self.qsettings.value(key.name, key.default)
        if value is None:
            return key.default
        if key.kind is bool and isinstance(value, str):  # INI files store "true"/"false"
            return value.lower() == "true"
        if key.kind is list:
            if isinstance(value, str):
                return [value] if value else []
            return list(value) if isinstance(value, (list, tuple)) else key.default
        if key.kind is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        try:
            return key.kind(value)
        except (TypeError, ValueError):
            return key.default

    def set(self, key: Key, value: Any) -> None:
        self.qsettings.setValue(key.name, value)

    def reset_preferences(self) -> None:
        for key in PREFERENCES:
            self.qsettings.remove(key.name)

    def sync(self) -> None:
        self.qsettings.sync()

    # -- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self.get(RECENT_FILES) if p]

    def add_recent_file(self, path: Path) -> None:
        text = str(Path(path).resolve())
        files = [text] + [p for p in self.get(RECENT_FILES) if p != text]
        self.set(RECENT_FILES, files[: max(1, self.get(RECENT_LIMIT))])

    def remove_recent_file(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.set(RECENT_FILES, [p for p in self.get(RECENT_FILES) if p != text])

    def clear_recent_files(self) -> None:
        self.set(RECENT_FILES, [])
