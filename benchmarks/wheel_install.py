"""From a source tree to a PDF on a machine with nothing: build, install, export.

Times what tests/test_wheel_install.py does, step by step: `python -m build`
(sdist, then the wheel from it, from a clean copy of the tree), a new virtual
environment with the wheel and its dependencies installed by pip (from its
cache and the configured index), then each command as a cold process from an
empty folder with an empty font configuration: `demo`, `export-pdf`,
`export-brief`. The commands' peak resident memory is read with `wait4`.

    python benchmarks/wheel_install.py

Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "dist", "__pycache__",
                                ".*_cache", ".hypothesis")
NO_FONTS = ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
            "<fontconfig><cachedir>{}</cachedir></fontconfig>")


def timed(label: str, args: list[str], **kwargs) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{label} failed:\n{stderr}")
    print(f"  {label:<44} {seconds:6.2f} s   peak RSS {usage.ru_maxrss / 1024:6.0f} MB")


def main() -> None:
    with open("/proc/loadavg", encoding="ascii") as f:
        print(f"load average at start: {' '.join(f.read().split()[:3])}")
    with tempfile.TemporaryDirectory(prefix="wheel-bench-") as folder:
        tmp = Path(folder)
        total = time.perf_counter()
        shutil.copytree(ROOT, tmp / "source", ignore=IGNORE)
        timed("build sdist, then wheel from it", [
            sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp / "dist"),
            str(tmp / "source")])
        (wheel,) = (tmp / "dist").glob("*.whl")
        timed("new venv (no pip)", [sys.executable, "-m", "venv", "--without-pip",
                                    str(tmp / "venv")])
        timed("pip install the wheel with its dependencies", [
            sys.executable, "-m", "pip", "--python", str(tmp / "venv/bin/python"), "install",
            "--quiet", "--disable-pip-version-check", str(wheel)])
        print(f"  {'build and install, in all':<44} {time.perf_counter() - total:6.2f} s")
        (tmp / "work").mkdir()
        (tmp / "fonts.conf").write_text(NO_FONTS.format(tmp / "fontcache"), encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH")}
        env.update(HOME=str(tmp), FONTCONFIG_FILE=str(tmp / "fonts.conf"))
        app = str(tmp / "venv/bin/negotiations-gui")
        dates = ["--as-of", "2025-08-31", "--since", "2025-07-31"]
        print("from an empty folder, no system fonts, cold processes:")
        for label, args in (("demo demo.nego", ["demo", "demo.nego"]),
                            ("export-pdf (grid, demo case)",
                             ["export-pdf", "demo.nego", *dates, "-o", "grid.pdf"]),
                            ("export-brief (PDF, demo case)",
                             ["export-brief", "demo.nego", *dates, "-o", "brief.pdf"])):
            timed(label, [app, *args], cwd=tmp / "work", env=env)


if __name__ == "__main__":
    main()
