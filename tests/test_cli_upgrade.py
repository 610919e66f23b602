"""The command line says it is updating an older case file instead of sitting silent."""

from negotiations_gui.cli import main
from negotiations_gui.store import SCHEMA_VERSION

from .old_case import contents, digest, old_case


def test_a_command_reading_an_old_file_says_it_updates_a_copy_in_memory(tmp_path, capsys):
    path = old_case(tmp_path / "old.nego", events=5)
    before = digest(path)
    assert main(["export-json", str(path), str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert f"Reading {path}, saved by an older version" in err and "not changed" in err
    assert digest(path) == before


def test_a_command_writing_an_old_file_says_it_updates_it(tmp_path, capsys):
    path = old_case(tmp_path / "old.nego", events=5)
    other = old_case(tmp_path / "other.nego", events=3)
    assert main(["merge", str(path), str(other)]) in (0, 1)
    err = capsys.readouterr().err
    assert f"Updating {path} to the new format" in err
    assert contents(path)[0] == SCHEMA_VERSION
