"""What an analyst's laptop gets: the sdist and wheel built as a release is, the wheel
installed (not editable, with its dependencies) into a new virtual environment, and
the command line run from an empty folder with no system fonts and no display.

The environment is made once for the module (about half a minute, most of it pip
unpacking PySide6; see docs/benchmarks.md); each test then runs commands in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import pypdf
import pytest

import negotiations_gui
from negotiations_gui.export.fonts import FONT_FILES

ROOT = Path(negotiations_gui.__file__).parent.parent
PACKAGED = [f"negotiations_gui/resources/fonts/{name}" for name in FONT_FILES] + [
    "negotiations_gui/resources/fonts/OFL.txt",
    "negotiations_gui/resources/demo/gaza_mediation_aug2025.json",
]
ARABIC, HEBREW = "حركة حماس", "מדינת ישראל"
# an empty font configuration: fontconfig finds no fonts at all on this "machine"
NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""

pytestmark = pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(),
                                reason="needs the source tree, to build from")


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=False, capture_output=True, text=True, timeout=600,
                          **kwargs)


# what a fresh clone does not have: left by builds, installs and tools, they would
# leak into the build (setuptools reads an old *.egg-info/SOURCES.txt as a manifest)
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "dist",
                                        "__pycache__", ".*_cache", ".hypothesis")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(sdist, wheel): `python -m build` makes the sdist, then the wheel from the sdist,
    from a copy of the source tree as a fresh clone has it."""
    source = tmp_path_factory.mktemp("source") / "negotiations_gui"
    shutil.copytree(ROOT, source, ignore=NOT_IN_A_CLONE)
    out = tmp_path_factory.mktemp("dist")
    result = _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                   str(source)])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """A new virtual environment holding the wheel and its dependencies, nothing else.

    Not `--system-site-packages`, and dependencies resolved by pip (from its cache and
    the configured index): a dependency missing from pyproject.toml fails here.
    """
    venv = tmp_path_factory.mktemp("venv")
    result = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert result.returncode == 0, result.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    result = _run([sys.executable, "-m", "pip", "--python", str(python), "install",
                   "--quiet", "--disable-pip-version-check", str(built[1])])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv


@pytest.fixture
def machine(installed, tmp_path) -> dict:
    """An empty working folder, a home of its own, no fonts, no display."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(NO_FONTS.format(cache=tmp_path / "fontcache"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH",
                        "VIRTUAL_ENV", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env.update(HOME=str(home), FONTCONFIG_FILE=str(conf), FONTCONFIG_PATH=str(tmp_path))
    bin_dir = installed / ("Scripts" if os.name == "nt" else "bin")
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    return {"env": env, "cwd": work, "bin": bin_dir}


def _app(machine, *args) -> subprocess.CompletedProcess:
    return _run([str(machine["bin"] / "negotiations-gui"), *args], cwd=machine["cwd"],
                env=machine["env"])


def _ok(result) -> None:
    assert result.returncode == 0, result.stderr
    # one line of our own; no Qt warnings about fonts or platforms
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def _embedded_fonts(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def _folded(text: str) -> str:
    """Extracted text with Arabic presentation forms as letters and no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _extracts(text: str, phrase: str) -> bool:
    # right-to-left words may extract in visual order: either way round is the word
    return all(_folded(w) in text or _folded(w)[::-1] in text for w in phrase.split())


def test_the_sdist_and_the_wheel_carry_the_demo_fonts_and_licence(built):
    sdist, wheel = built
    with tarfile.open(sdist) as tar:
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    with zipfile.ZipFile(wheel) as zipped:
        in_wheel = set(zipped.namelist())
    for name in PACKAGED:
        assert name in in_sdist, name
        assert name in in_wheel, name


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, machine):
    python = machine["bin"] / ("python.exe" if os.name == "nt" else "python")
    result = _run([str(python), "-c", "import negotiations_gui; print(negotiations_gui.__file__)"],
                  cwd=machine["cwd"], env=machine["env"])
    assert Path(result.stdout.strip()).is_relative_to(installed), result.stderr


def test_demo_grid_and_brief_from_an_empty_folder_with_no_system_fonts(machine):
    work = machine["cwd"]
    _ok(_app(machine, "demo", "demo.nego"))
    _ok(_app(machine, "export-pdf", "demo.nego", "--as-of", "2025-08-31",
             "--since", "2025-07-31", "-o", "grid.pdf"))
    _ok(_app(machine, "export-brief", "demo.nego", "--as-of", "2025-08-31",
             "--since", "2025-07-31", "-o", "brief.pdf"))
    grid = pypdf.PdfReader(work / "grid.pdf")
    text = _folded("".join(page.extract_text() for page in grid.pages))
    for words in ("Positions as of 31 Aug 2025", "Hostages", "Governance", "Egypt", "Qatar",
                  "UNCLASSIFIED"):
        assert _folded(words) in text, words
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= _embedded_fonts(grid)
    brief = pypdf.PdfReader(work / "brief.pdf")
    assert _folded("What changed") in _folded(brief.pages[0].extract_text())
    assert "NotoSans-Regular" in _embedded_fonts(brief)


def test_arabic_and_hebrew_names_come_out_in_the_bundled_fonts(machine):
    import json

    work = machine["cwd"]
    _ok(_app(machine, "demo", "demo.nego"))
    _ok(_app(machine, "export-json", "demo.nego", "demo.json"))
    doc = json.loads((work / "demo.json").read_text(encoding="utf-8"))
    names = {"Hamas": ARABIC, "Israel": HEBREW}
    for party in doc["parties"]:
        party["name"] = names.get(party["name"], party["name"])
    (work / "named.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _ok(_app(machine, "import-json", "named.json", "named.nego"))
    _ok(_app(machine, "export-pdf", "named.nego", "--as-of", "2025-08-31", "-o", "named.pdf"))
    reader = pypdf.PdfReader(work / "named.pdf")
    text = _folded(reader.pages[0].extract_text())
    assert _extracts(text, ARABIC) and _extracts(text, HEBREW)
    assert {"NotoSansArabic-Bold", "NotoSansHebrew-Bold"} <= _embedded_fonts(reader)
    if shutil.which("pdftoppm"):  # the page as a reader's viewer draws it, not blank
        result = _run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1",
                       str(work / "named.pdf"), str(work / "page")])
        assert result.returncode == 0, result.stderr
        (png,) = work.glob("page*.png")
        assert png.stat().st_size > 10_000


def test_a_font_missing_from_the_installation_stops_the_export(installed, machine):
    (font,) = installed.glob("**/negotiations_gui/resources/fonts/NotoSansArabic-Regular.ttf")
    saved = font.read_bytes()
    font.unlink()
    try:
        _ok(_app(machine, "demo", "demo.nego"))
        result = _app(machine, "export-pdf", "demo.nego", "--as-of", "2025-08-31",
                      "-o", "grid.pdf")
    finally:
        font.write_bytes(saved)
    assert result.returncode == 1
    assert "NotoSansArabic-Regular.ttf" in result.stderr and "Reinstall" in result.stderr
    assert not (machine["cwd"] / "grid.pdf").exists()


def test_the_window_with_no_display_says_what_to_use_instead(machine):
    result = _app(machine, "--demo")
    assert result.returncode == 1
    assert "needs a display" in result.stderr and "export-pdf" in result.stderr
