"""File > Salvage a Damaged Case…, and the banner a damaged case shows.

When a case is found damaged (on open, or by SQLite mid-session, which turns
the connection read-only), the window says so in a banner across the top with
two ways on: Salvage… (every readable record into a new file, the same as
`negotiations-gui recover`) and Save a Copy… (the file kept as it is). Salvage
never writes on the damaged file and never replaces an existing file; it
reports what came through and what was lost, and offers to open the new case.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolBar, QWidget

from ..domain import palette
from ..store import CASE_SUFFIX, CaseFileError
from ..store.salvage import SalvageReport, salvage_case
from . import case_files, prompts
from .plain_text import isolate, plain_label

# what a reader calls each table's rows; other tables (links, history) are counted apart
_KINDS = (("parties", "party", "parties"), ("issues", "issue", "issues"),
          ("sources", "source", "sources"), ("events", "event", "events"),
          ("proposals", "proposal", "proposals"), ("positions", "position", "positions"),
          ("assessments", "gap assessment", "gap assessments"))
_BANNER_STYLE = (f"QToolBar#damage_banner {{ background: {palette.NOTICE_GROUND}; "
                 f"border-bottom: 1px solid {palette.NOTICE_EDGE}; }}")


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def report_text(report: SalvageReport, before: dict[str, int] | None, target: Path) -> str:
    """What was saved, kind by kind, and what was lost, in words."""
    saved = []
    for table, one, many in _KINDS:
        kept = report.copied.get(table, 0) - report.dropped_orphans.get(table, 0)
        had = (before or {}).get(table)
        saved.append(_count(kept, one, many)
                     + (f" of {had:,}" if had is not None and had != kept else ""))
    lines = [f"Saved into {isolate(str(target))}:", ", ".join(saved) + "."]
    lost = []
    if report.damaged_ranges:
        lost.append(f"{_count(report.damaged_ranges, 'damaged stretch', 'damaged stretches')} "
                    "of the file could not be read; the records stored there are lost.")
    for table, one, many in _KINDS:
        gone = report.dropped_orphans.get(table, 0)
        if gone:
            lost.append(f"{_count(gone, one, many)} left out: the records they belong to "
                        "were lost.")
    if report.unreadable_tables:
        lost.append("Unreadable as a whole: " + ", ".join(report.unreadable_tables) + ".")
    if before is not None:
        for table, one, many in _KINDS:
            missing = before.get(table, 0) - (report.copied.get(table, 0)
                                              - report.dropped_orphans.get(table, 0))
            if missing > 0 and not report.dropped_orphans.get(table):
                lost.append(f"{_count(missing, one, many)} could not be read.")
    lines.append("")
    lines += ["Lost:", *lost] if lost else ["Nothing was lost that could be detected."]
    lines += ["", "The damaged file was not changed."]
    return "\n".join(lines)


class DamageBanner(QToolBar):
    """A bar across the top of the window while the open case is damaged."""

    def __init__(self, window, salvage, save_copy):
        super().__init__("Damaged case", window)
        self.setObjectName("damage_banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.setStyleSheet(_BANNER_STYLE)
        body = QWidget(self)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 4)
        self.message = plain_label("", body, wrap=True)
        self.salvage_button = QPushButton("&Salvage…", body)
        self.salvage_button.clicked.connect(salvage)
        self.copy_button = QPushButton("Save a &Copy…", body)
        self.copy_button.clicked.connect(save_copy)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.salvage_button)
        layout.addWidget(self.copy_button)
        self.addWidget(body)
        self.hide()


class _DamageSignal(QObject):
    """Brings the store's word that the file is damaged (from any thread) to the window,
    after whatever action met the damage has finished."""

    found = Signal()


class CaseSalvage:
    """The window's salvage action and damage banner."""

    def __init__(self, window):
        self.window = window
        self._signal = _DamageSignal(window)
        self._signal.found.connect(window.damage_found, Qt.ConnectionType.QueuedConnection)
        self.banner = DamageBanner(window, lambda _checked=False: self.salvage(),
                                   window.files.save_a_copy)
        # a row of its own, above the toolbars the window adds after it
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self._offered: str | None = None  # the damaged file already asked about

    def watch(self, store) -> None:
        """Hear from `store` (if a case is open) when SQLite finds its file damaged in use."""
        if store is not None:
            store.watch_damage(lambda _damage: self._signal.found.emit())

    def update_banner(self) -> None:
        """Show the banner while the open case is damaged."""
        store = self.window.store
        if store is None or store.damage is None:
            self.banner.hide()
            return
        self.banner.message.setText(
            f"{isolate(store.path.name)} is damaged and open read-only: nothing more is "
            "written to it. Salvage every readable record into a new case, or keep the "
            "file as it is with Save a Copy.")
        self.banner.show()

    def offer(self) -> None:
        """When the open case is (or has just been found) damaged: the banner, and once
        per file the question whether to salvage it now."""
        self.update_banner()
        store = self.window.store
        if store is not None and store.damage is not None and self._offered != str(store.path):
            self._offered = str(store.path)
            # asked once the window is up (a case opened at start-up is opened before)
            QTimer.singleShot(0, self.window, self._ask)

    def _ask(self) -> None:
        store = self.window.store
        if store is None or store.damage is None:
            return
        if prompts.ask(self.window, "Damaged case opened read-only",
                       f"{store.damage}\n\nSalvage every readable record into a new case now?",
                       yes="Salvage…", no="Not now"):
            self.salvage()

    def salvage(self, damaged: Path | None = None) -> bool:
        """Salvage `damaged` (the open case when damaged, else a file the user picks)
        into a new file the user names; True when a salvaged case was written."""
        w = self.window
        if damaged is None and w.store is not None and w.store.damage is not None:
            damaged = w.store.path
        if damaged is None:
            chosen = prompts.open_path(w, "Salvage a damaged case", w.files.folder(),
                                       case_files.CASE_FILTER)
            if not chosen:
                return False
            damaged = Path(chosen)
        target = self._target(Path(damaged))
        if target is None:
            return False
        before = self._counts(Path(damaged))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = salvage_case(damaged, target)
        except CaseFileError as exc:
            prompts.warn(w, "Salvage", str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if prompts.ask(w, "Case salvaged", report_text(report, before, target)
                       + "\n\nOpen the salvaged case?", yes="Open It", no="Not now"):
            w.open_case(target)
        return True

    def _target(self, damaged: Path) -> Path | None:
        """A new file to salvage into: never the damaged file, never an existing one."""
        suggested = damaged.with_name(f"{damaged.stem} salvaged{CASE_SUFFIX}")
        chosen = prompts.save_path(self.window, "Salvage into a new case", str(suggested),
                                   case_files.CASE_FILTER)
        if not chosen:
            return None
        target = case_files.with_suffix(chosen, CASE_SUFFIX)
        if target.exists():
            prompts.warn(self.window, "Salvage",
                         f"“{isolate(target.name)}” already exists. Salvage never replaces a "
                         "file: choose a new name.")
            return None
        return target

    def _counts(self, damaged: Path) -> dict[str, int] | None:
        """How many records of each kind the damaged case says it holds, if it can say."""
        store = self.window.store
        if store is None or store.path.resolve() != damaged.resolve():
            return None
        try:
            return store.counts()
        except CaseFileError:
            return None  # the counting itself met the damage
