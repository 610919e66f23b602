"""File > Import > CSV…: pick a file, map its columns, preview, fix or skip, import.

The preview of the first 50 rows follows every change live. Import first
checks every row on a worker thread; if any problem is left it lists them
all (fix a value in place, or skip the row) and writes nothing. Otherwise it
asks the user to confirm (new parties named), then inserts everything in one
transaction on the worker thread, with a progress bar and Cancel; a cancel
rolls the transaction back, leaving the case file exactly as it was. The
import then becomes one undo step (`CsvImportCommand`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...importing import (
    ColumnMapping,
    CsvFileError,
    CsvFormat,
    CsvTable,
    ImportPlan,
    MappingError,
    check_mapping,
    load_mapping,
    plan_import,
    read_csv,
    save_mapping,
    suggest_day_order,
)
from ...importing.csv_file import sniff_format
from ...importing.job import case_context
from ...store import CaseStore
from ...store.csv_import import previous_imports
from .. import prompts
from ..case_state import CaseState
from ..plain_text import isolate
from .file_bar import NEW_MAPPING, FileBar
from .mapping_form import MappingForm, suggest_mapping
from .result_tabs import ResultTabs
from .running import ImportRunning
from .status_text import preview_status
from .work import CsvImportCommand, ImportWorker

PREVIEW_ROWS = 50


class CsvImportDialog(ImportRunning):
    def __init__(self, store: CaseStore, state: CaseState | None = None,
                 push: Callable[[CsvImportCommand], object] | None = None,
                 parent: QWidget | None = None, folder: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Import CSV")
        self.resize(1280, 900)
        self.store = store
        # no window's state (a dialog on its own): the import is announced to no one
        self.state = state if state is not None else CaseState()
        self.push = push
        self.folder = folder
        self.table: CsvTable | None = None
        self.fixes: dict[tuple[int, str], str] = {}
        self.skips: set[int] = set()
        self.party_names: dict[str, str] = {}
        self.keep_whole: list[str] = []  # party cells the user marked as one party
        self.checked_plan: ImportPlan | None = None  # the last whole-file check
        self.command: CsvImportCommand | None = None
        self._worker: ImportWorker | None = None
        self._thread = None
        self._pending_insert = None
        self._again = False
        self._issues = store.issues()
        self._build()
        self._refresh()

    # -- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.file_bar = FileBar()
        bar = self.file_bar
        # the parts' widgets, by the names the rest of the dialog (and its tests) use
        self.path_edit, self.choose_button = bar.path_edit, bar.choose_button
        self.format_label = bar.format_label
        self.encoding_combo, self.delimiter_combo = bar.encoding_combo, bar.delimiter_combo
        self.mapping_combo, self.save_mapping_button = bar.mapping_combo, bar.save_mapping_button
        self.choose_button.clicked.connect(self._choose_file)
        self.encoding_combo.currentIndexChanged.connect(self._reread)
        self.delimiter_combo.currentIndexChanged.connect(self._reread)
        self.mapping_combo.currentTextChanged.connect(self._load_saved_mapping)
        self.save_mapping_button.clicked.connect(self._save_mapping)

        self.form = MappingForm()
        self.form.set_sources((), self._issues)
        self.form.changed.connect(self._mapping_changed)

        self.tabs = ResultTabs([p.name for p in self.store.parties()])
        tabs = self.tabs
        self.file_model, self.preview_model = tabs.file_model, tabs.preview_model
        self.problem_model, self.party_model = tabs.problem_model, tabs.party_model
        self.preview_view, self.problem_view = tabs.preview_view, tabs.problem_view
        self.party_view = tabs.party_view
        self.skip_all_button, self.unskip_button = tabs.skip_all_button, tabs.unskip_button
        self.choices_label = tabs.choices_label
        self.forget_choices_button = tabs.forget_choices_button
        self.problem_model.fixRequested.connect(self._fix)
        self.problem_model.skipRequested.connect(self._skip)
        self.party_model.choiceMade.connect(self._party_choice)
        self.split_model = tabs.split_model
        self.split_model.keepToggled.connect(self._keep_toggled)
        self.skip_all_button.clicked.connect(self._skip_all)
        self.unskip_button.clicked.connect(self._unskip_all)
        self.forget_choices_button.clicked.connect(self._forget_party_choices)
        self._build_bottom()
        self._lay_out()

    def _build_bottom(self) -> None:
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel_work)
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_bar)
        form_area = QScrollArea()
        form_area.setWidget(self.form)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(form_area)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([470, 340])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        line = QHBoxLayout()
        line.addWidget(self.progress, 1)
        line.addWidget(self.cancel_button)
        line.addStretch()
        line.addWidget(self.import_button)
        line.addWidget(self.close_button)
        layout.addLayout(line)

    # -- the file --------------------------------------------------------------------

    def _choose_file(self) -> None:
        path = prompts.open_path(self, "Import CSV", self.folder,
                                 "CSV and text files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> bool:
        """Read `path` (sniffing its format) and suggest a mapping; False if unreadable."""
        self.path_edit.setText(str(path))
        self.fixes, self.skips, self.checked_plan = {}, set(), None
        self.file_bar.reset_format()
        if not self._read(path, None) or self.table is None:
            return False
        if self.mapping_combo.currentText() == NEW_MAPPING:
            self.form.set_mapping(suggest_mapping(self.table.header, self._issues))
        else:
            self._load_saved_mapping(self.mapping_combo.currentText())
        return True

    def _read(self, path: Path, fmt: CsvFormat | None) -> bool:
        try:
            self.table = read_csv(path, fmt)
        except CsvFileError as exc:
            self.table = None
            self.form.set_sources((), self._issues)
            self.file_model.set_table(None)
            self.format_label.setText(f"Cannot read this file: {exc}.")
            self._refresh()
            return False
        self.form.set_sources(self.table.header, self._issues)
        self.file_model.set_table(self.table, PREVIEW_ROWS)
        earlier = previous_imports(self.store, self.table.sha256, self.table.content_sha256)
        seen = (f" · already imported into this case on {earlier[-1].imported_at[:10]}"
                if earlier else "")
        note = f" ({self.table.encoding_note})" if self.table.encoding_note else ""
        self.format_label.setText(
            f"{self.table.format.description}{note} · {len(self.table.rows):,} rows "
            f"· {len(self.table.header)} columns{seen}")
        return True

    def _reread(self) -> None:
        if not self.path_edit.text():
            return
        path = Path(self.path_edit.text())
        try:
            sniffed = sniff_format(path.read_bytes(), self._chosen_encoding())
        except (OSError, CsvFileError) as exc:
            self.format_label.setText(f"Cannot read this file: {exc}.")
            return
        delimiter = self.delimiter_combo.currentData()
        fmt = replace(sniffed, delimiter=delimiter) if delimiter else sniffed
        mapping = self.form.mapping()
        if self._read(path, fmt):
            self.form.set_mapping(mapping)
        self._refresh()

    def _chosen_encoding(self) -> str | None:
        return self.file_bar.chosen_encoding()

    # -- mapping -----------------------------------------------------------------------

    def current_mapping(self) -> ColumnMapping:
        # issues the case lacks are created, after the user confirms (see running.py)
        return replace(self.form.mapping(), party_names=dict(self.party_names),
                       keep_whole=tuple(self.keep_whole), create_issues=True,
                       encoding=self._chosen_encoding(),
                       delimiter=self.delimiter_combo.currentData())

    def _load_saved_mapping(self, name: str) -> None:
        if name == NEW_MAPPING or not name:
            return
        try:
            mapping = load_mapping(name)
        except MappingError as exc:
            self.status.setText(str(exc))
            return
        self.party_names = dict(mapping.party_names)
        self.keep_whole = list(mapping.keep_whole)
        if mapping.encoding or mapping.delimiter:
            self.file_bar.set_format(mapping.encoding, mapping.delimiter)
            self._reread()
        self.form.set_mapping(mapping)

    def _save_mapping(self) -> None:
        current = self.mapping_combo.currentText()
        name, ok = QInputDialog.getText(self, "Save mapping", "Name of this mapping:",
                                        text="" if current == NEW_MAPPING else current)
        if ok and name.strip():
            self.save_mapping_as(name)

    def save_mapping_as(self, name: str) -> None:
        try:
            path = save_mapping(self.current_mapping(), name)
        except MappingError as exc:
            prompts.warn(self, "Mapping not saved", str(exc))
            return
        self.mapping_combo.blockSignals(True)
        if self.mapping_combo.findText(name.strip()) < 0:
            self.mapping_combo.addItem(name.strip())
        self.mapping_combo.setCurrentText(name.strip())
        self.mapping_combo.blockSignals(False)
        self.status.setText(f"Mapping saved as “{isolate(name.strip())}” in {path.parent}.")

    def _mapping_changed(self) -> None:
        self.checked_plan = None
        self._refresh()

    # -- fixes, skips and party choices --------------------------------------------------

    def _fix(self, row: int, column: str, text: str) -> None:
        self.fixes[(row, column)] = text
        self._choices_changed()

    def _skip(self, row: int, skipped: bool) -> None:
        (self.skips.add if skipped else self.skips.discard)(row)
        self._choices_changed()

    def _skip_all(self) -> None:
        plan = self.checked_plan or self._preview_plan
        self.skips |= {p.row for p in (plan.problems if plan else [])}
        self._choices_changed()

    def _unskip_all(self) -> None:
        self.skips.clear()
        self._choices_changed()

    def _party_choice(self, written: str, becomes: str) -> None:
        if becomes.casefold() == written.casefold():
            self.party_names.pop(written, None)
        else:
            self.party_names[written] = becomes
        self.checked_plan = None
        self._refresh()

    def _keep_toggled(self, text: str, keep: bool) -> None:
        name = " ".join(text.split())
        self.keep_whole = [k for k in self.keep_whole if k.casefold() != name.casefold()]
        if keep:
            self.keep_whole.append(name)
        self.checked_plan = None
        self._refresh()

    def _forget_party_choices(self) -> None:
        self.party_names.clear()
        self.checked_plan = None
        self._refresh()

    def _show_party_choices(self) -> None:
        choices = "; ".join(f"{k} → {v}" for k, v in sorted(self.party_names.items()))
        self.choices_label.setText(f"Your choices: {choices}" if choices else "")
        self.forget_choices_button.setVisible(bool(choices))

    def _choices_changed(self) -> None:
        self.problem_model.update_choices(self.fixes, self.skips)
        self._refresh(keep_problems=self.checked_plan is not None)

    # -- live preview --------------------------------------------------------------------

    _preview_plan: ImportPlan | None = None

    def _refresh(self, keep_problems: bool = False) -> None:
        self._preview_plan = None
        self._show_party_choices()
        table = self.table
        if table is None:
            self.preview_model.set_outcomes([], self.form.mapping().target, {}, {})
            self.import_button.setEnabled(False)
            if not self.status.text():
                self.status.setText("Choose a CSV file to import.")
            return
        mapping = self.current_mapping()
        self._update_day_order_hint(table, mapping)
        try:
            check_mapping(table, mapping, case_context(self.store))
        except MappingError as exc:
            self.preview_model.set_outcomes([], mapping.target, {}, {})
            self.import_button.setEnabled(False)
            self.status.setText(f"Mapping: {exc}.")
            return
        # small files are checked whole at every change; large ones up to the preview
        whole = len(table.rows) <= 2000
        plan = plan_import(table, mapping, case_context(self.store), fixes=self.fixes,
                           skip_rows=self.skips, limit=None if whole else PREVIEW_ROWS,
                           keep_outcomes=PREVIEW_ROWS)
        self._preview_plan = plan
        names = {p.id: p.name for p in self.store.parties()}
        names.update({p.id: p.name for p in plan.new_parties})
        issues = {i.id: i.name for i in (*self._issues, *plan.new_issues)}
        self.preview_model.set_outcomes(plan.preview, mapping.target, names, issues)
        if whole:
            self.checked_plan = plan
        shown = self.checked_plan if self.checked_plan is not None else plan
        if not keep_problems:
            self.problem_model.set_problems(shown.problems, self.fixes, self.skips)
        self.party_model.set_parties(shown.new_parties)
        self.split_model.set_splits(shown.splits, self.keep_whole)
        self.tabs.show_counts(len(shown.problems), len(shown.new_parties), len(shown.splits))
        self.status.setText(preview_status(plan, len(table.rows), whole, PREVIEW_ROWS))
        self.import_button.setEnabled(self._thread is None)

    def _update_day_order_hint(self, table: CsvTable, mapping: ColumnMapping) -> None:
        column = mapping.column_for("date")
        index = table.column_index(column) if column else None
        if index is None or mapping.day_order is not None:
            self.form.set_day_order_hint("")
            return
        values = [r[index] for r in table.rows[:5000] if index < len(r)]
        _, why = suggest_day_order(values)
        self.form.set_day_order_hint(f"In this file: {why}." if why else "")
