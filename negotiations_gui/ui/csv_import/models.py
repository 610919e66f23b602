"""Table models of the CSV import dialog: the file, the preview, problems, new parties.

All cell text is plain strings (user data is never interpreted as rich text);
tooltips, which Qt renders as HTML when they look like it, are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from ...domain import palette
from ...importing import CsvTable, NewParty, RowOutcome, RowProblem, Target
from ..plain_text import isolate, plain_tooltip

Index = QModelIndex | QPersistentModelIndex  # what Qt hands a model's overrides

PROBLEM_BRUSH = QBrush(QColor(palette.IMPORT_PROBLEM_ROW))
SKIPPED_BRUSH = QBrush(QColor(palette.IMPORT_SKIPPED_ROW))
FIXED_BRUSH = QBrush(QColor(palette.IMPORT_FIXED_ROW))


def tooltip(text: str) -> str | None:
    return plain_tooltip(text) or None


class ListTable(QAbstractTableModel):
    """Rows from a list, one column per header; subclasses say which list."""

    headers: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def _rows(self) -> Sequence[object]:
        raise NotImplementedError


class FileRowsModel(ListTable):
    """The first rows of the file, cell by cell, as written."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: CsvTable | None = None
        self._count = 0

    def set_table(self, table: CsvTable | None, limit: int = 50) -> None:
        self.beginResetModel()
        self._table = table
        self.headers = ("Row",) + (table.header if table else ())
        self._count = min(limit, len(table.rows)) if table else 0
        self.endResetModel()

    def _rows(self) -> range:
        return range(self._count)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._table is None or not 0 <= index.row() < self._count:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 0:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return str(CsvTable.row_number(index.row()))
        cells = self._table.rows[index.row()]
        text = cells[index.column() - 1] if index.column() - 1 < len(cells) else ""
        return text.replace("\n", " ⏎ ") if role == Qt.ItemDataRole.DisplayRole else tooltip(text)


