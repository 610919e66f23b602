"""One `QUndoCommand` per user change.

Each `redo` and each `undo` makes exactly one store call, which is one
transaction, and then tells every view which tables changed, and which
records in them, through `CaseState.notify_changed`. Deletions keep what the store returned
(`CaseData` of everything removed or unlinked) and put it back with
`store.restore`, so undoing the deletion of a party brings back its positions
and its links from events and proposals in one go.

`MainWindow.push` runs the first `redo` itself (`apply`) so that a failure
(read-only file, full disk) is shown to the user and the command never reaches
the stack; later undo/redo failures are recorded in `error` for the window to
report.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..domain import CaseData, CaseInfo
from ..store import CaseFileError
from .case_state import CaseState
from .plain_text import isolate
from .record_kinds import KINDS, ids_in, record_title, tables_in


class CaseCommand(QUndoCommand):
    """Base: subclasses implement `_do` and `_undo`, each one store call; return tables."""

    def __init__(self, store, state: CaseState, text: str):
        super().__init__(text)
        self.store = store
        self.state = state
        self._applied = False
        self.error: CaseFileError | None = None

    def apply(self) -> None:
        """The first redo, run by `MainWindow.push`; raises `CaseFileError` on failure."""
        self._announce(self._do())
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # already done by apply(): the stack's first redo is a no-op
            self._applied = False
            return
        with self.store.labelled("redo"):  # the revision log says what happened
            self._run(self._do)

    def undo(self) -> None:
        self._applied = False
        with self.store.labelled("undo"):
            self._run(self._undo)

    def _run(self, step) -> None:
        self.error = None
        try:
            tables = step()
        except CaseFileError as exc:
            self.error = exc
            return
        self._announce(tables)

    def _announce(self, tables: set[str]) -> None:
        self.state.notify_changed(tables, self._ids())

    def _ids(self) -> dict[str, set[str]] | None:
        """Ids of the records the last `_do`/`_undo` touched, per table; None if unknown.

        Redo and undo of one command touch the same records, so both announce these."""
        return None

    def _do(self) -> set[str]:
        raise NotImplementedError

    def _undo(self) -> set[str]:
        raise NotImplementedError


class AddRecordCommand(CaseCommand):
    def __init__(self, store, state: CaseState, kind: str, record):
        self.kind = KINDS[kind]
        super().__init__(store, state,
                         f"Add {self.kind.label.lower()} “{isolate(record_title(kind, record))}”")
        self.record = record

    def _ids(self) -> dict[str, set[str]]:
        return {self.kind.table: {self.record.id}}

    def _do(self) -> set[str]:
        self.record = self.kind.add(self.store, self.record)
        return {self.kind.table}

    def _undo(self) -> set[str]:
        self.kind.delete(self.store, self.record.id)
        return {self.kind.table}


class UpdateRecordCommand(CaseCommand):
    """Replace `old` by `new` (same id); undo puts `old` back exactly, stamps included."""

    def __init__(self, store, state: CaseState, kind: str, old, new):
        self.kind = KINDS[kind]
        super().__init__(store, state,
                         f"Edit {self.kind.label.lower()} “{isolate(record_title(kind, new))}”")
        self.old = old
        self.new = new

    def _ids(self) -> dict[str, set[str]]:
        return {self.kind.table: {self.new.id}}

    def _do(self) -> set[str]:
        self.kind.update(self.store, self.new)
        return {self.kind.table}

    def _undo(self) -> set[str]:
        self.store.restore(self.kind.as_case_data([self.old]))
        return {self.kind.table}


class DeleteRecordCommand(CaseCommand):
    def __init__(self, store, state: CaseState, kind: str, record):
        self.kind = KINDS[kind]
        super().__init__(store, state,
                         f"Delete {self.kind.label.lower()} "
                         f"“{isolate(record_title(kind, record))}”")
        self.record_id = record.id
        self.removed: CaseData | None = None

    def _ids(self) -> dict[str, set[str]]:
        """The record and everything its deletion removed or unlinked (the cascade)."""
        ids = ids_in(self.removed) if self.removed is not None else {}
        ids.setdefault(self.kind.table, set()).add(self.record_id)
        return ids

    def _do(self) -> set[str]:
        self.removed = self.kind.delete(self.store, self.record_id)
        return tables_in(self.removed) | {self.kind.table}

    def _undo(self) -> set[str]:
        assert self.removed is not None  # an undo follows its redo
        self.store.restore(self.removed)
        return tables_in(self.removed) | {self.kind.table}


class ReorderCommand(CaseCommand):
    """New order of parties or issues."""

    def __init__(self, store, state: CaseState, kind: str, old_ids, new_ids):
        self.kind = KINDS[kind]
        super().__init__(store, state, f"Reorder {self.kind.plural.lower()}")
        self.old_ids = list(old_ids)
        self.new_ids = list(new_ids)

    def _reorder(self, ids) -> set[str]:
        self.kind.reorder(self.store, ids)
        return {self.kind.table}

    def _do(self) -> set[str]:
        return self._reorder(self.new_ids)

    def _undo(self) -> set[str]:
        return self._reorder(self.old_ids)


class UpdateCaseInfoCommand(CaseCommand):
    def __init__(self, store, state: CaseState, old: CaseInfo, new: CaseInfo):
        super().__init__(store, state, "Edit case properties")
        self.old = old
        self.new = new

    def _do(self) -> set[str]:
        self.store.update_case_info(self.new)
        return {"case_info"}

    def _undo(self) -> set[str]:
        self.store.update_case_info(self.old)
        return {"case_info"}


class RestoreVersionCommand(CaseCommand):
    """Put a record back as it was before one of its revisions (from the inspector)."""

    def __init__(self, store, state: CaseState, kind: str, current, earlier):
        self.kind = KINDS[kind]
        super().__init__(store, state, f"Restore an earlier version of "
                         f"{self.kind.label.lower()} “{isolate(record_title(kind, current))}”")
        self.current = current
        self.earlier = earlier

    def _ids(self) -> dict[str, set[str]]:
        return {self.kind.table: {self.current.id}}

    def _do(self) -> set[str]:
        self.store.restore_version(self.earlier)
        return {self.kind.table}

    def _undo(self) -> set[str]:
        self.store.restore(self.kind.as_case_data([self.current]))
        return {self.kind.table}


class SettleDisputeCommand(CaseCommand):
    """Keep one analyst's position in a disputed cell; the others go (store/disputes.py)."""

    def __init__(self, store, state: CaseState, kept, others):
        super().__init__(store, state, f"Keep {kept.who}’s position")
        self.kept = kept
        self.others = tuple(others)
        self.removed: list[CaseData] = []

    def _ids(self) -> dict[str, set[str]]:
        return {"positions": {rival.position.id for rival in self.others}}

    def _do(self) -> set[str]:
        from ..store.disputes import settle

        self.removed = settle(self.store, self.kept, self.others)
        return {"positions"}

    def _undo(self) -> set[str]:
        from ..store.disputes import unsettle

        unsettle(self.store, self.removed)
        return {"positions"}
