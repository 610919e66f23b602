"""A killed import-json never leaves anything the next import takes for its own (issue 12, 1)."""

import shutil
import sqlite3

from .helpers import (
    case_document,
    case_summary,
    kill9,
    partial_files,
    record_count,
    run_cli,
    start_cli,
    wait_until,
    write_document,
)


def test_a_killed_import_does_not_poison_the_next(tmp_path):
    a = write_document(tmp_path / "A.json", case_document("Case A", 20_000))
    b_doc = case_document("Case B", 1)
    b = write_document(tmp_path / "B.json", b_doc)
    target = tmp_path / "case.nego"

    first = start_cli("import-json", a, target)
    # Kill it after its one transaction committed to the -wal, while the
    # checkpoint copies the pages into the temporary case (the main file grows
    # past its first megabyte with the -wal still beside it): the state that
    # used to be replayed into the next import's file.
    wait_until(lambda: _checkpointing(tmp_path), what="the import's checkpoint")
    kill9(first)
    assert not target.exists()

    second = run_cli("import-json", b, target)
    assert second.returncode == 0, second.stderr
    assert f"Imported {record_count(b_doc)} records" in second.stderr
    assert case_summary(target) == ("Case B", 1)  # B's data alone, none of A's 20,000


def _checkpointing(folder):
    names = {p.name: p for p in partial_files(folder, "case.nego")}
    try:
        return any(name + "-wal" in names and path.stat().st_size > 1_000_000
                   for name, path in names.items() if not name.endswith(("-wal", "-shm")))
    except FileNotFoundError:
        return False


def test_an_orphaned_wal_beside_the_name_is_not_replayed(tmp_path):
    """A -wal left beside a case that was deleted since (a kill, then the user deleting the
    half-made file) must not be taken for the new case's."""
    old = tmp_path / "old.nego"
    assert run_cli("import-json", write_document(tmp_path / "A.json",
                                                 case_document("Case A", 300)), old).returncode == 0
    holder = sqlite3.connect(old)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("UPDATE case_info SET title = 'Poison'")
    holder.execute("INSERT INTO events (n) SELECT n FROM events WHERE 0")
    holder.commit()
    target = tmp_path / "case.nego"
    shutil.copy(f"{old}-wal", f"{target}-wal")  # a committed -wal whose database is gone
    holder.close()

    done = run_cli("import-json", write_document(tmp_path / "B.json",
                                                 case_document("Case B", 2)), target)
    assert done.returncode == 0, done.stderr
    assert case_summary(target) == ("Case B", 2)
