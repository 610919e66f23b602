"""`negotiations-gui export-pdf` and `export-brief`, with no window and no display."""

import io
import os
import subprocess
import sys

import pypdf
import pytest

from negotiations_gui.cli import main

from .conftest import MARKING


@pytest.fixture
def case_file(case):
    case.close()  # the commands open the file themselves, read-only
    return case.path


def test_export_pdf_writes_the_snapshot(case_file, tmp_path, capsys):
    out = tmp_path / "snapshot.pdf"
    code = main(["export-pdf", str(case_file), "--as-of", "2025-08-20", "--since", "2025-08-05",
                 "-o", str(out), "--paper", "letter"])
    assert code == 0
    reader = pypdf.PdfReader(out)
    text = reader.pages[0].extract_text().replace("\t", " ")
    assert "Positions as of 20 Aug 2025 (changes since 5 Aug 2025)" in text
    assert round(float(reader.pages[0].mediabox.width)) == 792
    assert "Exported the grid as of 20 Aug 2025" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["brief.md", "brief.pdf"])
def test_export_brief_writes_markdown_or_pdf_by_suffix(case_file, tmp_path, name):
    out = tmp_path / name
    assert main(["export-brief", str(case_file), "--as-of", "2025-08-20",
                 "--since", "2025-08-05", "-o", str(out)]) == 0
    if name.endswith(".md"):
        text = out.read_text(encoding="utf-8")
    else:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages).replace("\t", " ")
    assert MARKING in text and "Position changes" in text


@pytest.mark.parametrize("argv, complaint", [
    (["--as-of", "2025-08-20", "--since", "2025-08-05", "-o", "brief.txt"], "must end in"),
    (["--as-of", "2025-08-01", "--since", "2025-08-05", "-o", "brief.md"], "is after --as-of"),
    (["--as-of", "2025-02-30", "--since", "2025-01", "-o", "brief.md"], "has no day 30"),
    (["--as-of", "2025-08-20", "-o", "brief.md"], "--since"),
])
def test_export_brief_refuses_bad_arguments(case_file, tmp_path, capsys, argv, complaint):
    with pytest.raises(SystemExit) as exit_info:
        main(["export-brief", str(case_file), *argv])
    assert exit_info.value.code == 2
    assert complaint in capsys.readouterr().err
    assert not (tmp_path / "brief.md").exists()


def test_an_unwritable_target_exits_1_with_one_line(case_file, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "snapshot.pdf"
    assert main(["export-pdf", str(case_file), "--as-of", "2025-08-20", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("negotiations-gui: ") and "folder does not exist" in err
    assert not out.parent.exists()


def test_runs_with_no_display_and_no_platform_set(case_file, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "headless.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "negotiations_gui.cli", "export-pdf", str(case_file),
         "--as-of", "2025-08-20", "-o", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
