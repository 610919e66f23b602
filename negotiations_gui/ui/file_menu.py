"""The File menu's slots: new, open, recent, save a copy, JSON and CSV import, JSON export.

`FileMenu` is given what it needs when it is made: the window to parent its
dialogs on, the settings, the `FormHost`, the window's `open_case` /
`create_case` / `push`, and a way to show a status message; `set_case` tells
it which case is open. File dialogs and messages go through `prompts`, so
tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from ..domain import CaseInfo
from ..store import CASE_SUFFIX, CaseStore
from . import case_files, prompts
from .case_state import CaseState
from .commands import CaseCommand
from .plain_text import isolate
from .record_editing import FormHost
from .settings import DEFAULT_MARKING, LAST_FOLDER, Settings


class FileMenu:
    def __init__(self, parent: QWidget, settings: Settings, forms: FormHost, *,
                 open_case: Callable[[Path], bool], create_case: Callable[[Path, CaseInfo], bool],
                 push: Callable[[CaseCommand], bool], show_status: Callable[[str, int], None]):
        self.parent = parent
        self.settings = settings
        self.forms = forms
        self.open_case = open_case
        self.create_case = create_case
        self.push = push
        self.show_status = show_status
        self.store: CaseStore | None = None
        self.state: CaseState | None = None

    def set_case(self, store: CaseStore | None, state: CaseState | None) -> None:
        self.store = store
        self.state = state

    def folder(self) -> str:
        """Where file dialogs start: the last folder used."""
        return self.settings.get(LAST_FOLDER) or str(Path.home())

    def new_case(self) -> None:
        chosen = prompts.save_path(self.parent, "New case",
                                   str(Path(self.folder()) / f"New case{CASE_SUFFIX}"),
                                   case_files.CASE_FILTER)
        if not chosen:
            return
        path = case_files.with_suffix(chosen, CASE_SUFFIX)
        self.settings.set(LAST_FOLDER, str(path.parent))
        if path.exists():
            prompts.warn(self.parent, "New case",
                         f"“{isolate(path.name)}” already exists; choose another name "
                         "(a new case never replaces a file).")
            return
        from .forms.case_forms import CaseInfoForm

        info = CaseInfo(title=path.stem, marking=self.settings.get(DEFAULT_MARKING))
        form = CaseInfoForm(info, self.parent, title="New case")
        self.forms.show(form, lambda: self.create_case(path, form.case_info()))

    def choose_and_open(self) -> None:
        chosen = prompts.open_path(self.parent, "Open case", self.folder(), case_files.CASE_FILTER)
        if chosen:
            self.settings.set(LAST_FOLDER, str(Path(chosen).parent))
            self.open_case(Path(chosen))

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_case(p))
        if recent:
            menu.addSeparator()
            menu.addAction("Clear list", self.settings.clear_recent_files)
        else:
            menu.addAction("(none)").setEnabled(False)

    def save_a_copy(self) -> None:
        if self.store is None:
            return
        suggested = self.store.path.with_name(f"{self.store.path.stem} copy{CASE_SUFFIX}")
        chosen = prompts.save_path(self.parent, "Save a copy", str(suggested),
                                   case_files.CASE_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, CASE_SUFFIX)
            if case_files.save_copy(self.parent, self.store, target):
                self.show_status(f"Copy saved to {isolate(str(target))}", 5000)

    def export_json(self) -> None:
        if self.store is None:
            return
        chosen = prompts.save_path(self.parent, "Export to JSON",
                                   str(self.store.path.with_suffix(".json")),
                                   case_files.JSON_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, ".json")
            # what the window shows: the case as known on K when a past is shown
            shown = getattr(self.parent, "shown_store", None) or self.store
            if case_files.export_json(self.parent, shown, target):
                self.show_status(f"Exported to {isolate(str(target))}", 5000)

    def import_json(self) -> None:
        source = prompts.open_path(self.parent, "Import a case from JSON", self.folder(),
                                   case_files.JSON_FILTER)
        if not source:
            return
        suggested = Path(source).with_suffix(CASE_SUFFIX)
        chosen = prompts.save_path(self.parent, "Create the case file", str(suggested),
                                   case_files.CASE_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, CASE_SUFFIX)
            if case_files.import_json(self.parent, Path(source), target):
                self.open_case(target)

    def import_csv(self) -> None:
        """File > Import > CSV…: events or positions from a spreadsheet, one undo step."""
        if self.store is None:
            prompts.warn(self.parent, "No case open",
                         "Open or create a case to import a CSV file into.")
            return
        if self.store.read_only:
            prompts.warn(self.parent, "Read-only case", "This case is open read-only; nothing can "
                         "be imported.")
            return
        past = getattr(self.parent, "known_on_view", None)  # a past of the case is shown
        if past is not None and past.refusal():
            prompts.warn(self.parent, "Showing a past of the case", past.refusal())
            return
        from .csv_import import CsvImportDialog

        CsvImportDialog(self.store, self.state, self.push, self.parent, self.folder()).exec()
