"""Case > Merge Another Case File…: choose the file, review, merge as one undo step."""

from __future__ import annotations

from pathlib import Path

from ..store import CaseFileError
from ..store.merge import MergeResult, apply_merge, plan_from_file, undo_merge, write_values
from ..store.merge_plan import MergePlan
from . import prompts
from .commands import CaseCommand
from .plain_text import isolate
from .record_kinds import KINDS

_ALL_TABLES = {k.table for k in KINDS.values()} | {"case_info"}


class MergeCommand(CaseCommand):
    """The whole merge: redo writes it (one transaction), undo puts the records back."""

    def __init__(self, store, state, plan: MergePlan, choices: dict, other_name: str):
        super().__init__(store, state, f"Merge “{isolate(other_name)}”")
        self.plan, self.choices, self.other_name = plan, choices, other_name
        self.result: MergeResult | None = None

    def _do(self) -> set[str]:
        if self.result is None:
            self.result = apply_merge(self.store, self.plan, self.choices, self.other_name)
        else:  # redo after undo
            with self.store._write("redo"):
                write_values(self.store, self.result.written)
        return _ALL_TABLES

    def _undo(self) -> set[str]:
        if self.result is not None:
            undo_merge(self.store, self.result)
        return _ALL_TABLES


class CaseMerging:
    """The window's merge action; `push` makes the merge an undoable command."""

    def __init__(self, window, push):
        self.window = window
        self.push = push
        self.dialog = None

    def merge_case(self, path: Path | None = None) -> None:
        w = self.window
        if w.store is None or w.read_only:
            return
        if path is None:
            chosen = prompts.open_path(w, "Merge another case file", str(w.store.path.parent),
                                       "Case files and exchange files (*.nego);;All files (*)")
            if not chosen:
                return
            path = Path(chosen)
        try:
            plan = plan_from_file(w.store, path)
            if not plan.same_case:
                if not prompts.ask(w, "Merge a file of another case",
                                   f"“{isolate(path.name)}” is not a copy of this case: it has no "
                                   "history in common with it. Merge it anyway, matching "
                                   "parties and issues by name and bringing in everything "
                                   "else as new records?", yes="Merge"):
                    return
                plan = plan_from_file(w.store, path, allow_other_case=True)
        except CaseFileError as exc:
            prompts.warn(w, "The file cannot be merged", str(exc))
            return
        if plan.is_empty:
            prompts.inform(w, "Nothing to merge",
                           f"This case already holds everything in “{isolate(path.name)}”.")
            return
        self.show_dialog(plan, path.name)

    def show_dialog(self, plan: MergePlan, name: str):
        from .merge_dialog import MergeDialog

        dialog = self.dialog = MergeDialog(plan, name, self.window)
        dialog.accepted.connect(lambda: self.push(MergeCommand(
            self.window.store, self.window.state, plan, dialog.choices(), name)))
        dialog.open()
        return dialog
