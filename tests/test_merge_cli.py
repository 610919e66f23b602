"""`negotiations-gui merge` and `export-changes`: dry run, conflicts, exchange files."""

import dataclasses
import shutil

from negotiations_gui.cli import main
from negotiations_gui.demo import demo_copy
from negotiations_gui.store import CaseStore


def _two_copies(tmp_path):
    a = demo_copy(tmp_path)
    b = tmp_path / "colleague.nego"
    shutil.copyfile(a, b)
    return a, b


def _rename_first_event(path, title):
    with CaseStore.open(path) as store:
        event = store.events()[0]
        store.update_event(dataclasses.replace(event, title=title))
        return event.id


def test_dry_run_reports_and_writes_nothing_then_merge(tmp_path, capsys):
    a, b = _two_copies(tmp_path)
    event_id = _rename_first_event(b, "Renamed by a colleague")
    before = a.read_bytes()
    assert main(["merge", str(a), str(b), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 to change, 0 to delete, 0 conflict(s)" in out and "Dry run" in out
    assert a.read_bytes() == before
    assert main(["merge", str(a), str(b)]) == 0
    with CaseStore.open(a) as store:
        assert store.event(event_id).title == "Renamed by a colleague"
        assert store.revisions(event_id)[-1].what == "merge"
    assert main(["merge", str(a), str(b), "--dry-run"]) == 0  # nothing new the second time
    assert "0 change(s) this case has not seen" in capsys.readouterr().out


def test_conflicts_are_refused_without_a_choice(tmp_path, capsys):
    a, b = _two_copies(tmp_path)
    event_id = _rename_first_event(a, "Mine")
    _rename_first_event(b, "Theirs")
    assert main(["merge", str(a), str(b)]) == 1
    assert "conflict" in capsys.readouterr().err
    assert main(["merge", str(a), str(b), "--keep", "theirs"]) == 0
    with CaseStore.open(a) as store:
        assert store.event(event_id).title == "Theirs"


def test_an_exchange_file_merges_like_the_whole_file(tmp_path, capsys):
    a, b = _two_copies(tmp_path)
    assert main(["merge", str(a), str(b)]) == 0  # a now knows what b holds
    with CaseStore.open(b) as colleague:
        their_id = colleague.replica_id
    event_id = _rename_first_event(a, "Sent on a USB stick")
    exchange = tmp_path / "for-colleague.nego"
    assert main(["export-changes", str(a), "--since-merge-with", their_id,
                 "-o", str(exchange)]) == 0
    assert exchange.stat().st_size < a.stat().st_size
    assert main(["merge", str(b), str(exchange)]) == 0
    with CaseStore.open(b) as store:
        assert store.event(event_id).title == "Sent on a USB stick"
    assert main(["export-changes", str(a), "--since-merge-with", "no-such-copy",
                 "-o", str(tmp_path / "x.nego")]) == 1
    assert "never been merged" in capsys.readouterr().err
