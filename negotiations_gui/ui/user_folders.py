"""The user's own folders: the app's data folder (the demo's copy), and where exports go.

Exports are saved, by default, where the user saved the last one; before the
first, in their Documents folder (never the app's data folder where the
demo lives, which a user would not think of looking in).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from .settings import LAST_EXPORT_FOLDER, ORGANISATION, Settings


def app_data_folder() -> Path:
    """Where the app keeps its own files for this user (~/.local/share/…, %APPDATA%\\…)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / f".{ORGANISATION}"


def demo_folder() -> Path:
    """The folder of the user's copy of the demo case."""
    return app_data_folder() / "demo"


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def export_folder(settings: Settings) -> Path:
    """Where a save dialog for an export starts: the last export's folder, else Documents."""
    remembered = settings.get(LAST_EXPORT_FOLDER)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_export_folder(settings: Settings, saved: str | Path) -> None:
    settings.set(LAST_EXPORT_FOLDER, str(Path(saved).parent))
