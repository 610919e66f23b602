"""Starting the window: `run_gui(path, demo)`, called by the command line.

With a FILE, that case opens (after asking, when it does not exist yet, to
create it); with `--demo`, the user's own copy of the demo case; with neither, the
last case opened, or the welcome page. Unexpected exceptions, on any thread,
are logged and shown in a crash dialog on the GUI thread; the window stays up
and the case file stays as it was after the last completed change.
"""

from __future__ import annotations

import datetime as _dt
import gc
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThread, Signal
from PySide6.QtWidgets import QApplication

from . import APP_NAME, __version__
from .domain import CaseInfo
from .ui import prompts
from .ui.settings import DEFAULT_MARKING, OPEN_LAST_CASE, ORGANISATION, Settings


def crash_log_path() -> Path:
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    folder = Path(QStandardPaths.writableLocation(location)
                  or Path.home() / f".{ORGANISATION}")
    return folder / "crash.log"


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows each in a crash dialog, on the GUI thread only.

    `handle` is the `sys.excepthook` (and, through `threading.excepthook`, the
    hook of Python threads). Called on any thread, it writes the log there and
    hands the exception to the GUI thread by signal (queued, since this object
    lives on the GUI thread): no widget is ever built off the GUI thread.
    """

    raised = Signal(object, object, object, object)  # type, exception, traceback, log

    def __init__(self, window):
        super().__init__()  # made on the GUI thread, so it lives there
        self.window = window
        self._showing = False  # an error raised again while the dialog is up is only logged
        self.raised.connect(self._show)

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log = _write_crash_log(exc_type, exc, tb)
        traceback.print_exception(exc_type, exc, tb)
        if QThread.currentThread() is self.thread():
            self._show(exc_type, exc, tb, log)
        else:
            self.raised.emit(exc_type, exc, tb, log)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, exc_type, exc, tb, log: Path | None) -> None:
        if self._showing:
            return
        from .ui.dialogs import CrashDialog

        self._showing = True
        try:
            CrashDialog(exc_type, exc, tb, log, self.window,
                        case_open=getattr(self.window, "store", None) is not None).exec()
        finally:
            self._showing = False


def _write_crash_log(exc_type, exc, tb) -> Path | None:
    """Append the traceback to the crash log; None if it cannot be written."""
    log = crash_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {_dt.datetime.now().isoformat()} {APP_NAME} {__version__}\n")
            f.write("".join(traceback.format_exception(exc_type, exc, tb)))
    except OSError:
        return None
    return log


def install_crash_handler(window) -> CrashReporter:
    """Show unexpected exceptions, from any thread, in a dialog (and a log) instead of dying."""
    reporter = CrashReporter(window)
    sys.excepthook = reporter.handle
    threading.excepthook = reporter.handle_thread
    return reporter


def _open_start_case(window, path: Path | None, demo: bool, settings: Settings) -> None:
    if demo:
        window.open_demo()  # the user's copy, in their data folder (ui/demo_case.py)
        return
    if path is not None:
        if path.exists():
            window.open_case(path)
        elif prompts.ask(window, "Create a new case?",
                         f"There is no case file at\n{path}\n\nCreate a new, empty case there?",
                         yes="Create", no="Cancel"):
            window.create_case(path, CaseInfo(title=path.stem,
                                              marking=settings.get(DEFAULT_MARKING)))
        return
    recent = settings.recent_files()
    if settings.get(OPEN_LAST_CASE) and recent and recent[0].exists():
        window.open_case(recent[0])


def run_gui(path: Path | None, demo: bool) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from .export.fonts import register_bundled_fonts

    register_bundled_fonts()  # Arabic and Hebrew names render the same on every machine
    from .ui.main_window import MainWindow

    settings = Settings()
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
