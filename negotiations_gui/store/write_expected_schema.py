"""Write `expected_schema.py`: the tables and columns the migrations make, for
`validation.expected_columns` to read on open instead of making a case in memory.

    python -m negotiations_gui.store.write_expected_schema

Run it after adding a migration (tests/store/test_expected_schema.py fails until
then); on a merge conflict in expected_schema.py, run it again.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from .schema import MIGRATION_NAMES
from .validation import made_columns

TARGET = Path(__file__).with_name("expected_schema.py")

_HEAD = '''"""The tables and columns of a case made by this version's migrations.

Written by `python -m negotiations_gui.store.write_expected_schema`; never edit
by hand. `validation.expected_columns` reads it while MIGRATIONS is this
version's list, and makes a case in memory to ask otherwise.
"""

'''


def _wrapped(items: tuple[str, ...], indent: str) -> str:
    """A tuple of strings over as few lines as fit 96 characters."""
    return textwrap.fill(", ".join(map(repr, items)) + ",", width=96,
                         initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)


def text() -> str:
    tables = "".join(f"    {table!r}: (\n{_wrapped(columns, ' ' * 8)}\n    ),\n"
                     for table, columns in sorted(made_columns().items()))
    return (f"{_HEAD}MIGRATIONS = (\n{_wrapped(MIGRATION_NAMES, ' ' * 4)}\n)\n\n"
            f"COLUMNS = {{\n{tables}}}\n")


if __name__ == "__main__":
    TARGET.write_text(text(), encoding="utf-8")
    print(f"wrote {TARGET}")
