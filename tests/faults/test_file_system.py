"""Read-only folders, full disks, pipes and immutable files: a message, never a traceback or a
hang, and nothing left beside the case (issue 12). Full and read-only disks are real: small
tmpfs mounts."""

import os
import subprocess

import pytest

from negotiations_gui.store import CaseStore, NotACaseFile

from .helpers import case_document, case_summary, run_cli, write_document


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "case.nego"
    done = run_cli("import-json", write_document(tmp_path / "in.json",
                                                 case_document("Sound", 200)), target)
    assert done.returncode == 0, done.stderr
    return target


def _fill(folder):
    """Fill the disk under `folder` to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def _remount_read_only(folder):
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_import_and_export_into_a_read_only_folder_say_so(small_disk, case, tmp_path):
    _remount_read_only(small_disk)
    for args in (["import-json", case.parent / "in.json", small_disk / "new.nego"],
                 ["export-json", case, small_disk / "out.json"]):
        done = run_cli(*args)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "read-only" in done.stderr and str(small_disk) in done.stderr
    assert os.listdir(small_disk) == []


def test_reading_a_case_on_a_full_disk_exports_it(small_disk, case, tmp_path):
    on_disk = small_disk / "case.nego"
    on_disk.write_bytes(case.read_bytes())
    _fill(small_disk)
    out = tmp_path / "out.json"
    done = run_cli("export-json", on_disk, out)
    assert done.returncode == 0, done.stderr
    assert '"title": "Sound"' in out.read_text(encoding="utf-8")
    pdf = run_cli("export-pdf", on_disk, "--as-of", "2025-08", "-o", tmp_path / "grid.pdf")
    assert pdf.returncode == 0, pdf.stderr
    assert sorted(os.listdir(small_disk)) == ["case.nego", "filler"]  # no -wal/-shm left


def test_exporting_onto_a_full_disk_says_the_disk_is_full(small_disk, case):
    _fill(small_disk)
    done = run_cli("export-json", case, small_disk / "out.json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "disk is full" in done.stderr
    assert sorted(os.listdir(small_disk)) == ["filler"]


def test_a_pipe_given_as_a_case_is_refused_at_once(tmp_path):
    fifo = tmp_path / "case.nego"
    os.mkfifo(fifo)
    with pytest.raises(NotACaseFile, match="a pipe"):
        CaseStore.open(fifo)  # would wait forever for a writer if it were opened
    done = run_cli("export-json", fifo, tmp_path / "out.json", timeout=60)
    assert done.returncode == 1 and "a pipe (FIFO), not a file" in done.stderr


def test_an_immutable_case_is_read_without_leaving_files_beside_it(case, tmp_path):
    if subprocess.run(["chattr", "+i", str(case)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("chattr +i is not supported here (needs root and ext4/xfs)")
    try:
        with CaseStore.open(case) as store:
            assert store.read_only
            assert case_summary(case) == ("Sound", 200)
            assert len(store.export_data().events) == 200
        done = run_cli("export-json", case, tmp_path / "out.json")
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["case.nego", "in.json", "out.json"]
    finally:
        subprocess.run(["chattr", "-i", str(case)], check=True)
