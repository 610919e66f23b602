"""Disputed cells (issue 16): two analysts' different positions for one party, issue
and date, arriving by a merge, mark the cell until one is kept; keeping one is one
undoable change."""

from PySide6.QtCore import Qt

from negotiations_gui.domain import PartialDate, Position, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.grid import menus
from negotiations_gui.ui.grid.roles import GridRole

D = PartialDate.parse
DAY = "2025-08-22"


def _merge_two_analysts(window, tmp_path):
    """Two copies of the demo: R. Cohen and A. Levi each record Hamas on hostages, 22 Aug."""
    store = window.store
    hamas = next(p for p in store.parties() if p.name == "Hamas")
    hostages = next(i for i in store.issues() if i.name == "Hostages")
    other = tmp_path / "levi.nego"
    store.save_copy(other)
    store.author = "R. Cohen"
    store.add_position(Position(hamas.id, hostages.id, D(DAY), Stance.REJECTS,
                                "No partial deal"))
    with CaseStore.open(other) as theirs:
        theirs.author = "A. Levi"
        theirs.add_position(Position(hamas.id, hostages.id, D(DAY), Stance.CONDITIONAL,
                                     "A phased release if the war ends"))
    window.state.notify_changed({"positions"})
    window.state.set_as_of(D(DAY))
    window.merging.merge_case(other)
    window.merging.dialog.accept()
    return hamas, hostages


def test_merged_rival_positions_dispute_the_cell_until_one_is_kept(make_window, tmp_path,
                                                                   answers):
    window = make_window()
    assert window.open_demo()
    hamas, hostages = _merge_two_analysts(window, tmp_path)
    grid = window.grid_pane

    def cell():
        return grid.model.index_of(hamas.id, hostages.id)

    assert cell().data(GridRole.DISPUTED) is True
    tooltip = cell().data(Qt.ItemDataRole.ToolTipRole)
    assert "R. Cohen records Rejects (“No partial deal”)" in tooltip
    assert "A. Levi records Conditional" in tooltip
    assert "disputed" in cell().data(Qt.ItemDataRole.AccessibleTextRole)
    # every other cell of the demo is undisputed
    assert [c.party.name for c in grid.model.snapshot.disputed_cells] == ["Hamas"]

    window.state.select("position", cell().data(GridRole.POSITION_ID))
    assert ("Disputed — analysts disagree: A. Levi: ≈ Conditional; R. Cohen: ✘ Rejects"
            in visible(window.inspector.text()))
    menu = menus.cell_menu(grid, cell())
    choices = [a.text() for a in menu.actions() if a.text().startswith("Keep")]
    assert choices == ["Keep A. Levi’s position (≈ Conditional)",
                       "Keep R. Cohen’s position (✘ Rejects)"]
    next(a for a in menu.actions() if a.text().startswith("Keep A. Levi")).trigger()
    assert cell().data(GridRole.DISPUTED) is False
    assert cell().data(GridRole.SUMMARY) == "A phased release if the war ends"
    assert window.undo_stack.undoText() == "Keep A. Levi’s position"

    window.undo()
    assert cell().data(GridRole.DISPUTED) is True
    window.redo()
    assert cell().data(GridRole.DISPUTED) is False
    kept = [p for p in window.store.positions() if p.date == D(DAY)
            and p.party_id == hamas.id and p.issue_id == hostages.id]
    assert [p.stance for p in kept] == [Stance.CONDITIONAL]


def test_one_analysts_two_stances_on_a_day_are_not_a_dispute(window):
    from negotiations_gui.domain import Party

    store = window.store
    hamas = store.add_party(Party("Hamas"))
    hostages = store.issues()[0]
    for stance in (Stance.REJECTS, Stance.CONDITIONAL):
        store.add_position(Position(hamas.id, hostages.id, D(DAY), stance))
    snapshot = store.grid_snapshot(D(DAY))
    assert snapshot.disputed_cells == []


def test_the_grid_pdf_says_the_cell_is_disputed_and_by_whom(make_window, tmp_path, answers):
    import io

    import pypdf

    from negotiations_gui.export import Paper
    from negotiations_gui.export.document import pdf_bytes

    window = make_window()
    assert window.open_demo()
    _merge_two_analysts(window, tmp_path)
    document = window.export_actions._snapshot(Paper.A4)
    text = " ".join(page.extract_text() for page in
                    pypdf.PdfReader(io.BytesIO(pdf_bytes(document))).pages)
    text = " ".join(text.split())
    assert "Disputed: A. Levi" in text and "R. Cohen" in text