class PreviewModel(ListTable):
    """How each of the first rows will import, or why it cannot."""

    EVENT_HEADERS = ("Row", "Status", "Date", "End", "Title", "Kind", "Parties", "Issues",
                     "Problem")
    POSITION_HEADERS = ("Row", "Status", "Date", "Party", "Issue", "Stance", "Summary",
                        "Problem")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = self.EVENT_HEADERS
        self._outcomes: list[RowOutcome] = []
        self._party_names: dict[str, str] = {}
        self._issue_names: dict[str, str] = {}

    def set_outcomes(self, outcomes: list[RowOutcome], target: Target,
                     party_names: dict[str, str], issue_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.headers = self.EVENT_HEADERS if target is Target.EVENTS else self.POSITION_HEADERS
        self._outcomes = list(outcomes)
        self._party_names = party_names
        self._issue_names = issue_names
        self.endResetModel()

    def _rows(self) -> list:
        return self._outcomes

    def outcome(self, row: int) -> RowOutcome:
        return self._outcomes[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._outcomes):
            return None
        outcome = self._outcomes[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if outcome.skipped:
                return SKIPPED_BRUSH
            return PROBLEM_BRUSH if outcome.problems else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self._text(outcome, self.headers[index.column()])
        return text.replace("\n", " ⏎ ") if role == Qt.ItemDataRole.DisplayRole else tooltip(text)

    def _issues_text(self, outcome: RowOutcome) -> str:
        """Each coded issue with the stance its code means: "Ceasefire: conditional"."""
        stances = _stances_by_issue(outcome)
        return "; ".join(f"{self._issue_names.get(i, '?')}: {stances.get(i, 'no party')}"
                         for i in outcome.events[0].issue_ids)

    def _text(self, outcome: RowOutcome, header: str) -> str:
        if header == "Row":
            return str(outcome.row)
        if header == "Status":
            if outcome.skipped:
                return "Skipped"
            if outcome.problems:
                return "Problem"
            return "OK" if outcome.events or outcome.positions else "Nothing to add"
        if header == "Problem":
            return "; ".join(f"{p.column}: {p.problem}" if p.column else p.problem
                             for p in outcome.problems)
        names = self._party_names
        if outcome.events:
            event = outcome.events[0]
            return {
                "Date": event.date.display, "End": event.end.display if event.end else "",
                "Title": event.title, "Kind": event.kind,
                "Parties": ", ".join(names.get(i, "?") for i in event.party_ids),
                "Issues": self._issues_text(outcome),
            }.get(header, "")
        if outcome.positions:
            positions = outcome.positions
            return {
                "Date": positions[0].date.display,
                "Party": ", ".join(names.get(p.party_id, "?") for p in positions),
                "Issue": self._issue_names.get(positions[0].issue_id, "?"),
                "Stance": positions[0].stance.label, "Summary": positions[0].summary,
            }.get(header, "")
        return ""


def _stances_by_issue(outcome: RowOutcome) -> dict[str, str]:
    stances: dict[str, list[str]] = {}
    for position in outcome.positions:
        label = position.stance.label.lower()
        found = stances.setdefault(position.issue_id, [])
        if label not in found:
            found.append(label)
    return {issue: "/".join(labels) for issue, labels in stances.items()}


class ProblemModel(ListTable):
    """Every problem found, with a Value cell to fix and a Skip box per row."""

    headers = ("Row", "Column", "Value (edit to fix)", "Skip row", "Problem")
    VALUE, SKIP = 2, 3
    # (row number, column name, new text)
    fixRequested = Signal(int, str, str)
    # (row number, skipped)
    skipRequested = Signal(int, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._problems: list[RowProblem] = []
        self._fixes: dict[tuple[int, str], str] = {}
        self._skips: set[int] = set()

    def set_problems(self, problems: list[RowProblem], fixes: dict[tuple[int, str], str],
                     skips: set[int]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self._fixes = dict(fixes)
        self._skips = set(skips)
        self.endResetModel()

    def update_choices(self, fixes: dict[tuple[int, str], str], skips: set[int]) -> None:
        """New fixes or skips: repaint, keeping the list (it is re-checked on import)."""
        self._fixes = dict(fixes)
        self._skips = set(skips)
        if self._problems:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._problems) - 1, len(self.headers) - 1))

    def problem(self, row: int) -> RowProblem:
        return self._problems[row]

    def _rows(self) -> list:
        return self._problems

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        problem = self._problems[index.row()]
        if index.column() == self.VALUE and problem.column and problem.fixable:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.SKIP:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        key = (problem.row, problem.column)
        skipped = problem.row in self._skips
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.SKIP:
            return Qt.CheckState.Checked if skipped else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if skipped:
                return SKIPPED_BRUSH
            return FIXED_BRUSH if key in self._fixes else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            value = self._fixes.get(key, problem.value)
            text = {0: str(problem.row), 1: problem.column or "(whole row)", 2: value,
                    3: "", 4: self._state(problem, key, skipped)}[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(text)
            return text.replace("\n", " ⏎ ") if role == Qt.ItemDataRole.DisplayRole else text
        return None

    def _state(self, problem: RowProblem, key, skipped: bool) -> str:
        if skipped:
            return f"Skipped — {problem.problem}"
        if key in self._fixes:
            return f"Fixed (checked again on import) — {problem.problem}"
        if not problem.fixable:
            return f"{problem.problem}. Skip the row, or correct the file and choose it again"
        return problem.problem

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return False
        problem = self._problems[index.row()]
        if index.column() == self.VALUE and role == Qt.ItemDataRole.EditRole and problem.column \
                and problem.fixable:
            self.fixRequested.emit(problem.row, problem.column, str(value))
            return True
        if index.column() == self.SKIP and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.skipRequested.emit(problem.row, checked)
            return True
        return False


class NewPartyModel(ListTable):
    """Parties the import would create; the "Becomes" cell renames or merges."""

    headers = ("Name in the file", "Rows", "First row", "Becomes (edit to rename or merge)",
               "Created as", "May be")
    BECOMES = 3
    # (name as written in the file, party name it should become)
    choiceMade = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._parties: list[NewParty] = []

    def set_parties(self, parties: list[NewParty]) -> None:
        self.beginResetModel()
        self._parties = list(parties)
        self.endResetModel()

    def party(self, row: int) -> NewParty:
        return self._parties[row]

    def _rows(self) -> list:
        return self._parties

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.BECOMES else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._parties):
            return None
        party = self._parties[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {0: " / ".join(party.spellings), 1: str(party.row_count),
                    2: str(party.first_row), 3: f"new party “{isolate(party.name)}”"
                    if role == Qt.ItemDataRole.DisplayRole else party.name,
                    4: party.role.capitalize(),
                    5: " or ".join(f"{n}?" for n in party.close)}[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(" / ".join(party.spellings))
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.BECOMES
                or role != Qt.ItemDataRole.EditRole):
            return False
        text = " ".join(str(value).split())
        if not text:
            return False
        for spelling in self._parties[index.row()].spellings:
            self.choiceMade.emit(spelling, text)
        return True


class PartyChoiceDelegate(QStyledItemDelegate):
    """Editor of the "Becomes" cell: type a new name, or pick an existing party to merge into."""

    def __init__(self, existing_names, parent=None):
        super().__init__(parent)
        self.existing_names = list(existing_names)

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        editor.setEditable(True)
        editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model = index.model()
        close = model.party(index.row()).close if isinstance(model, NewPartyModel) else []
        editor.addItems(list(close) + [n for n in self.existing_names if n not in close])
        return editor

    def setEditorData(self, editor, index):
        editor.setEditText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
