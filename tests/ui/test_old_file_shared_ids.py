"""An m005-era file whose party, issue and position share one id opens in the window
(issue 16: its upgrade used to fail on the revision log's key)."""

import sqlite3

from negotiations_gui.domain import PartialDate
from negotiations_gui.ui.grid.roles import GridRole

from ..store.test_migration_shared_ids import _m005_file


def test_the_window_opens_it_after_a_backup_and_shows_the_position(make_window, tmp_path,
                                                                   answers):
    path = tmp_path / "old.nego"
    _m005_file(path, "x")
    window = make_window()
    assert window.open_case(path), answers.warnings
    assert not answers.warnings
    assert window.store.backup_path is not None and window.store.backup_path.exists()
    window.state.set_as_of(PartialDate.parse("2025-09-01"))
    cell = window.grid_pane.model.index_of("x", "x")
    assert cell.data(GridRole.SUMMARY) == "Old"
    assert sqlite3.connect(window.store.backup_path).execute(
        "SELECT count(*) FROM positions").fetchone()[0] == 1
