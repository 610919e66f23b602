"""The window's demo case: the user's own copy, in their data folder (see demo.py).

"Try the Demo Case" and `--demo` open the same file every time. A copy the
user changed is opened as it is, and the status bar says how to start
again; Help > Fresh Copy of the Demo Case does, keeping the changed copy
beside the new one under a name that says so.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ..demo import DEMO_FILE_NAME, DemoCopy, DemoState, fresh_demo_copy, user_demo
from ..resources import ResourceMissing
from ..store import CaseFileError
from . import case_files, prompts
from .user_folders import demo_folder


def _say(window, text: str) -> None:
    """A status-bar message; once the window shows, when it opens with the window.

    Shown before the window is, the message would be drawn over the status bar's
    labels (Qt hides them only when they are visible at that moment).
    """
    if window.isVisible():
        window.statusBar().showMessage(text, 20000)
    else:
        QTimer.singleShot(0, window, lambda: window.statusBar().showMessage(text, 20000))


FRESH_HINT = "Help > Fresh Copy of the Demo Case starts again from the original."


def _status(copy: DemoCopy) -> str:
    where = copy.path.parent
    if copy.state is DemoState.CHANGED:
        return f"Your copy of the demo case, with your changes (in {where}). {FRESH_HINT}"
    if copy.state is DemoState.REFRESHED:
        return f"The demo case was brought up to this version's (in {where})."
    return f"The demo case: your own copy, in {where}. {FRESH_HINT}"


def open_demo(window) -> bool:
    """Open the user's copy of the demo, writing or updating it first as needed."""
    folder = demo_folder()
    lock, held_elsewhere = case_files.take_lock(folder / DEMO_FILE_NAME)
    try:
        copy = user_demo(folder, may_replace=not held_elsewhere)
    except (CaseFileError, ResourceMissing) as exc:
        prompts.warn(window, "Cannot open the demo case", str(exc))
        return False
    finally:
        if lock is not None:
            lock.release()
    if not window.open_case(copy.path, remember=False):
        return False
    _say(window, _status(copy))
    return True


def fresh_demo(window) -> bool:
    """Replace the user's demo with a fresh copy (a changed one is kept, renamed), and open it."""
    folder = demo_folder()
    path = folder / DEMO_FILE_NAME
    if window.store is not None and window.store.path.resolve() == path.resolve():
        window.close_case()
    lock, held_elsewhere = case_files.take_lock(path)
    if held_elsewhere:
        prompts.warn(window, "Fresh copy of the demo case",
                     "The demo case is open in another window; close it there first, "
                     "then ask for a fresh copy again.")
        return False
    try:
        copy = fresh_demo_copy(folder)
    except (CaseFileError, ResourceMissing) as exc:
        prompts.warn(window, "Cannot make a fresh copy of the demo case", str(exc))
        return False
    finally:
        if lock is not None:
            lock.release()
    if copy.kept_as is not None:
        prompts.inform(window, "Fresh copy of the demo case",
                       f"Your changed copy is kept, as:\n{copy.kept_as}\n\n"
                       "File > Open opens it again.")
    if not window.open_case(copy.path, remember=False):
        return False
    _say(window, f"A fresh copy of the demo case, in {folder}.")
    return True
