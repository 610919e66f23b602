"""What the window loads to start: not the CSV reader, the export layouts or printing.

`importing/` and `export/` name their public parts in the package but import
them on first use, so the window, which needs only the date forms, the paper
sizes and the fonts to start, does not wait for the rest (benchmarks/app_open.py).
"""

import importlib
import json
import os
import subprocess
import sys

import pytest

import negotiations_gui.export
import negotiations_gui.importing

# loaded only once the user imports a CSV, exports, prints or merges
NOT_AT_START = (
    "negotiations_gui.importing.plan", "negotiations_gui.importing.csv_file",
    "negotiations_gui.importing.mapping", "negotiations_gui.export.snapshot",
    "negotiations_gui.export.brief_pdf", "negotiations_gui.export.brief_markdown",
    "negotiations_gui.ui.exports.preview_dialog", "PySide6.QtPrintSupport",
)

_START = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from negotiations_gui.domain import CaseInfo
from negotiations_gui.ui.main_window import MainWindow
window = MainWindow()
assert window.create_case(Path(sys.argv[1]), CaseInfo("Start"))
window.show()
app.processEvents()
print(json.dumps(sorted(sys.modules)))
window.close()
"""


@pytest.mark.parametrize("package", [negotiations_gui.importing, negotiations_gui.export])
def test_every_public_name_of_a_lazy_package_is_its_modules_own(package):
    home_of = {name: module for module, names in package._HOMES.items() for name in names}
    for name in package.__all__:
        home = importlib.import_module(f"{package.__name__}.{home_of[name]}")
        assert getattr(package, name) is getattr(home, name)
    assert sorted(package.__all__) == sorted(home_of)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_a_window_with_a_case_open_has_not_loaded_import_export_or_printing(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _START, str(tmp_path / "a.nego")], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "negotiations_gui.ui.main_window" in loaded  # the check itself works
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
