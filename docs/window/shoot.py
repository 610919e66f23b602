"""Launch the window at a fixed size for a screenshot (docs/window/README.md).

    python docs/window/shoot.py WIDTH HEIGHT demo|new|new-entry

The real start path (fonts, settings, MainWindow), then the window set to
WIDTH x HEIGHT; `new-entry` makes a new case and records a first entry in it
(two parties, an event, a position) through the window's undoable commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from negotiations_gui import APP_NAME
from negotiations_gui.domain import CaseInfo, Event, PartialDate, Party, PartyRole, Position, Stance
from negotiations_gui.export.fonts import register_bundled_fonts
from negotiations_gui.ui import settings as keys
from negotiations_gui.ui.commands import AddRecordCommand
from negotiations_gui.ui.main_window import MainWindow

NEW_CASE = Path("/tmp/shot-new-case.nego")


def first_entry(window: MainWindow) -> None:
    store, state, d = window.store, window.state, PartialDate.parse
    for party in (Party("Hamas", "HAM", PartyRole.PRINCIPAL, "#2ca02c", 0),
                  Party("Israel", "ISR", PartyRole.PRINCIPAL, "#1f77b4", 1)):
        window.push(AddRecordCommand(store, state, "party", party))
    hamas, israel = store.parties()
    window.push(AddRecordCommand(store, state, "event", Event(
        d("2025-08-12"), "Talks in Cairo", "meeting", party_ids=(hamas.id, israel.id))))
    window.push(AddRecordCommand(store, state, "position", Position(
        hamas.id, store.issues()[0].id, d("2025-08-12"), Stance.CONDITIONAL,
        "A deal if the war ends")))
    state.set_as_of(d("2025-08-20"))


def main() -> int:
    width, height, what = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication([APP_NAME])
    app.setOrganizationName(keys.ORGANISATION)
    app.setApplicationName(APP_NAME)
    register_bundled_fonts()
    settings = keys.Settings()
    settings.set(keys.ANALYST_NAME, "A. Analyst")  # no first-change question in the shot
    window = MainWindow(settings)
    if what == "demo":
        window.open_demo()
    else:
        NEW_CASE.unlink(missing_ok=True)
        window.create_case(NEW_CASE, CaseInfo(title="New case", marking="UNCLASSIFIED"))
        if what == "new-entry":
            QTimer.singleShot(1200, lambda: first_entry(window))
    window.setGeometry(0, 0, width, height)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
