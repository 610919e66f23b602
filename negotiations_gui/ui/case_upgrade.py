"""Opening a large case from an older version: its upgrade shown as a step of its own.

Upgrading a case file rebuilds its big tables (about 30 s for a 1M-event case).
For a file of `LONG_UPGRADE_BYTES` or more, `CaseUpgrading.takes` runs the upgrade
(`store.connection.upgrade_file`: a backup copy, then every migration in one
transaction) on a worker thread (ui/background.py), begun once the window has
painted, while the window's centre says what is happening, where the copy is
kept and how far it has got, with a Cancel button. Cancelling, or closing the
window, rolls the upgrade back: the file is left as it was. A failure is said
in words, the file left as it was. Once upgraded, the case opens as any other.
The window holds the case's lock throughout, so no other window or command
upgrades or writes it meanwhile. Smaller files (the demo) are upgraded as they
are opened, with nothing shown.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..store import CaseFileError
from ..store.case_lock import CaseInUseError, CaseLock
from ..store.connection import upgrade_file
from ..store.upgrade import UpgradeCancelled, UpgradeControl, UpgradeReport, needs_long_upgrade
from . import prompts
from .after_first_paint import defer_to_first_paint
from .background import BackgroundWork
from .plain_text import isolate

if TYPE_CHECKING:
    from .main_window import MainWindow

_POLL_MS = 100
_log = logging.getLogger(__name__)


class UpgradePage(QWidget):
    """The window's centre while a case is upgraded."""

    cancelRequested = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("upgrade_page")
        self.title = QLabel(f"Updating “{isolate(path.name)}” to the new format…", self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.title.setFont(font)
        self.detail = QLabel("This case was saved by an older version. Making a backup "
                             "copy first…", self)
        self.detail.setWordWrap(True)
        self.detail.setFixedWidth(560)  # (a wrapped label centred would get no width)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(400)
        self.bar.setTextVisible(False)  # (the steps are said below it)
        self.bar.setRange(0, 0)  # busy until the first step is known
        self.step = QLabel("", self)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop, and leave the file exactly as it was")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.detail, self.bar, self.step, self.cancel_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            if isinstance(widget, QLabel):
                widget.setTextFormat(Qt.TextFormat.PlainText)
        layout.addStretch(2)

    def show_report(self, report: UpgradeReport) -> None:
        if report.backup is not None:
            self.detail.setText("This case was saved by an older version. A copy of the file "
                                f"as it was is kept at:\n{report.backup}")
        if report.steps:
            # the steps are the file's pending migrations; the bar moves as each ends
            self.bar.setRange(0, report.steps)
            self.bar.setValue(report.step - 1 if not report.finishing else report.steps)
        seconds = f"{report.elapsed_s:.0f} s"
        if report.finishing:
            self.step.setText(f"Updated. Finishing (tidying the file)… {seconds}")
            self.cancel_button.setEnabled(False)
            self.cancel_button.setToolTip("The file is updated; this last part is quick")
        elif report.steps:
            self.step.setText(f"Step {report.step} of {report.steps} · {seconds}")


class CaseUpgrading(QObject):
    """The window's part that upgrades a large older case before it opens."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._work = BackgroundWork("case upgrade", _POLL_MS, self)
        self._work.reported.connect(self._reported)
        self._work.finished.connect(self._upgraded)
        self._work.failed.connect(self._failed)
        self.page: UpgradePage | None = None
        self._control: UpgradeControl | None = None
        self._lock: CaseLock | None = None
        self._path: Path | None = None
        self._remember = True

    @property
    def running(self) -> bool:
        return self.page is not None

    def takes(self, path: Path, read_only: bool, remember: bool) -> bool:
        """Start upgrading `path` if it is a large older case (True), else leave it to the
        usual open (False). An upgrade already running is cancelled first."""
        self.stop()
        if read_only or not needs_long_upgrade(path):
            return False
        try:
            lock = CaseLock.acquire(path, "window")
        except CaseInUseError:
            return False  # the usual open says who has it, and offers a read-only view
        self._window.close_case()
        self._lock, self._path, self._remember = lock, path, remember
        self._control = UpgradeControl()
        self.page = UpgradePage(path, self._window)
        self.page.cancelRequested.connect(self.cancel)
        self._window.set_central(self.page)
        if not defer_to_first_paint(self._window, self._start):
            self._start()
        return True

    def _start(self) -> None:
        control, path = self._control, self._path
        if control is None or path is None:
            return  # cancelled before it began
        self._work.start(upgrade_file, path, control, report=control.take_report,
                         stop=control.cancel)

    def cancel(self) -> None:
        """Stop the upgrade: rolled back, the file as it was (said once it has ended)."""
        if self._control is not None:
            self._control.cancel()
        if self.page is not None:
            self.page.cancel_button.setEnabled(False)
            self.page.step.setText("Cancelling: putting the file back as it was…")
        if not self._work.running:
            self._ended()
            self._window.close_case()
            self._window.statusBar().showMessage(
                "The update was cancelled; the file is as it was.", 15000)

    def stop(self) -> None:
        """Cancel and wait for the upgrade to end (the window closing, another case opening)."""
        if self._control is not None:
            self._control.cancel()
        self._work.wait()
        self._work.cancel()
        self._ended()

    def _ended(self) -> tuple[Path | None, bool]:
        path, remember = self._path, self._remember
        if self._lock is not None:
            self._lock.release()
        self._lock = self._path = self._control = self.page = None
        return path, remember

    def _reported(self, report: UpgradeReport) -> None:
        if self.page is not None:
            self.page.show_report(report)

    def _upgraded(self, backup: Path | None) -> None:
        path, remember = self._ended()
        if path is None or not self._window.open_case(path, remember=remember):
            return
        if backup is not None:
            self._window.statusBar().showMessage(
                f"Updated to the new format. A copy of the file as it was is kept at {backup}",
                30000)

    def _failed(self, error: BaseException) -> None:
        path, _remember = self._ended()
        self._window.close_case()
        if isinstance(error, UpgradeCancelled):
            self._window.statusBar().showMessage(
                "The update was cancelled; the file is as it was.", 15000)
            return
        if isinstance(error, CaseFileError):
            text = str(error)
        else:  # a bug: logged in full; the user is told what it means for the file
            _log.error("upgrading %s failed", path, exc_info=error)
            text = f"“{path}” could not be updated to the new format ({error})."
        prompts.warn(self._window, "Cannot open case",
                     f"{text}\n\nThe file was left as it was.")
