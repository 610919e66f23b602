"""Small files with one reason to change: no module over 400 lines, no function over 60.

A file past ~400 lines is usually two; a function past 60 usually hides a
helper with a name. Schema migrations are exempt: each is one step of the
file format, written once and never changed, and reads best whole.
"""

from __future__ import annotations

import ast
from pathlib import Path

import negotiations_gui

PACKAGE = Path(negotiations_gui.__file__).parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60

def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _is_migration(path: Path, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return path == PACKAGE / "store" / "schema.py" and node.name.startswith("m0")


def test_no_file_is_over_400_lines():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in _python_files()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in _python_files():
        relative = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and not _is_migration(path, node):
                long[f"{relative}:{node.lineno} {node.name}"] = lines
    assert long == {}
