"""Which cells are disputed: analysts' different stances for one party, issue and date."""

from negotiations_gui.domain import Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.disputes import settle, unsettle
from negotiations_gui.store.merge import apply_merge, plan_from_file

from .helpers import d, two_principals


def _merged(store, tmp_path, mine, theirs):
    """`mine` recorded here by R. Cohen, `theirs` in a copy by A. Levi, then merged:
    each a list of (date, stance) for Israel on the first issue."""
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    other = tmp_path / "levi.nego"
    store.save_copy(other)
    store.author = "R. Cohen"
    for day, stance in mine:
        store.add_position(Position(israel.id, issue.id, d(day), stance))
    with CaseStore.open(other) as copy:
        copy.author = "A. Levi"
        for day, stance in theirs:
            copy.add_position(Position(israel.id, issue.id, d(day), stance))
    apply_merge(store, plan_from_file(store, other))
    return israel, issue


def test_other_stance_same_day_other_analyst_is_disputed_and_settled(store, tmp_path):
    israel, issue = _merged(store, tmp_path, [("2025-08-12", Stance.REJECTS)],
                            [("2025-08-12", Stance.ACCEPTS)])
    cell = store.grid_snapshot(d("2025-08-20")).cell(israel.id, issue.id)
    assert [(r.who, r.position.stance) for r in cell.rivals] == [
        ("A. Levi", Stance.ACCEPTS), ("R. Cohen", Stance.REJECTS)]
    levi, cohen = cell.rivals
    removed = settle(store, cohen, [levi])
    assert not store.grid_snapshot(d("2025-08-20")).cell(israel.id, issue.id).disputed
    unsettle(store, removed)
    assert store.grid_snapshot(d("2025-08-20")).cell(israel.id, issue.id).disputed
    # before that date the cell shows nothing, so nothing is disputed
    assert store.grid_snapshot(d("2025-08-11")).disputed_cells == []


def test_agreement_or_another_day_is_no_dispute(store, tmp_path):
    _merged(store, tmp_path,
                [("2025-08-12", Stance.REJECTS), ("2025-08-14", Stance.OFFERS)],
                [("2025-08-12", Stance.REJECTS), ("2025-08-13", Stance.ACCEPTS)])
    for day in ("2025-08-12", "2025-08-13", "2025-08-14"):
        assert store.grid_snapshot(d(day)).disputed_cells == [], day
