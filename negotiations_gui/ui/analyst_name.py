"""The analyst's name, recorded with every change they make (the revision log).

Asked once, the first time a case is opened for writing with no name in
Preferences; the question offers the operating system's user name. The answer
is kept in Preferences (Edit > Preferences changes it) and given to the store
for this whole process.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..store.revisions import default_author, set_session_author
from . import settings as keys


def apply_saved_name(settings: keys.Settings) -> None:
    """Record changes under the name kept in Preferences (if there is one)."""
    set_session_author(settings.get(keys.ANALYST_NAME))


def ask_once(parent: QWidget, settings: keys.Settings) -> QInputDialog | None:
    """Ask for the analyst's name if Preferences hold none; the question does not block.

    Until it is answered (or if it is dismissed) changes are recorded under
    the operating system's user name.
    """
    if settings.get(keys.ANALYST_NAME):
        return None
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Your name")
    dialog.setLabelText("Your name is recorded with every change you make to a case, so that "
                        "colleagues merging case files see who wrote what.\n\nName:")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(default_author())
    dialog.setObjectName("analyst_name_dialog")

    def keep(name: str) -> None:
        name = name.strip() or default_author()
        settings.set(keys.ANALYST_NAME, name)
        set_session_author(name)

    dialog.textValueSelected.connect(keep)
    dialog.open()
    return dialog
