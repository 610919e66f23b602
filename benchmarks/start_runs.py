"""Running `start_child.py` in fresh processes and reading what they noted (the start
benchmarks: startup.py, app_open.py, upgrade_open.py)."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("start_child.py")


@dataclass(frozen=True)
class Run:
    painted: float  # seconds from just before the process started to its first paint
    painted_cpu: float  # CPU seconds (user + system) the process had used by then
    marks: dict[str, list[str]]  # every mark the child printed, by name: its fields
    started: float  # time.time() just before the process started
    peak_mb: float  # the process's peak resident memory (wait4)

    def seconds(self, mark: str) -> float:
        """Seconds from the start to the moment `mark` was noted."""
        return float(self.marks[mark][0]) - self.started


def byte_compile(tree: Path | None = None) -> None:
    """Compile the package first, as pip leaves an installed one: with
    PYTHONDONTWRITEBYTECODE set every start would compile every module."""
    import negotiations_gui

    root = tree / "negotiations_gui" if tree else Path(negotiations_gui.__file__).parent
    compileall.compile_dir(root, quiet=1)


def run_child(mode: str, case: Path, config: Path, tree: Path | None = None) -> Run:
    """One fresh process opening `case` (settings in `config`), in `mode`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config),
               XDG_DATA_HOME=str(config), NEGOTIATIONS_BENCH_TREE=str(tree or ""))
    with tempfile.TemporaryFile("w+") as err:  # a file: a full pipe would stall the child
        started = time.time()
        child = subprocess.Popen([sys.executable, str(CHILD), mode, str(case)], env=env,
                                 stdout=subprocess.PIPE, stderr=err, text=True)
        out = child.stdout.read()
        _pid, status, usage = os.wait4(child.pid, 0)  # reaped here, for its resource usage
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        marks = {line.split()[0]: line.split()[1:] for line in out.splitlines()
                 if line.split() and line.split()[0] in ("PAINTED", "TIMELINE", "USABLE")}
        if child.returncode != 0 or len(marks) != (1 if mode == "paint" else 2):
            raise SystemExit(f"start run failed (status {child.returncode}):\n{err.read()}")
    return Run(float(marks["PAINTED"][0]) - started, float(marks["PAINTED"][1]), marks,
               started, usage.ru_maxrss / 1024)  # kilobytes on Linux


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
