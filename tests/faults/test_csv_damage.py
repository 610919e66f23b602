"""Damaged CSV files are reported row and column, never imported as if sound (issue 12).

Each file is written byte for byte in the test: an unbalanced quote, a file
cut inside a quoted cell, a zero byte past the first 64 KB, one bad byte in a
UTF-8 file. The command line must refuse (exit 1, nothing written) and name
the row and column; the plan must hold the problem so the dialog lists it.
"""

from pathlib import Path

import pytest

from negotiations_gui.domain import CaseInfo
from negotiations_gui.importing import ColumnMapping, plan_import, read_csv
from negotiations_gui.importing.command_line import import_csv_command
from negotiations_gui.importing.job import case_context
from negotiations_gui.store import CaseStore

MAPPING = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Parties"})


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.nego"
    CaseStore.create(path, CaseInfo("Damage")).close()
    return path


@pytest.fixture
def mapping_file(tmp_path):
    path = tmp_path / "mapping.json"
    path.write_text(MAPPING.to_json(), "utf-8")
    return path


def _write(tmp_path, data: bytes) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    return path


def _plan(path, mapping=MAPPING):
    with CaseStore.open(path.parent / "case.nego") as store:
        return plan_import(read_csv(path), mapping, case_context(store))


def _cli(path, case, mapping_file, capsys):
    status = import_csv_command([str(path), str(case), "--mapping", str(mapping_file)])
    with CaseStore.open(case) as store:
        counts = store.counts()
    return status, capsys.readouterr().err, counts


def test_an_unbalanced_quote_does_not_merge_rows_silently(tmp_path, case, mapping_file, capsys):
    data = (b"Date,Title,Parties\n"
            b'2025-08-01,"Talks in Cairo,Egypt\n'       # quote opened, never closed here
            b"2025-08-02,Doha round,Qatar\n"
            b'2025-08-03,"Rome",Italy\n'                # its opening quote closes the cell
            b"2025-08-04,Paris,France\n")
    path = _write(tmp_path, data)
    table = read_csv(path)
    assert len(table.rows) == 2  # the merged record, then Paris: nothing silently joined
    assert table.rows[1] == ("2025-08-04", "Paris", "France")
    [problem] = table.problems
    assert (problem.row, problem.column) == (2, "Title")
    assert "lines 2–4 were read as this one cell" in problem.problem
    assert not problem.fixable
    status, err, counts = _cli(path, case, mapping_file, capsys)
    assert status == 1 and counts["events"] == 0
    assert "row 2, column 'Title'" in err and "a quote is missing" in err


def test_text_after_a_closing_quote_is_a_problem(tmp_path):
    table = read_csv(_write(tmp_path, b'Date,Title\n2025,"Cairo" talks\n2026,Doha\n'))
    assert [(p.row, p.column) for p in table.problems] == [(2, "Title")]
    assert "“talks”" in table.problems[0].problem
    assert table.rows[1] == ("2026", "Doha")


def test_a_file_cut_inside_a_quoted_cell_is_reported(tmp_path, case, mapping_file, capsys):
    data = (b"Date,Title,Parties\n2025-08-01,Cairo,Egypt\n"
            b'2025-08-02,"Doha round, first day\nsecond da')  # the copy stopped here
    path = _write(tmp_path, data)
    plan = _plan(path)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Title")]
    assert "the file ends inside this quoted cell" in plan.problems[0].problem
    assert "line 3" in plan.problems[0].problem
    status, err, counts = _cli(path, case, mapping_file, capsys)
    assert status == 1 and counts["events"] == 0  # not "what came before, without a word"
    assert "row 3, column 'Title'" in err


def test_a_nul_byte_after_the_first_64_kib_is_a_problem(tmp_path, case, mapping_file, capsys):
    rows = b"".join(b"2025-08-01,Meeting %d,Egypt\n" % n for n in range(3000))
    assert len(rows) > 64 * 1024
    data = b"Date,Title,Parties\n" + rows + b"2025-08-02,Bad\x00title,Qatar\n"
    path = _write(tmp_path, data)
    plan = _plan(path)
    [problem] = plan.problems
    assert (problem.row, problem.column) == (3002, "Title")
    assert "zero byte" in problem.problem and problem.value == "Bad␀title"
    status, _, counts = _cli(path, case, mapping_file, capsys)
    assert status == 1 and counts["events"] == 0
    # the user types the value as it should read: the row then imports
    with CaseStore.open(case) as store:
        fixed = plan_import(read_csv(path), MAPPING, case_context(store),
                            fixes={(3002, "Title"): "Bad title"})
    assert fixed.ready and fixed.data.events[-1].title == "Bad title"


def test_one_bad_byte_in_utf8_stays_utf8_and_names_the_byte(tmp_path, case, mapping_file,
                                                             capsys):
    names = ["Türkiye", "Côte d’Ivoire", "São Tomé", "Česko", "Ελλάδα"] * 8
    lines = [f"2025-08-{1 + n % 28:02d},Visit {n},{name}" for n, name in enumerate(names)]
    data = ("Date,Title,Parties\n" + "\n".join(lines) + "\n").encode()
    data += b"2025-08-30,Caf\xe9 meeting,Egypt\n"  # one Windows-1252 byte in a UTF-8 file
    path = _write(tmp_path, data)
    table = read_csv(path)
    assert table.format.encoding == "utf-8"
    assert table.rows[0][2] == "Türkiye"  # the names are not turned to mojibake
    [problem] = table.problems
    assert (problem.row, problem.column) == (42, "Title")
    assert "0xE9" in problem.problem and "“é” in Windows-1252" in problem.problem
    status, err, counts = _cli(path, case, mapping_file, capsys)
    assert status == 1 and counts["events"] == 0
    assert "row 42, column 'Title'" in err and "0xE9" in err


def test_a_windows_1252_file_says_which_bytes_ruled_out_utf8(tmp_path):
    data = "Date,Title,Parties\n2025,Talks,Egypt\n2025,Café statement,Qatar\n".encode("cp1252")
    table = read_csv(_write(tmp_path, data))
    assert table.format.encoding == "cp1252"
    assert table.problems == ()
    assert "0xE9" in table.encoding_note and "row 3, column 'Title'" in table.encoding_note


def test_damage_in_a_column_the_import_does_not_read_does_not_block(tmp_path, case):
    data = b"Date,Title,Parties,Notes\n2025,Talks,Egypt,bad\x00note\n"
    plan = _plan(_write(tmp_path, data))
    assert plan.ready and len(plan.data.events) == 1
