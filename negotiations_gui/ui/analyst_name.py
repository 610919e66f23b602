"""The analyst's name, recorded with every change they make (the revision log).

Asked once, gently: at the first change the analyst makes (the first time
they record something) with no name in Preferences, not when a case opens, so
someone who only reads a case is never asked. The question offers the
operating system's user name; the answer, or that name if the question is
dismissed, is kept in Preferences (Edit > Preferences changes it) and given to
the store for this whole process, before the change is written, so that even
the first change carries the name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..store.revisions import default_author, set_session_author
from .settings import ANALYST_NAME, Settings


def apply_saved_name(settings: Settings) -> None:
    """Record changes under the name kept in Preferences (if there is one)."""
    set_session_author(settings.get(ANALYST_NAME))


class NameQuestion:
    """Asks for the analyst's name before the first change, if Preferences hold none.

    `dialog` is the last question shown (None until one is), so that it can be
    found while `ask_before_first_change` waits for the answer."""

    def __init__(self, parent: QWidget, settings: Settings):
        self._parent, self._settings = parent, settings
        self.dialog: QInputDialog | None = None

    def ask_before_first_change(self) -> None:
        """Ask for the name if Preferences hold none (waits for the answer)."""
        if self._settings.get(ANALYST_NAME):
            return
        dialog = self.dialog = QInputDialog(self._parent)
        dialog.setWindowTitle("Your name")
        dialog.setLabelText("Your name is recorded with every change you make to a case, so "
                            "that colleagues merging case files see who wrote what. You can "
                            "change it later in Edit > Preferences.\n\nName:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(default_author())
        dialog.setOkButtonText("Use this name")
        dialog.setObjectName("analyst_name_dialog")
        answered = dialog.exec() == QInputDialog.DialogCode.Accepted
        name = (dialog.textValue().strip() if answered else "") or default_author()
        self._settings.set(ANALYST_NAME, name)
        set_session_author(name)
        dialog.deleteLater()
