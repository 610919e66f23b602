"""The File menu's slots: new, open, recent, save a copy, JSON import and export.

A mixin of `MainWindow` (which provides `settings`, `store`, `open_case`,
`create_case` and `show_form`). File dialogs and messages go through
`prompts`, so tests can answer them.
"""

from __future__ import annotations

from pathlib import Path

from ..domain import CaseInfo
from ..store import CASE_SUFFIX
from . import case_files, prompts
from . import settings as keys


class FileMenuSlots:
    def _folder(self) -> str:
        return self.settings.get(keys.LAST_FOLDER) or str(Path.home())

    def new_case(self) -> None:
        chosen = prompts.save_path(self, "New case",
                                   str(Path(self._folder()) / f"New case{CASE_SUFFIX}"),
                                   case_files.CASE_FILTER)
        if not chosen:
            return
        path = case_files.with_suffix(chosen, CASE_SUFFIX)
        self.settings.set(keys.LAST_FOLDER, str(path.parent))
        if path.exists():
            prompts.warn(self, "New case", f"“{path.name}” already exists; choose another name "
                         "(a new case never replaces a file).")
            return
        from .forms.case_forms import CaseInfoForm

        info = CaseInfo(title=path.stem, marking=self.settings.get(keys.DEFAULT_MARKING))
        form = CaseInfoForm(info, self, title="New case")
        self.show_form(form, lambda: self.create_case(path, form.case_info()))

    def choose_and_open(self) -> None:
        chosen = prompts.open_path(self, "Open case", self._folder(), case_files.CASE_FILTER)
        if chosen:
            self.settings.set(keys.LAST_FOLDER, str(Path(chosen).parent))
            self.open_case(Path(chosen))

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_case(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.settings.clear_recent_files)
        else:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def save_a_copy(self) -> None:
        if self.store is None:
            return
        suggested = self.store.path.with_name(f"{self.store.path.stem} copy{CASE_SUFFIX}")
        chosen = prompts.save_path(self, "Save a copy", str(suggested), case_files.CASE_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, CASE_SUFFIX)
            if case_files.save_copy(self, self.store, target):
                self.statusBar().showMessage(f"Copy saved to {target}", 5000)

    def export_json(self) -> None:
        if self.store is None:
            return
        chosen = prompts.save_path(self, "Export to JSON",
                                   str(self.store.path.with_suffix(".json")),
                                   case_files.JSON_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, ".json")
            if case_files.export_json(self, self.store, target):
                self.statusBar().showMessage(f"Exported to {target}", 5000)

    def import_json(self) -> None:
        source = prompts.open_path(self, "Import a case from JSON", self._folder(),
                                   case_files.JSON_FILTER)
        if not source:
            return
        suggested = Path(source).with_suffix(CASE_SUFFIX)
        chosen = prompts.save_path(self, "Create the case file", str(suggested),
                                   case_files.CASE_FILTER)
        if chosen:
            target = case_files.with_suffix(chosen, CASE_SUFFIX)
            if case_files.import_json(self, Path(source), target):
                self.open_case(target)

    def import_csv(self) -> None:
        """File > Import > CSV…: events or positions from a spreadsheet, one undo step."""
        if self.store is None:
            prompts.warn(self, "No case open", "Open or create a case to import a CSV file into.")
            return
        if self.read_only:
            prompts.warn(self, "Read-only case", "This case is open read-only; nothing can "
                         "be imported.")
            return
        from .csv_import import CsvImportDialog

        CsvImportDialog(self.store, self.state, self.push, self, self._folder()).exec()
