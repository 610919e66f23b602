"""Starting the window: `run_gui(path, demo)`, called by the command line.

With a FILE, that case opens (after asking, when it does not exist yet, to
create it); with `--demo`, a fresh copy of the demo case; with neither, the
last case opened, or the welcome page. Unexpected exceptions are logged and
shown in a crash dialog; the window stays up and the case file stays as it
was after the last completed change.
"""

from __future__ import annotations

import datetime as _dt
import gc
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from . import APP_NAME, __version__
from .domain import CaseInfo
from .ui import prompts
from .ui import settings as keys


def crash_log_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
                  or Path.home() / f".{keys.ORGANISATION}")
    return folder / "crash.log"


def install_crash_handler(window) -> None:
    """Show unexpected exceptions in a dialog (and a log) instead of dying."""

    showing = []  # an error raised again while the dialog is up (a paint) is only logged

    def handle(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log = crash_log_path()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as f:
                f.write(f"--- {_dt.datetime.now().isoformat()} {APP_NAME} {__version__}\n")
                f.write("".join(traceback.format_exception(exc_type, exc, tb)))
        except OSError:
            log = None
        traceback.print_exception(exc_type, exc, tb)
        if showing:
            return
        from .ui.dialogs import CrashDialog

        showing.append(True)
        try:
            CrashDialog(exc_type, exc, tb, log, window).exec()
        finally:
            showing.clear()

    sys.excepthook = handle


def _open_start_case(window, path: Path | None, demo: bool, settings: keys.Settings) -> None:
    if demo:
        window.open_demo()  # a fresh temporary copy each time
        return
    if path is not None:
        if path.exists():
            window.open_case(path)
        elif prompts.ask(window, "Create a new case?",
                         f"There is no case file at\n{path}\n\nCreate a new, empty case there?",
                         yes="Create", no="Cancel"):
            window.create_case(path, CaseInfo(title=path.stem,
                                              marking=settings.get(keys.DEFAULT_MARKING)))
        return
    recent = settings.recent_files()
    if settings.get(keys.OPEN_LAST_CASE) and recent and recent[0].exists():
        window.open_case(recent[0])


def run_gui(path: Path | None, demo: bool) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(keys.ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from .export.fonts import register_bundled_fonts

    register_bundled_fonts()  # Arabic and Hebrew names render the same on every machine
    from .ui.main_window import MainWindow

    settings = keys.Settings()
    window = MainWindow(settings)
    install_crash_handler(window)
    # open before showing, so the first paint is the case and not the welcome page
    _open_start_case(window, Path(path) if path else None, demo, settings)
    if window.first_run:
        window.showMaximized()
    else:
        window.show()
    # Everything built so far lives as long as the window: move it out of the
    # collector's reach, so full collections stop pausing timeline frames
    # (benchmarks/timeline.py --gc-freeze: worst 100k-event frame 21.6 -> 11.2 ms).
    gc.freeze()
    return app.exec()
