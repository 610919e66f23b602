"""The command line: version, and JSON export/import with no window."""

import json

import pytest

from negotiations_gui import __version__
from negotiations_gui.cli import main
from negotiations_gui.demo import demo_copy
from negotiations_gui.store import CaseStore


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_export_then_import_json(tmp_path):
    case = demo_copy(tmp_path)
    out = tmp_path / "demo.json"
    assert main(["export-json", str(case), str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["case"]["title"].startswith("Gaza")
    target = tmp_path / "imported.nego"
    assert main(["import-json", str(out), str(target)]) == 0
    with CaseStore.open(target) as store:
        assert len(store.positions()) == len(doc["positions"])


def test_bad_input_is_one_clear_line_and_status_1(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "negotiations-case", "format_version": 1, '
                   '"parties": [{"id": "nope", "name": "X", "role": "principal"}]}')
    assert main(["import-json", str(bad), str(tmp_path / "x.nego")]) == 1
    err = capsys.readouterr().err
    assert "parties[0].id" in err and "not a UUID" in err and "Traceback" not in err
    assert not (tmp_path / "x.nego").exists()


def test_export_of_a_non_case(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert main(["export-json", str(text), str(tmp_path / "o.json")]) == 1
    assert "not a case file" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


def test_changes_made_on_the_command_line_name_the_analyst(tmp_path, monkeypatch):
    case = demo_copy(tmp_path)
    out = tmp_path / "demo.json"
    assert main(["export-json", str(case), str(out)]) == 0
    target = tmp_path / "imported.nego"
    assert main(["--author", "R. Cohen", "import-json", str(out), str(target)]) == 0
    with CaseStore.open(target) as store:
        (revision,) = store.revisions(store.positions()[0].id)
    assert (revision.what, revision.author, revision.note) == ("import", "R. Cohen", "demo.json")
    monkeypatch.setenv("NEGOTIATIONS_GUI_AUTHOR", "A. Levi")
    from negotiations_gui.store.revisions import set_session_author

    set_session_author("")
    again = tmp_path / "again.nego"
    assert main(["import-json", str(out), str(again)]) == 0
    with CaseStore.open(again) as store:
        assert store.revisions(store.positions()[0].id)[0].author == "A. Levi"
