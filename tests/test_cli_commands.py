"""The command line as a script meets it, in real processes: `demo`, `new`, no display,
mistyped commands, and a JSON file given where a case belongs."""

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from negotiations_gui.store import CaseStore

HEADLESS = ("demo", "new", "export-json", "import-json", "import-csv", "export-pdf",
            "export-brief")


def _program() -> list[str]:
    script = shutil.which("negotiations-gui", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "negotiations_gui.cli"]


@pytest.fixture
def run(tmp_path, user_folders):
    """Run the installed command in `tmp_path`, with no display and the test's own folders."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}

    def run_(*args, **extra_env):
        result = subprocess.run([*_program(), *args], check=False, cwd=tmp_path,
                                env={**env, **extra_env}, capture_output=True, text=True,
                                timeout=120)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return run_


def _one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_demo_writes_a_fresh_copy_and_never_replaces_a_file(run, tmp_path):
    result = run("demo", "pack/demo.nego")
    assert result.returncode == 1 and "folder pack does not exist" in _one_line(result)
    assert run("demo", "demo.nego").returncode == 0
    with CaseStore.open(tmp_path / "demo.nego") as store:
        assert store.case_info().title.startswith("Gaza")
        assert len(store.positions()) > 0
    before = (tmp_path / "demo.nego").read_bytes()
    again = run("demo", "demo.nego")
    assert again.returncode == 1
    assert "already exists" in _one_line(again) and "nothing was written" in again.stderr
    assert (tmp_path / "demo.nego").read_bytes() == before


def test_new_makes_an_empty_case_with_the_default_issues(run, tmp_path):
    result = run("new", "talks.nego", "--title", "Doha talks",
                 "--marking", "SECRET // REL TEST")
    assert result.returncode == 0, result.stderr
    with CaseStore.open(tmp_path / "talks.nego") as store:
        info = store.case_info()
        assert (info.title, info.marking) == ("Doha talks", "SECRET // REL TEST")
        assert [i.name for i in store.issues()] == [
            "Hostages", "Prisoners", "Withdrawal", "Disarmament", "Ceasefire", "Governance"]
        assert store.parties() == [] and store.positions() == []
    refused = run("new", "talks.nego", "--title", "Other")
    assert refused.returncode == 1 and "already exists" in _one_line(refused)
    with CaseStore.open(tmp_path / "talks.nego") as store:
        assert store.case_info().title == "Doha talks"
    assert run("new", "x.nego").returncode == 2  # --title is required: a usage error
    assert run("new", "x.nego", "--title", "  ").returncode == 2
    assert not (tmp_path / "x.nego").exists()


def test_new_takes_the_marking_set_in_the_windows_preferences(run, tmp_path, user_folders):
    config = user_folders / "config" / "negotiations-gui"
    config.mkdir(parents=True)
    (config / "Negotiations.conf").write_text(
        "[preferences]\ndefault_marking=RESTRICTED // TEAM\n", encoding="utf-8")
    assert run("new", "t.nego", "--title", "T").returncode == 0
    with CaseStore.open(tmp_path / "t.nego") as store:
        assert store.case_info().marking == "RESTRICTED // TEAM"


@pytest.mark.parametrize("args", [[], ["--demo"], ["new case.nego"]])
def test_a_window_with_no_display_says_so_in_one_line(run, args, tmp_path):
    result = run(*args)
    assert result.returncode == 1  # never Qt's abort (134)
    line = _one_line(result)
    assert "needs a display" in line and "DISPLAY" in line
    assert all(command in line for command in HEADLESS)
    assert not list(tmp_path.iterdir())  # nothing was created


@pytest.mark.skipif(
    None in (ctypes.util.find_library("xcb"), ctypes.util.find_library("xcb-cursor")),
    reason="Qt's X11 libraries are not installed here")
def test_an_unreachable_x11_display_is_named(run):
    result = run("--demo", DISPLAY=":93517", QT_QPA_PLATFORM="xcb")
    assert result.returncode == 1
    assert "the X11 display :93517 cannot be reached" in _one_line(result)


def test_a_mistyped_command_is_not_taken_for_a_case(run):
    result = run("frobnicate")
    assert result.returncode == 1
    line = _one_line(result)
    assert "'frobnicate' is not a command, and there is no file of that name" in line
    assert "export-pdf" in line
    assert "Did you mean 'export-pdf'?" in _one_line(run("exprot-pdf"))
    missing = run("notes.txt")
    assert missing.returncode == 1 and "there is no file “notes.txt”" in _one_line(missing)


def test_a_json_export_given_as_a_case_points_to_import_json(run, tmp_path):
    assert run("demo", "d.nego").returncode == 0
    assert run("export-json", "d.nego", "export.json").returncode == 0
    for args in (["export.json"],
                 ["export-pdf", "export.json", "--as-of", "2025-08-31", "-o", "g.pdf"]):
        result = run(*args)
        assert result.returncode == 1
        line = _one_line(result)
        assert "looks like a case exported as JSON" in line
        assert "negotiations-gui import-json export.json export.nego" in line
        assert "File >" not in line
    assert not (tmp_path / "g.pdf").exists()
