"""Open the window on a demo case two analysts worked on, shown "as known on" a past day.

    /work/shared/tools/shot docs/window/known-on.png 10 -- \
        .venv/bin/python docs/window/make_known_on_shot.py [WIDTH HEIGHT]

(crop to the window when it is smaller than the 1600x1000 screen).

The case: the demo, recorded on 20 Aug 2025; R. Cohen and A. Levi each record
Hamas on disarmament for 25 Aug in their own copies (different stances), and
the copies are merged on 26 Aug; on 29 Aug R. Cohen records an event and
rewords Israel on hostages. The window shows it as of 31 Aug as known on
27 Aug: the event of 29 Aug is absent, the rewording shows its old words, and
the Hamas/disarmament cell is disputed. Settings and files go to a temporary
folder; the store's clock is set by this script.
"""

import dataclasses
import itertools
import os
import sys
import tempfile
from pathlib import Path

folder = Path(tempfile.mkdtemp(prefix="known-on-shot-"))
os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
os.environ["XDG_DATA_HOME"] = str(folder / "data")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from negotiations_gui.domain import Event, PartialDate, Position, Stance  # noqa: E402
from negotiations_gui.store import CaseStore  # noqa: E402
from negotiations_gui.store import records as rec  # noqa: E402
from negotiations_gui.store.json_io import import_case_file  # noqa: E402
from negotiations_gui.store.merge import apply_merge, plan_from_file  # noqa: E402

D = PartialDate.parse
DEMO = (Path(__file__).resolve().parents[2] / "negotiations_gui" / "resources" / "demo"
        / "gaza_mediation_aug2025.json")
_day = {"now": "2025-08-20"}
_ticks = itertools.count()
rec.now_stamp = lambda: f"{_day['now']}T12:30:00.{next(_ticks):06d}+00:00"


def build_case() -> Path:
    cohen, levi = folder / "cohen.nego", folder / "levi.nego"
    import_case_file(DEMO, cohen)
    with CaseStore.open(cohen) as store:
        store.save_copy(levi)
    for path, author, stance, words in (
            (cohen, "R. Cohen", Stance.RED_LINE, "No disarmament while occupied"),
            (levi, "A. Levi", Stance.CONDITIONAL, "Would hand heavy weapons to Egypt")):
        _day["now"] = "2025-08-25"
        with CaseStore.open(path) as store:
            store.author = author
            hamas = next(p for p in store.parties() if p.name == "Hamas")
            issue = next(i for i in store.issues() if i.name == "Disarmament")
            store.add_position(Position(hamas.id, issue.id, D("2025-08-25"), stance, words))
    _day["now"] = "2025-08-26"
    with CaseStore.open(cohen) as store:
        store.author = "R. Cohen"
        apply_merge(store, plan_from_file(store, levi), note=levi.name)
        _day["now"] = "2025-08-29"
        israel = next(p for p in store.parties() if p.name == "Israel")
        store.add_event(Event(D("2025-08-28"), "Israeli delegation recalled from Doha",
                              "statement", party_ids=(israel.id,)))
        hostages = next(i for i in store.issues() if i.name == "Hostages")
        latest = store.positions_as_of(D("2025-08-31"))[(israel.id, hostages.id)]
        store.update_position(dataclasses.replace(
            latest, summary="All hostages at once, no phased deal (reworded 29 Aug)"))
    return cohen


def main() -> int:
    from negotiations_gui.export.fonts import register_bundled_fonts
    from negotiations_gui.ui import settings as keys
    from negotiations_gui.ui.main_window import MainWindow

    width, height = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (1600, 1000)
    app = QApplication([])
    register_bundled_fonts()  # as the app does at start-up
    path = build_case()
    settings = keys.Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(keys.ANALYST_NAME, "R. Cohen")
    window = MainWindow(settings)
    window.open_case(path)
    window.resize(width, height)
    window.move(0, 0)
    window.show()

    def past() -> None:
        window.state.set_as_of(D("2025-08-31"))
        window.date_bar.known_on_input.edit.setText("27 Aug 2025")
        window.date_bar.known_on_input.commit()
        store = window.shown_store
        hamas = next(p for p in store.parties() if p.name == "Hamas")
        issue = next(i for i in store.issues() if i.name == "Disarmament")
        window.state.select("cell", f"{hamas.id}/{issue.id}")

    QTimer.singleShot(300, past)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
