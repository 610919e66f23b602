"""The importing package is plain Python: no Qt, and no SQL (the store runs it)."""

from pathlib import Path

import negotiations_gui.importing as importing


def test_no_qt_and_no_sql_in_the_importing_package():
    for path in Path(importing.__file__).parent.glob("*.py"):
        text = path.read_text("utf-8")
        assert "PySide6" not in text, path.name
        assert "sqlite3" not in text and ".execute(" not in text, path.name
