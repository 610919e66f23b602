"""The lower half of the CSV import dialog: Preview, File, Problems and New parties tabs.

Each tab is a table over one of the models in `models.py`; the dialog fills
the models and listens to their signals (a fix typed, a row skipped, a new
party renamed or merged).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .models import FileRowsModel, NewPartyModel, PartyChoiceDelegate, PreviewModel, ProblemModel
from .split_model import SplitModel

PROBLEMS_TAB, PARTIES_TAB, SPLITS_TAB = 2, 3, 4


def table_view(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    model.modelReset.connect(lambda: fit_columns(view))
    return view


def fit_columns(view: QTableView) -> None:
    """Columns as wide as what they show (within reason), the last one filling the rest."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count()):
        header.resizeSection(section, max(40, min(header.sectionSize(section), 320)))
    header.setStretchLastSection(False)  # explicit sizes pinned it; fill the rest again
    header.setStretchLastSection(True)


class ResultTabs(QTabWidget):
    """What the current mapping makes of the file, tab by tab."""

    def __init__(self, existing_party_names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.file_model = FileRowsModel(self)
        self.preview_model = PreviewModel(self)
        self.problem_model = ProblemModel(self)
        self.party_model = NewPartyModel(self)
        self.split_model = SplitModel(self)
        self.preview_view = table_view(self.preview_model)
        self.file_view = table_view(self.file_model)
        self.addTab(self.preview_view, "Preview")
        self.addTab(self.file_view, "File")
        self.addTab(self._problems_tab(), "Problems")
        self.addTab(self._parties_tab(existing_party_names), "New parties")
        self.addTab(self._splits_tab(), "Party names")

    def _problems_tab(self) -> QWidget:
        self.problem_view = table_view(self.problem_model)
        self.problem_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed
                                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.skip_all_button = QPushButton("Skip every row with a problem")
        self.unskip_button = QPushButton("Skip none")
        problems = QWidget()
        layout = QVBoxLayout(problems)
        layout.addWidget(self.problem_view)
        row = QHBoxLayout()
        row.addWidget(self.skip_all_button)
        row.addWidget(self.unskip_button)
        row.addStretch()
        layout.addLayout(row)
        return problems

    def _parties_tab(self, existing_party_names: list[str]) -> QWidget:
        self.party_view = table_view(self.party_model)
        self.party_view.setItemDelegateForColumn(
            NewPartyModel.BECOMES, PartyChoiceDelegate(existing_party_names, self.party_view))
        self.party_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.SelectedClicked)
        self.choices_label = QLabel()
        self.choices_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choices_label.setWordWrap(True)
        self.forget_choices_button = QPushButton("Forget these choices")
        parties = QWidget()
        layout = QVBoxLayout(parties)
        layout.addWidget(QLabel("Double-click “Becomes” to rename a new party, or pick "
                                "an existing party to merge it into."))
        layout.addWidget(self.party_view)
        row = QHBoxLayout()
        row.addWidget(self.choices_label, 1)
        row.addWidget(self.forget_choices_button)
        layout.addLayout(row)
        return parties

    def _splits_tab(self) -> QWidget:
        self.split_view = table_view(self.split_model)
        splits = QWidget()
        layout = QVBoxLayout(splits)
        note = QLabel("How each party cell is read with the separators chosen under Parties "
                      "(never inside brackets or quotes). Tick “Keep as one party” for a name "
                      "that must not be split.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.split_view)
        return splits

    def show_counts(self, problems: int, new_parties: int, splits: int = 0) -> None:
        self.setTabText(PROBLEMS_TAB, f"Problems ({problems:,})")
        self.setTabText(PARTIES_TAB, f"New parties ({new_parties:,})")
        self.setTabText(SPLITS_TAB, f"Party names ({splits:,} split)")
