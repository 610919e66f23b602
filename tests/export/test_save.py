"""A failed export leaves nothing behind and says why."""

import errno
import os

import pytest

from negotiations_gui.export import ExportError, write_atomically


def test_writes_the_whole_file(tmp_path):
    target = tmp_path / "out.pdf"
    write_atomically(target, b"%PDF-1.4 whole")
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_a_read_only_folder_leaves_nothing_and_says_why(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user (root) can write read-only folders")
        with pytest.raises(ExportError, match="could not be written"):
            write_atomically(folder / "out.pdf", b"%PDF")
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


def test_a_write_that_fails_midway_leaves_the_old_file_untouched(tmp_path, monkeypatch):
    """Runs even as root: flushing to the disk is made to fail as a full disk fails it
    (a real full disk, a small tmpfs, is in tests/faults/test_full_disk.py)."""
    target = tmp_path / "brief.md"
    target.write_bytes(b"the previous brief")

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="disk is full"):
        write_atomically(target, b"a new brief that never lands")
    assert target.read_bytes() == b"the previous brief"
    assert os.listdir(tmp_path) == ["brief.md"], "no temporary file left behind"


def test_a_missing_folder_or_a_folder_as_target_is_refused(tmp_path):
    with pytest.raises(ExportError, match="folder does not exist"):
        write_atomically(tmp_path / "nowhere" / "out.pdf", b"%PDF")
    with pytest.raises(ExportError, match="this is a folder"):
        write_atomically(tmp_path, b"%PDF")
    assert os.listdir(tmp_path) == []
