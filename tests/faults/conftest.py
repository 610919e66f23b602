"""Fault tests: real processes, real SIGKILL, real full disks (tmpfs), bytes changed on disk."""

import subprocess
import uuid
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs of our own (needs root, as on the CI machine); skipped where mounting
    is not permitted, saying so."""
    mount_point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'not root'})")
    try:
        yield Path(mount_point)
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def pytest_collection_modifyitems(config, items):
    """The kill loop (marked slow) runs only when asked for: `pytest -m slow`."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow fault loop: run it with `pytest -m slow tests/faults`")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
