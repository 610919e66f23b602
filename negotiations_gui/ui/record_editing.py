"""The window's record editing: open the right form, push the right command.

`RecordEditor` is given what it needs when it is made (the window to parent
its forms on, the `FormHost` that shows them, `push` for every change, the
inspector) and is told of each case the window opens by `set_case`. Forms
open window-modal and non-blocking (`open()`); the one showing is
`FormHost.active`, which lets tests type into it like a user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..domain import CellKey
from ..store import CaseStore, RecordNotFound
from . import prompts
from .case_state import CaseState, SelectedId
from .commands import (
    AddRecordCommand,
    CaseCommand,
    DeleteRecordCommand,
    ReorderCommand,
    UpdateCaseInfoCommand,
    UpdateRecordCommand,
)
from .plain_text import isolate
from .record_kinds import KINDS, record_title

EDITABLE = ("event", "proposal", "position", "party", "issue", "source", "assessment")


def form_class(kind: str):
    from .forms.assessment_form import AssessmentForm
    from .forms.case_forms import IssueForm, PartyForm, SourceForm
    from .forms.event_form import EventForm
    from .forms.position_form import PositionForm
    from .forms.proposal_form import ProposalForm

    return {"event": EventForm, "proposal": ProposalForm, "position": PositionForm,
            "party": PartyForm, "issue": IssueForm, "source": SourceForm,
            "assessment": AssessmentForm}[kind]


class FormHost:
    """Shows one form at a time, window-modal and non-blocking; `active` is it."""

    def __init__(self) -> None:
        self.active: QDialog | None = None

    def show(self, form: QDialog, on_accept: Callable[[], object]) -> None:
        """Show `form`; run `on_accept` when the user confirms it."""
        self.close()
        self.active = form

        def accepted() -> None:
            on_accept()

        def finished(_result: int) -> None:
            if self.active is form:
                self.active = None
            form.deleteLater()

        form.accepted.connect(accepted)
        form.finished.connect(finished)
        form.open()

    def close(self) -> None:
        if self.active is not None:
            self.active.reject()


class RecordEditor:
    """New, edit, delete, reorder records of the open case, each change one command."""

    def __init__(self, parent: QWidget, forms: FormHost,
                 push: Callable[[CaseCommand], bool], show_inspector: Callable[[], None],
                 ask_before_delete: Callable[[], bool] = lambda: True):
        self.parent = parent
        self.ask_before_delete = ask_before_delete
        self.forms = forms
        self.push = push
        self.show_inspector = show_inspector
        self.store: CaseStore | None = None
        self.state: CaseState | None = None
        self.manage_dialog: QDialog | None = None

    def set_case(self, store: CaseStore | None, state: CaseState | None) -> None:
        if self.manage_dialog is not None:
            self.manage_dialog.close()
            self.manage_dialog = None
        self.store = store
        self.state = state

    @property
    def read_only(self) -> bool:
        return self.store is None or self.store.read_only

    def _open(self) -> tuple[CaseStore, CaseState] | None:
        """The open case's store and state; None when no case is open."""
        if self.store is None or self.state is None:
            return None
        return self.store, self.state

    def _writable(self) -> tuple[CaseStore, CaseState] | None:
        """The open case's store and state, when the case can be changed."""
        case = self._open()
        return None if case is None or case[0].read_only else case

    # -- new records -----------------------------------------------------------------------

    def new_record(self, kind: str) -> None:
        if (case := self._writable()) is None:
            return
        store, state = case
        dated = ("event", "proposal", "assessment")
        extra = {"default_date": state.as_of} if kind in dated else {}
        form = form_class(kind)(store, None, self.parent, **extra)
        self.forms.show(form, lambda: self._added(kind, form.record()))

    def new_position(self, cell: CellKey | None = None) -> None:
        """A new position in the grid cell `cell`, from the one it holds now (no cell: the
        user picks the party and issue in the form)."""
        if (case := self._writable()) is None:
            return
        store, state = case
        from .forms.position_form import PositionForm

        cell = cell or CellKey("", "")
        current = store.positions_as_of(state.as_of).get(cell.pair)
        form = PositionForm(store, None, self.parent, party_id=cell.party_id,
                            issue_id=cell.issue_id, start_from=current, default_date=state.as_of)
        self.forms.show(form, lambda: self._added("position", form.record()))

    def _added(self, kind: str, record) -> None:
        if (case := self._writable()) is None:
            return  # the case closed or turned read-only while the form was open
        store, state = case
        if self.push(AddRecordCommand(store, state, kind, record)):
            state.select(kind, record.id)

    # -- existing records ------------------------------------------------------------------

    def restore_revision(self, kind: str, record_id: str, replica_id: str, seq: int) -> None:
        """Put the record back as it was before the change (replica_id, seq): undoable."""
        from ..store.revision_values import from_values
        from .commands import RestoreVersionCommand

        if (case := self._open()) is None:
            return
        store, state = case
        found = [r.before for r in store.revisions(record_id, kind)
                 if r.change_key == (replica_id, seq) and r.before is not None]
        try:
            current = KINDS[kind].get(store, record_id)
        except RecordNotFound:
            return
        if found:
            earlier = from_values(kind, found[0])
            self.push(RestoreVersionCommand(store, state, kind, current, earlier))

    def keep_position(self, cell: CellKey, position_id: str) -> None:
        """In a disputed cell, keep the analyst's position `position_id`: the positions of
        other stances on its date go, as one undoable change."""
        from .commands import SettleDisputeCommand

        if (case := self._writable()) is None:
            return
        store, state = case
        shown = store.grid_snapshot(state.as_of).cell_at(cell)
        if shown is None:
            return
        kept = next((r for r in shown.rivals if r.position.id == position_id), None)
        if kept is None:
            return  # no longer disputed (settled meanwhile)
        others = [r for r in shown.rivals if r.position.stance != kept.position.stance]
        self.push(SettleDisputeCommand(store, state, kept, others))

    def edit_record(self, kind: str, record_id: SelectedId) -> None:
        """Open the form for the record (a grid cell opens a new position there)."""
        if (case := self._open()) is None:
            return
        store, state = case
        if isinstance(record_id, CellKey):
            self.new_position(record_id)
            return
        if kind not in EDITABLE:
            return
        try:
            old = KINDS[kind].get(store, record_id)
        except RecordNotFound:
            return
        state.select(kind, record_id)
        if store.read_only:
            self.show_inspector()
            return
        form = form_class(kind)(store, old, self.parent)

        def save() -> None:
            new = form.record()
            if new != old:
                self.push(UpdateRecordCommand(store, state, kind, old, new))

        self.forms.show(form, save)

    def edit_selected(self) -> None:
        if self.state is not None:
            self.edit_record(*self.state.selection)

    def delete_selected(self) -> None:
        """Edit > Delete: the record that has the keyboard focus and is highlighted there
        (the row of the list being used, else the shared selection), named and asked."""
        if self.state is None:
            return
        kind, record_id = focused_record(self.state)
        if kind in EDITABLE and isinstance(record_id, str) and record_id:
            self.state.select(kind, record_id)  # the inspector shows what is deleted
            self.delete_record(kind, record_id, ask=self.ask_before_delete())

    def delete_record(self, kind: str, record_id: str, ask: bool = False) -> bool:
        """Delete a record (undoable). Asks first when positions depend on it, and
        with `ask` in any case, naming it."""
        if (case := self._writable()) is None:
            return False
        store, state = case
        try:
            record = KINDS[kind].get(store, record_id)
        except RecordNotFound:
            return False
        label = KINDS[kind].label.lower()
        question = f"Delete {label} “{isolate(_shortened(record_title(kind, record)))}”?"
        if kind in ("party", "issue"):
            filters = {"party_id" if kind == "party" else "issue_id": record_id}
            count = len(store.positions(**filters))
            if count:
                ask = True
                question += (f"\n\nIt has {count} recorded position{'s' if count != 1 else ''}; "
                             "deleting it deletes them too.")
        if ask and not prompts.ask(self.parent, f"Delete {label}",
                                   question + "\n\nEdit > Undo brings it back.",
                                   yes="Delete", no="Cancel"):
            return False
        if self.push(DeleteRecordCommand(store, state, kind, record)):
            state.clear_selection()
            return True
        return False

    def move_record(self, kind: str, record_id: str, delta: int) -> None:
        """Move a party or an issue up (-1) or down (+1) in the case order."""
        if (case := self._writable()) is None:
            return
        store, state = case
        ids = [r.id for r in KINDS[kind].all(store)]
        row = ids.index(record_id)
        target = row + delta
        if not 0 <= target < len(ids):
            return
        new_ids = list(ids)
        new_ids[row], new_ids[target] = new_ids[target], new_ids[row]
        self.push(ReorderCommand(store, state, kind, ids, new_ids))

    def edit_case_properties(self) -> None:
        if (case := self._writable()) is None:
            return
        store, state = case
        from .forms.case_forms import CaseInfoForm

        old = store.case_info()
        form = CaseInfoForm(old, self.parent)

        def save() -> None:
            new = form.case_info()
            if new != old:
                self.push(UpdateCaseInfoCommand(store, state, old, new))

        self.forms.show(form, save)

    def manage(self, kind: str) -> None:
        from .forms.manage import ManageDialog

        if self.store is None:
            return
        if self.manage_dialog is not None:
            self.manage_dialog.close()
        dialog = ManageDialog(kind, self.store, self.state, self, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.manage_dialog = dialog


def focused_record(state: CaseState) -> tuple[str, SelectedId]:
    """(kind, id) of the record the keyboard is on: the highlighted row of the record
    list that has the focus, else the shared selection (grid, timeline, inspector)."""
    from .lists.list_dock import RecordListDock

    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, RecordListDock):
        widget = widget.parentWidget()
    if widget is not None:
        rows = widget.table.selectionModel().selectedRows()
        if not rows:
            return "", ""  # the list has the focus but nothing highlighted: nothing to delete
        return widget.kind, widget.selected_id() or ""
    return state.selection


def _shortened(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"
