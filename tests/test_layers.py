"""The layers of the package, read from the import statements of every file.

docs/architecture.md draws them: `domain` is plain Python; `store` is the only
place with SQL; `importing` reads files (no Qt); `export` renders with Qt's
painting and never the window code in `ui`; `ui` shows it all. Imports run one
way only, so there are no cycles. Imports inside functions count as well.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import negotiations_gui

PACKAGE = Path(negotiations_gui.__file__).parent

# What each package may import from the others (top-level modules such as
# app.py and cli.py put the parts together and are free to use any of them).
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    # lazy_names: the PEP 562 `__getattr__` both packages share (plain Python)
    "importing": {"domain", "store", "lazy_names"},
    "export": {"domain", "store", "resources", "__init__", "lazy_names"},
    "ui": {"domain", "store", "importing", "export", "resources", "demo", "__init__"},
    # files shipped in the wheel, and the script that builds the demo case from domain records
    "resources": {"domain", "store"},
}
# Outside libraries each package must not import
BANNED = {
    "domain": {"PySide6", "shiboken6", "sqlite3", "sqlite_utils"},
    "store": {"PySide6", "shiboken6"},
    "importing": {"PySide6", "shiboken6", "sqlite3", "sqlite_utils"},
    "export": {"PySide6.QtWidgets", "sqlite3", "sqlite_utils"},
    "ui": {"sqlite3", "sqlite_utils"},
    "resources": {"PySide6", "shiboken6", "sqlite3", "sqlite_utils"},
}
SQL_CALLS = {"execute", "executemany", "executescript"}


@dataclass(frozen=True)
class Imported:
    path: Path
    line: int
    module: str  # absolute dotted name


def _module_name(path: Path, root: Path) -> list[str]:
    parts = ["negotiations_gui", *path.relative_to(root).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path, root: Path = PACKAGE) -> list[Imported]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    here = _module_name(path, root)
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Imported(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(Imported(path, node.lineno, module))
            if node.module is None:  # `from .. import store`: a module, or a name in one
                where = root.joinpath(*module.split(".")[1:])
                found += [Imported(path, node.lineno, f"{module}.{alias.name}")
                          for alias in node.names
                          if (where / alias.name).is_dir()
                          or (where / f"{alias.name}.py").is_file()]
    return found


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "negotiations_gui":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _files(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


def test_every_package_has_its_rules():
    packages = {p.name for p in PACKAGE.iterdir()
                if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(ALLOWED) == set(BANNED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_of_our_own_packages_run_one_way(package):
    wrong = []
    for path in _files(package):
        for imported in _imports(path):
            layer = _layer_of(imported.module)
            if layer is not None and layer != package and layer not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{imported.line} {imported.module}")
    assert wrong == [], f"{package} may import only {sorted(ALLOWED[package])}"


@pytest.mark.parametrize("package", sorted(BANNED))
def test_libraries_a_package_must_not_use(package):
    wrong = []
    for path in _files(package):
        for imported in _imports(path):
            if any(imported.module == banned or imported.module.startswith(banned + ".")
                   for banned in BANNED[package]):
                wrong.append(f"{path.relative_to(PACKAGE)}:{imported.line} {imported.module}")
    assert wrong == []


def test_only_the_store_runs_sql():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_CALLS):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.func.attr}(")
        wrong += [f"{i.path.relative_to(PACKAGE)}:{i.line} {i.module}" for i in _imports(path)
                  if i.module.split(".")[0] in {"sqlite3", "sqlite_utils"}]
    assert wrong == []


def test_the_allowed_imports_have_no_cycle():
    # a topological order exists: each package only needs those before it
    remaining = dict(ALLOWED)
    order: list[str] = []
    while remaining:
        ready = [p for p, needs in remaining.items() if not needs & remaining.keys()]
        assert ready, f"cycle among {sorted(remaining)}"
        order += sorted(ready)
        for p in ready:
            del remaining[p]
    assert order.index("domain") < order.index("store") < order.index("ui")


def test_the_checker_sees_relative_and_nested_imports(tmp_path):
    # the reading of import statements is what every rule above rests on
    folder = tmp_path / "negotiations_gui" / "export"
    folder.mkdir(parents=True)
    (tmp_path / "negotiations_gui" / "__init__.py").write_text("")
    (folder / "__init__.py").write_text("from . import page\n")
    (folder / "page.py").write_text(
        "from ..ui.settings import Key\n"
        "def f():\n    from negotiations_gui.store import CaseStore\n"
        "    import PySide6.QtWidgets\n")
    root = tmp_path / "negotiations_gui"
    names = {i.module for i in _imports(folder / "page.py", root)}
    assert names == {"negotiations_gui.ui.settings", "negotiations_gui.store",
                     "PySide6.QtWidgets"}
    assert {i.module for i in _imports(folder / "__init__.py", root)} >= {
        "negotiations_gui.export.page"}
