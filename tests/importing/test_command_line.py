"""`negotiations-gui import-csv IN.csv CASE --mapping NAME_OR_FILE.json`."""

import csv

import pytest

from negotiations_gui.cli import COMMANDS, main
from negotiations_gui.domain import CaseInfo
from negotiations_gui.importing import ColumnMapping, DayOrder, save_mapping
from negotiations_gui.store import CaseStore

MAPPING = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Parties"})


@pytest.fixture
def case_file(case_path):
    CaseStore.create(case_path, CaseInfo("CLI")).close()
    return case_path


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NEGOTIATIONS_GUI_CONFIG_DIR", str(tmp_path / "config"))


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_listed_as_a_command():
    assert "import-csv" in COMMANDS


def test_imports_with_a_mapping_file(tmp_path, case_file, capsys):
    mapping = tmp_path / "m.json"
    mapping.write_text(MAPPING.to_json(), "utf-8")
    data = _csv(tmp_path / "in.csv", [["Date", "Title", "Parties"],
                                      ["Aug 12, 2025", "Talks", "Egypt and Qatar"]])
    assert main(["import-csv", str(data), str(case_file), "--mapping", str(mapping)]) == 0
    err = capsys.readouterr().err
    assert "Imported 1 events" in err and "New parties: Egypt, Qatar" in err
    with CaseStore.open(case_file) as store:
        assert [e.date.iso for e in store.events()] == ["2025-08-12"]


def test_saved_mapping_by_name_and_reimport_is_refused_unless_again(
        tmp_path, case_file, config, capsys):
    save_mapping(MAPPING, "Spreadsheet")
    data = _csv(tmp_path / "in.csv", [["Date", "Title", "Parties"], ["2025", "T", ""]])
    args = ["import-csv", str(data), str(case_file), "--mapping", "Spreadsheet"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    assert "already imported" in capsys.readouterr().err
    assert main(args + ["--again"]) == 0
    with CaseStore.open(case_file) as store:
        assert store.counts()["events"] == 2


def test_bad_rows_refuse_with_a_report_first_100_then_a_count(tmp_path, case_file, config,
                                                              capsys):
    save_mapping(MAPPING, "m")
    rows = [["Date", "Title", "Parties"], ["2025-01-01", "good", ""]]
    rows += [[f"not a date {n}", "bad", ""] for n in range(150)]
    data = _csv(tmp_path / "in.csv", rows)
    before = case_file.read_bytes()
    assert main(["import-csv", str(data), str(case_file), "--mapping", "m"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "150 row(s) have problems; nothing was imported" in lines[0]
    assert lines[1].startswith("row 3, column 'Date': 'not a date 0'")
    assert len(lines) == 1 + 100 + 1
    assert lines[-1] == "... and 50 more problems."
    assert case_file.read_bytes() == before


def test_ambiguous_dates_follow_the_mapping_day_order(tmp_path, case_file, config):
    save_mapping(MAPPING, "ask")
    save_mapping(ColumnMapping(columns=MAPPING.columns, day_order=DayOrder.DAY_FIRST), "dmy")
    data = _csv(tmp_path / "in.csv", [["Date", "Title", "Parties"], ["12/08/2025", "T", ""]])
    assert main(["import-csv", str(data), str(case_file), "--mapping", "ask"]) == 1
    assert main(["import-csv", str(data), str(case_file), "--mapping", "dmy"]) == 0
    with CaseStore.open(case_file) as store:
        assert store.events()[0].date.iso == "2025-08-12"


@pytest.mark.parametrize("problem, message", [
    ("mapping", "no mapping file or saved mapping named"),
    ("empty", "the file is empty"),
    ("binary", "not a text file"),
    ("columns", "no column 'Parties'"),
])
def test_unusable_inputs_exit_1_with_one_line(tmp_path, case_file, config, capsys,
                                              problem, message):
    save_mapping(MAPPING, "m")
    data = tmp_path / "in.csv"
    data.write_bytes({"empty": b"", "binary": b"\x00\x01\x02PK" * 50}.get(
        problem, b"Date,Title\n2025,x\n"))
    mapping = "absent" if problem == "mapping" else "m"
    assert main(["import-csv", str(data), str(case_file), "--mapping", mapping]) == 1
    assert message in capsys.readouterr().err


def test_case_file_problems_use_the_common_message(tmp_path, config, capsys):
    save_mapping(MAPPING, "m")
    data = _csv(tmp_path / "in.csv", [["Date", "Title", "Parties"], ["2025", "T", ""]])
    not_a_case = tmp_path / "notes.txt"
    not_a_case.write_text("hello")
    assert main(["import-csv", str(data), str(not_a_case), "--mapping", "m"]) == 1
    assert "not a case file" in capsys.readouterr().err
