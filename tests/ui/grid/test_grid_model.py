"""The grid model: as-of semantics, change marks, gaps, transposition, hiding, copying."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import Gap, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.ui.grid.model import GAP_HEADER, GridRole, PositionGridModel

from .helpers import analyst_view, d

H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


def model_as_of(store, as_of, since=None, model=None):
    model = model or PositionGridModel()
    model.set_snapshot(store.grid_snapshot(d(as_of), d(since) if since else None))
    return model


def cell(model, party, issue, role=GridRole.STANCE):
    # callers pass the model in a variable or expression that lives through this call
    index = model.index_of(party.id, issue.id)
    assert index.isValid()
    return index.data(role)


def test_passes_qtmodeltester(qtmodeltester, grid_case, source_b2):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS, source_ids=(source_b2.id,))
    c.add(c.hamas, c.hostages, "2025-08-12", Stance.CONDITIONAL)
    model = model_as_of(c.store, "2025-08-20", since="2025-08-05")
    qtmodeltester.check(model)
    model.set_transposed(True)
    qtmodeltester.check(model)
    model.set_party_hidden(c.egypt.id, True)
    qtmodeltester.check(model)


def test_passes_qtmodeltester_when_empty(qtmodeltester):
    qtmodeltester.check(PositionGridModel())


def test_rows_are_issues_in_case_order_and_columns_principals_first_then_gap(grid_case):
    c = grid_case
    model = model_as_of(c.store, "2025-08-20")
    issue_names = [i.name for i in c.store.issues()]
    assert [model.headerData(r, V) for r in range(model.rowCount())] == issue_names
    headers = [model.headerData(col, H) for col in range(model.columnCount())]
    assert headers == ["ISR", "HAM", "EGY", "TUR", GAP_HEADER]
    groups = [model.headerData(col, H, GridRole.GROUP) for col in range(model.columnCount())]
    assert groups == ["Principals", "Principals", "Mediators", "Guarantors", ""]
    starts = [model.index(0, col).data(GridRole.GROUP_START) for col in range(5)]
    assert starts == [False, False, True, True, True]


def test_as_of_shows_latest_position_on_or_before_the_date(grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    c.add(c.israel, c.hostages, "2025-08-10", Stance.REJECTS)
    assert cell(model_as_of(c.store, "2025-07-31"), c.israel, c.hostages) is None
    assert cell(model_as_of(c.store, "2025-08-01"), c.israel, c.hostages) == "offers"
    assert cell(model_as_of(c.store, "2025-08-09"), c.israel, c.hostages) == "offers"
    assert cell(model_as_of(c.store, "2025-08-10"), c.israel, c.hostages) == "rejects"


def test_month_precision_position_counts_from_the_first_of_its_month(grid_case):
    c = grid_case
    c.add(c.hamas, c.prisoners, "2025-07-20", Stance.DEMANDS)
    c.add(c.hamas, c.prisoners, "2025-08", Stance.CONDITIONAL, "some time in August")
    assert cell(model_as_of(c.store, "2025-07-31"), c.hamas, c.prisoners) == "demands"
    assert cell(model_as_of(c.store, "2025-08-01"), c.hamas, c.prisoners) == "conditional"
    assert cell(model_as_of(c.store, "2025-08-01"), c.hamas, c.prisoners,
                GridRole.DATE_TEXT) == "Aug 2025"


def test_day_position_later_in_the_month_wins_over_the_month_position(grid_case):
    c = grid_case
    c.add(c.hamas, c.prisoners, "2025-08", Stance.CONDITIONAL)
    c.add(c.hamas, c.prisoners, "2025-08-15", Stance.ACCEPTS)
    assert cell(model_as_of(c.store, "2025-08-14"), c.hamas, c.prisoners) == "conditional"
    assert cell(model_as_of(c.store, "2025-08-15"), c.hamas, c.prisoners) == "accepts"
    # as of the month itself: to the end of August, so the day position is in
    assert cell(model_as_of(c.store, "2025-08"), c.hamas, c.prisoners) == "accepts"


def test_same_day_tie_goes_to_the_position_recorded_last(grid_case):
    c = grid_case
    c.add(c.israel, c.prisoners, "2025-08-10", Stance.OFFERS, "morning")
    later = c.add(c.israel, c.prisoners, "2025-08-10", Stance.RED_LINE, "evening")
    model = model_as_of(c.store, "2025-08-10")
    assert cell(model, c.israel, c.prisoners, GridRole.POSITION_ID) == later.id
    assert cell(model, c.israel, c.prisoners, GridRole.SUMMARY) == "evening"


def test_empty_cell_differs_from_recorded_unclear(grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.UNCLEAR, "not reported")
    model = model_as_of(c.store, "2025-08-20")
    assert cell(model, c.israel, c.hostages, GridRole.KIND) == "position"
    assert cell(model, c.israel, c.hostages, GridRole.STANCE_TEXT) == "? Unclear"
    assert cell(model, c.hamas, c.hostages, GridRole.KIND) == "empty"
    assert cell(model, c.hamas, c.hostages, GridRole.STANCE_TEXT) == "No recorded position"
    assert cell(model, c.hamas, c.hostages, Qt.ItemDataRole.DisplayRole) == "No recorded position"


def test_cell_shows_stance_word_summary_date_and_best_source(grid_case, source_b2, source_c3):
    c = grid_case
    c.add(c.hamas, c.disarmament, "2025-08-12", Stance.RED_LINE, "Will not disarm",
          source_ids=(source_c3.id, source_b2.id))
    model = model_as_of(c.store, "2025-08-20")
    assert cell(model, c.hamas, c.disarmament, GridRole.STANCE_TEXT) == "⛔ Red line"
    assert cell(model, c.hamas, c.disarmament, GridRole.SUMMARY) == "Will not disarm"
    assert cell(model, c.hamas, c.disarmament, GridRole.DATE_TEXT) == "12 Aug 2025"
    assert cell(model, c.hamas, c.disarmament, GridRole.SOURCE_BADGE) == "B2"
    tooltip = cell(model, c.hamas, c.disarmament, Qt.ItemDataRole.ToolTipRole)
    assert "B2 — Usually reliable" in tooltip
    assert "Cable 12" in tooltip and "Press report" in tooltip
    assert tooltip.index("Cable 12") < tooltip.index("Press report")  # best grade first


def test_change_marks_between_compare_with_and_as_of(grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS)
    c.add(c.israel, c.hostages, "2025-08-12", Stance.CONDITIONAL)
    c.add(c.hamas, c.hostages, "2025-08-02", Stance.REJECTS)  # before the compare date
    c.add(c.egypt, c.hostages, "2025-08-11", Stance.OFFERS)  # new since
    c.add(c.turkey, c.hostages, "2025-08-25", Stance.OFFERS)  # after the as-of date
    model = model_as_of(c.store, "2025-08-20", since="2025-08-05")
    assert cell(model, c.israel, c.hostages, GridRole.CHANGED) is True
    assert cell(model, c.israel, c.hostages, GridRole.CHANGE_TEXT) == (
        "Demands, 1 Aug 2025 → Conditional, 12 Aug 2025")
    assert "Changed since 5 Aug 2025" in cell(model, c.israel, c.hostages,
                                              Qt.ItemDataRole.ToolTipRole)
    assert cell(model, c.hamas, c.hostages, GridRole.CHANGED) is False
    assert cell(model, c.egypt, c.hostages, GridRole.CHANGED) is True
    assert cell(model, c.egypt, c.hostages, GridRole.CHANGE_TEXT) == (
        "no recorded position → Offers, 11 Aug 2025")
    assert cell(model, c.israel, c.hostages, GridRole.CHANGE_TAG) == "CHANGED"
    assert cell(model, c.israel, c.hostages, GridRole.PREVIOUS_TEXT) == "was ! Demands, 1 Aug 2025"
    assert cell(model, c.egypt, c.hostages, GridRole.CHANGE_TAG) == "NEW"
    assert cell(model, c.hamas, c.hostages, GridRole.CHANGE_TAG) == ""
    assert cell(model, c.hamas, c.hostages, GridRole.PREVIOUS_TEXT) == ""
    assert cell(model, c.turkey, c.hostages, GridRole.CHANGED) is False
    # no compare-with date: nothing is marked
    plain = model_as_of(c.store, "2025-08-20")
    assert cell(plain, c.israel, c.hostages, GridRole.CHANGED) is False


def test_changes_only_dims_unchanged_cells(qtbot, grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-12", Stance.CONDITIONAL)
    c.add(c.hamas, c.hostages, "2025-08-02", Stance.REJECTS)
    model = model_as_of(c.store, "2025-08-20", since="2025-08-05")
    assert not cell(model, c.hamas, c.hostages, GridRole.DIMMED)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_changes_only(True)
    assert GridRole.DIMMED in blocker.args[2]
    assert cell(model, c.hamas, c.hostages, GridRole.DIMMED) is True
    assert cell(model, c.turkey, c.prisoners, GridRole.DIMMED) is True  # empty, unchanged
    assert cell(model, c.israel, c.hostages, GridRole.DIMMED) is False
    gap = model.index_of(None, c.hostages.id)
    assert gap.data(GridRole.DIMMED) is True  # no gap readings then given: none moved


def test_gap_column_is_derived_from_principals_only(grid_case):
    c = grid_case
    c.add(c.israel, c.prisoners, "2025-08-01", Stance.OFFERS)
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.DEMANDS)
    c.add(c.egypt, c.prisoners, "2025-08-01", Stance.REJECTS)  # a mediator: does not count
    model = model_as_of(c.store, "2025-08-20")
    gap = model.index_of(None, c.prisoners.id)
    assert gap.data(GridRole.KIND) == "gap"
    assert gap.data(GridRole.GAP) == "narrowing"
    assert gap.data(GridRole.GAP_BY_ANALYST) is False
    assert gap.data(Qt.ItemDataRole.DisplayRole) == "◐ Narrowing"
    unknown = model.index_of(None, c.hostages.id)
    assert unknown.data(GridRole.GAP) == "unknown"


def test_analyst_assessment_wins_and_is_shown_as_the_analysts(grid_case):
    c = grid_case
    c.add(c.israel, c.disarmament, "2025-08-01", Stance.OFFERS)
    c.add(c.hamas, c.disarmament, "2025-08-01", Stance.CONDITIONAL)
    analyst_view(c.store, c.disarmament, "2025-08-15", Gap.WIDE, "Talks stalled on sequencing")
    before_model = model_as_of(c.store, "2025-08-14")  # an index needs its model alive
    before = before_model.index_of(None, c.disarmament.id)
    assert before.data(GridRole.GAP) == "narrowing"
    after_model = model_as_of(c.store, "2025-08-20")
    after = after_model.index_of(None, c.disarmament.id)
    assert after.data(GridRole.GAP) == "wide"
    assert after.data(GridRole.GAP_BY_ANALYST) is True
    assert after.data(GridRole.GAP_NOTE) == "Talks stalled on sequencing"
    assert after.data(Qt.ItemDataRole.DisplayRole) == "○ Wide (analyst)"
    assert after.data(GridRole.GAP_LABEL) == "○ Wide"
    tooltip = after.data(Qt.ItemDataRole.ToolTipRole)
    assert "Analyst&#x27;s assessment, 15 Aug 2025" in tooltip
    assert "stance rule alone would say: narrowing" in tooltip


def test_transposed_puts_parties_down_and_issues_across(qtbot, grid_case):
    c = grid_case
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.ACCEPTS)
    model = model_as_of(c.store, "2025-08-20")
    with qtbot.waitSignal(model.modelReset):
        model.set_transposed(True)
    assert model.rowCount() == 5 and model.columnCount() == 6
    assert [model.headerData(r, V) for r in range(5)] == ["ISR", "HAM", "EGY", "TUR", GAP_HEADER]
    assert model.headerData(0, H) == "Hostages"
    index = model.index_of(c.hamas.id, c.prisoners.id)
    assert (index.row(), index.column()) == (1, 1)
    assert index.data(GridRole.STANCE) == "accepts"
    assert model.index_of(None, c.prisoners.id).row() == 4
    assert model.party_orientation() == V
    model.set_transposed(False)
    index = model.index_of(c.hamas.id, c.prisoners.id)
    assert (index.row(), index.column()) == (1, 1)
    assert model.index_of(None, c.prisoners.id).column() == 4


@pytest.mark.parametrize("transposed", [False, True])
def test_hide_and_show_a_party(qtbot, grid_case, transposed):
    c = grid_case
    model = model_as_of(c.store, "2025-08-20")
    model.set_transposed(transposed)
    removed = model.rowsRemoved if transposed else model.columnsRemoved
    inserted = model.rowsInserted if transposed else model.columnsInserted
    with qtbot.waitSignal(removed) as blocker:
        model.set_party_hidden(c.hamas.id, True)
    assert blocker.args[1:] == [1, 1]
    assert [p.name for p in model.visible_parties] == ["Israel", "Egypt", "Turkey"]
    assert not model.index_of(c.hamas.id, c.hostages.id).isValid()
    with qtbot.waitSignal(inserted) as blocker:
        model.set_party_hidden(c.hamas.id, False)
    assert blocker.args[1:] == [1, 1]
    assert [p.name for p in model.visible_parties] == ["Israel", "Hamas", "Egypt", "Turkey"]


def test_hide_and_show_an_issue_keeps_the_case_order(qtbot, grid_case):
    c = grid_case
    model = model_as_of(c.store, "2025-08-20")
    with qtbot.waitSignal(model.rowsRemoved):
        model.set_issue_hidden(c.prisoners.id, True)
    assert c.prisoners.id not in [i.id for i in model.visible_issues]
    assert model.rowCount() == 5
    model.set_issue_hidden(c.hostages.id, True)
    model.set_issue_hidden(c.prisoners.id, False)
    assert [i.name for i in model.visible_issues][0] == "Prisoners"
    model.show_all()
    assert model.rowCount() == 6


def test_hidden_parties_stay_hidden_when_the_date_moves(grid_case):
    c = grid_case
    model = model_as_of(c.store, "2025-08-20")
    model.set_party_hidden(c.turkey.id, True)
    model_as_of(c.store, "2025-08-25", model=model)
    assert "Turkey" not in [p.name for p in model.visible_parties]


def test_new_date_updates_cells_in_place_without_reset(qtbot, grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.OFFERS)
    c.add(c.israel, c.hostages, "2025-08-10", Stance.REJECTS)
    model = model_as_of(c.store, "2025-08-05")
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model_as_of(c.store, "2025-08-12", model=model)
    assert resets == []
    assert cell(model, c.israel, c.hostages) == "rejects"


def test_copy_one_cell_reads_as_a_sentence(grid_case, source_b2):
    c = grid_case
    c.add(c.hamas, c.disarmament, "2025-08", Stance.RED_LINE, "Will not disarm",
          source_ids=(source_b2.id,))
    model = model_as_of(c.store, "2025-08-20")
    text = visible(model.text_for([model.index_of(c.hamas.id, c.disarmament.id)]))
    assert text == ("Hamas on Disarmament: ⛔ Red line: Will not disarm "
                    "(Aug 2025 (month only); best source B2)")


def test_copy_selection_is_a_tab_separated_table(grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS, "All of them")
    c.add(c.hamas, c.hostages, "2025-08-12", Stance.CONDITIONAL, "Some, in\nstages")
    model = model_as_of(c.store, "2025-08-20", since="2025-08-05")
    indexes = [model.index_of(p.id, c.hostages.id) for p in (c.hamas, c.israel)]
    indexes.append(model.index_of(None, c.hostages.id))
    lines = visible(model.text_for(indexes)).split("\n")
    assert lines[0] == "Issue\tIsrael\tHamas\tGap"
    row = lines[1].split("\t")
    assert row[0] == "Hostages"
    assert row[1] == "! Demands: All of them (1 Aug 2025)"
    assert row[2].startswith("≈ Conditional: Some, in stages (12 Aug 2025)")
    assert row[2].endswith("[changed: no recorded position → Conditional, 12 Aug 2025]")
    assert row[3] == "◐ Narrowing"
    assert len(lines) == 2


def test_user_text_is_returned_as_plain_strings(grid_case):
    c = grid_case
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS, "<b>bold</b> & <i>x</i>")
    model = model_as_of(c.store, "2025-08-20")
    assert cell(model, c.israel, c.hostages, GridRole.SUMMARY) == "<b>bold</b> & <i>x</i>"
    # Qt would render a tooltip that looks like HTML as rich text: it is escaped
    tooltip = cell(model, c.israel, c.hostages, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;" in tooltip
    assert "<b>" not in tooltip


def test_a_gap_that_moved_since_the_compare_date_is_marked(grid_case):
    c = grid_case
    c.add(c.israel, c.prisoners, "2025-08-01", Stance.DEMANDS)
    c.add(c.hamas, c.prisoners, "2025-08-01", Stance.REJECTS)
    c.add(c.hamas, c.prisoners, "2025-08-12", Stance.CONDITIONAL)
    c.add(c.israel, c.hostages, "2025-08-01", Stance.DEMANDS)
    c.add(c.hamas, c.hostages, "2025-08-01", Stance.REJECTS)
    model = PositionGridModel()
    then = c.store.grid_snapshot(d("2025-08-05"))
    model.set_snapshot(c.store.grid_snapshot(d("2025-08-20"), d("2025-08-05")), then.gaps)
    moved = model.index_of(None, c.prisoners.id)
    assert moved.data(GridRole.CHANGED) is True
    assert moved.data(GridRole.CHANGE_TAG) == "CHANGED"
    assert moved.data(GridRole.PREVIOUS_TEXT) == "was ○ Wide"
    assert moved.data(GridRole.CHANGE_TEXT) == "○ Wide → ◐ Narrowing"
    assert "Changed since 5 Aug 2025: ○ Wide → ◐ Narrowing" in moved.data(
        Qt.ItemDataRole.ToolTipRole)
    assert moved.data(Qt.ItemDataRole.DisplayRole) == (
        "◐ Narrowing [changed: ○ Wide → ◐ Narrowing]")
    still = model.index_of(None, c.hostages.id)
    assert still.data(GridRole.CHANGED) is False
    assert still.data(GridRole.CHANGE_TAG) == ""
    model.set_changes_only(True)
    assert still.data(GridRole.DIMMED) is True
    assert moved.data(GridRole.DIMMED) is False
    # without a compare-with date nothing is marked, whatever gaps are passed
    model.set_snapshot(c.store.grid_snapshot(d("2025-08-20")), then.gaps)
    assert model.index_of(None, c.prisoners.id).data(GridRole.CHANGED) is False
