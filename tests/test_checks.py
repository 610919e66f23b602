"""Lint and type checks, run by the suite so CI (`.ci/run`) runs them too.

Both use the settings in pyproject.toml ([tool.ruff], [tool.mypy]) and must
find nothing. They run as subprocesses of this interpreter, from the
repository's root, with the versions the `test` extra installs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import negotiations_gui

ROOT = Path(negotiations_gui.__file__).parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    # the files to check are [tool.mypy] files in pyproject.toml: the whole package
    result = _run("mypy", "--no-error-summary")
    assert result.returncode == 0, result.stdout + result.stderr
