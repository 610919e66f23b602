"""Two import-json runs to one target: exactly one wins, whole (issue 12, item 2)."""

import pytest

from .helpers import case_document, case_summary, finish, start_cli, wait_until, write_document


@pytest.mark.parametrize("stagger", ["together", "second starts while the first writes"])
def test_exactly_one_of_two_imports_wins(tmp_path, stagger):
    a = write_document(tmp_path / "A.json", case_document("Case A", 3000))
    b = write_document(tmp_path / "B.json", case_document("Case B", 3000))
    target = tmp_path / "case.nego"
    first = start_cli("import-json", a, target)
    if stagger != "together":
        wait_until((tmp_path / "case.nego.lock").exists, what="the first import")
    second = start_cli("import-json", b, target)
    results = {"Case A": finish(first), "Case B": finish(second)}

    winners = [title for title, (code, _, _) in results.items() if code == 0]
    assert len(winners) == 1, results
    (loser,) = set(results) - set(winners)
    code, _, err = results[loser]
    assert code == 1
    assert "Traceback" not in err
    assert "being written by negotiations-gui import-json" in err or "already exists" in err, err
    assert str(target) in err
    assert case_summary(target) == (winners[0], 3000)  # the winner's case, whole
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["A.json", "B.json", "case.nego"]
