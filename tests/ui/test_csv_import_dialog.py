"""The CSV import dialog: live preview, fixes and skips, new parties, worker thread,
cancel leaving the file untouched, one undo step, saved mappings."""

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from negotiations_gui.domain import CaseInfo, Party
from negotiations_gui.domain.bidi import visible
from negotiations_gui.importing import ColumnMapping, DayOrder, save_mapping
from negotiations_gui.store import CaseStore
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.csv_import import CsvImportDialog
from negotiations_gui.ui.csv_import.models import (
    FileRowsModel,
    NewPartyModel,
    PreviewModel,
    ProblemModel,
)

HEADER = ["Dat", "Agt", "Con", "Ce", "Notes"]


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NEGOTIATIONS_GUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def case(store):
    store.add_party(Party("Israel"))
    store.add_party(Party("Hamas"))
    return store


@pytest.fixture
def make_dialog(qtbot, case, answers):
    def make(path=None, **kwargs):
        state = CaseState()
        dialog = CsvImportDialog(case, state, **kwargs)
        qtbot.addWidget(dialog)
        if path is not None:
            assert dialog.open_file(path)
        return dialog
    return make


@pytest.fixture
def small_csv(tmp_path):
    return write_csv(tmp_path / "agreements.csv", [
        ["2025-08-12", "Cairo understanding", "Israel, Hamas and Egypt", "1", "multi\nline"],
        ["12/08/2025", "Doha round", "Qatar; hamas", "0", ""],
        ["Aug 2025", "Month only", "Israel", "1", ""],
    ])


def _import(qtbot, dialog):
    with qtbot.waitSignal(dialog.finished, timeout=60_000):
        dialog.start_import()


def test_file_is_read_mapping_suggested_and_preview_shows_problems(make_dialog, small_csv):
    dialog = make_dialog(small_csv)
    assert "UTF-8, comma-separated" in dialog.format_label.text()
    mapping = dialog.current_mapping()
    assert mapping.columns == {"date": "Dat", "title": "Agt", "parties": "Con",
                               "description": "Notes"}
    assert [(c.column, c.issue) for c in mapping.issue_columns] == [("Ce", "Ceasefire")]
    model = dialog.preview_model
    statuses = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert statuses == ["OK", "Problem", "OK"]
    problem = model.data(model.index(1, model.columnCount() - 1))
    assert "could be 12 Aug 2025 or 8 Dec 2025" in problem
    assert dialog.problem_model.rowCount() == 1
    assert [p.name for p in dialog.party_model._parties] == ["Egypt"]  # Qatar's row is bad
    assert "1 of 3 rows have problems" in dialog.status.text()


def test_choosing_the_day_order_clears_the_problem_live(make_dialog, small_csv):
    dialog = make_dialog(small_csv)
    assert "In this file" not in dialog.form.day_order_hint.text()
    dialog.form.day_order.setCurrentIndex(dialog.form.day_order.findData(DayOrder.DAY_FIRST.value))
    assert dialog.problem_model.rowCount() == 0
    assert "ready to import" in dialog.status.text()
    assert sorted(p.name for p in dialog.party_model._parties) == ["Egypt", "Qatar"]


def test_import_refuses_while_problems_remain_then_fix_and_import(
        qtbot, make_dialog, small_csv, case, answers):
    dialog = make_dialog(small_csv)
    _import_check_only = dialog.checked_plan
    assert _import_check_only is not None and not _import_check_only.ready
    with qtbot.waitSignal(dialog.problem_model.modelReset, timeout=60_000):
        dialog.start_import()
    qtbot.waitUntil(lambda: dialog._thread is None, timeout=60_000)
    assert case.counts()["events"] == 0
    assert "Nothing was imported" in dialog.status.text()
    # fix the value in the Problems tab, as the user would type it
    model = dialog.problem_model
    assert model.setData(model.index(0, ProblemModel.VALUE), "2025-08-12")
    assert dialog.fixes == {(3, "Dat"): "2025-08-12"}
    assert "Fixed" in model.data(model.index(0, 4))
    _import(qtbot, dialog)
    assert answers.asked
    assert "2 new parties will be created: Egypt, Qatar" in visible(answers.asked[-1])
    assert case.counts()["events"] == 3
    assert dialog.command is not None


def test_skip_all_rows_with_problems(qtbot, make_dialog, small_csv, case):
    dialog = make_dialog(small_csv)
    dialog.skip_all_button.click()
    assert dialog.skips == {3}
    model = dialog.problem_model
    assert model.data(model.index(0, ProblemModel.SKIP), Qt.CheckStateRole) == Qt.Checked
    _import(qtbot, dialog)
    assert [e.title for e in case.events()] == ["Month only", "Cairo understanding"]


def test_skip_box_in_the_problem_table(make_dialog, small_csv):
    dialog = make_dialog(small_csv)
    model = dialog.problem_model
    model.setData(model.index(0, ProblemModel.SKIP), Qt.Checked.value, Qt.CheckStateRole)
    assert dialog.skips == {3}
    assert "No problems" in dialog.status.text()
    dialog.unskip_button.click()
    assert dialog.skips == set()


def test_new_party_renamed_or_merged(qtbot, make_dialog, tmp_path, case):
    path = write_csv(tmp_path / "p.csv", [["2025", "A", "IDF, USA", "0", ""],
                                          ["2025", "B", "U.S.", "0", ""]])
    dialog = make_dialog(path)
    parties = dialog.party_model
    assert [p.name for p in parties._parties] == ["IDF", "USA", "U.S."]
    def becomes(name, text):
        row = [p.name for p in parties._parties].index(name)
        assert parties.setData(parties.index(row, NewPartyModel.BECOMES), text)

    becomes("IDF", "Israel")  # merge into an existing party
    becomes("USA", "United States")  # rename
    becomes("U.S.", "united states")  # merge into the renamed new party
    assert [p.name for p in parties._parties] == ["United States"]
    assert parties._parties[0].spellings == ["USA", "U.S."]
    _import(qtbot, dialog)
    names = sorted(p.name for p in case.parties())
    assert names == ["Hamas", "Israel", "United States"]
    israel = next(p.id for p in case.parties() if p.name == "Israel")
    assert israel in case.events()[0].party_ids


def test_import_is_one_undo_step(qtbot, make_dialog, small_csv, case):
    stack = QUndoStack()

    def push(command):  # as MainWindow.push does: apply, then stack
        command.apply()
        stack.push(command)

    dialog = make_dialog(small_csv, push=push)
    dialog.form.day_order.setCurrentIndex(dialog.form.day_order.findData(DayOrder.DAY_FIRST.value))
    before = case.export_data()
    changed = []
    dialog.state.dataChanged.connect(changed.append)
    _import(qtbot, dialog)
    assert stack.count() == 1 and "3 events" in stack.undoText()
    after_import = case.export_data()
    assert len(after_import.events) == 3 and len(after_import.positions) == 4
    stack.undo()
    assert case.export_data() == before
    stack.redo()
    assert case.counts()["events"] == 3 and case.counts()["positions"] == 4
    assert {"events", "positions"} <= changed[-1]


def test_reimport_of_the_same_file_is_asked_about(qtbot, make_dialog, small_csv, case,
                                                  answers):
    dialog = make_dialog(small_csv)
    dialog.skip_all_button.click()
    _import(qtbot, dialog)
    again = make_dialog(small_csv)
    assert "already imported into this case" in again.format_label.text()
    again.skip_all_button.click()
    answers.yes = False
    again.start_import()
    assert "was imported into this case" in answers.asked[-1]
    assert again._thread is None and case.counts()["events"] == 2


def test_cancel_leaves_the_case_byte_for_byte_untouched(qtbot, tmp_path, answers, monkeypatch):
    case_path = tmp_path / "cancel.nego"
    CaseStore.create(case_path, CaseInfo("Cancel")).close()
    with CaseStore.open(case_path):
        pass
    original = case_path.read_bytes()
    rows = [[f"2025-01-{1 + n % 28:02d}", f"E{n}", "A; B", "1", ""] for n in range(100_000)]
    path = write_csv(tmp_path / "big.csv", rows)
    store = CaseStore.open(case_path)
    try:
        dialog = CsvImportDialog(store, CaseState())
        qtbot.addWidget(dialog)
        dialog.open_file(path)
        assert "first 50 rows" in dialog.status.text()
        # press Cancel once part of the insert is done (its transaction is open)
        seen = []

        def cancel_when_inserting(value):
            if dialog._pending_insert is not None and value >= 700:  # 600 = check done
                seen.append(value)
                dialog.cancel_button.click()
        dialog.progress.valueChanged.connect(cancel_when_inserting)
        dialog.start_import()  # check runs on the worker; the window stays responsive
        assert not dialog.cancel_button.isHidden() and not dialog.import_button.isEnabled()
        qtbot.waitUntil(lambda: dialog._thread is None and dialog._pending_insert is None
                        and "Cancelled" in dialog.status.text(), timeout=120_000)
        assert answers.asked  # the confirmation was answered before the insert began
        assert seen and seen[0] < 1000  # cancelled part-way through the insert
        assert store.counts()["events"] == 0 and store.parties() == []
    finally:
        store.close()
    assert case_path.read_bytes() == original


def test_cancel_during_the_check(qtbot, tmp_path, make_dialog, case):
    rows = [["2025", f"E{n}", "", "0", ""] for n in range(30_000)]
    dialog = make_dialog(write_csv(tmp_path / "mid.csv", rows))
    dialog.progress.valueChanged.connect(lambda v: v > 0 and dialog.cancel_button.click())
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog._thread is None, timeout=60_000)
    assert "Cancelled" in dialog.status.text() and case.counts()["events"] == 0


def test_saved_mapping_is_offered_and_reloaded(qtbot, make_dialog, small_csv, tmp_path):
    dialog = make_dialog(small_csv)
    order = dialog.form.day_order
    order.setCurrentIndex(order.findData(DayOrder.MONTH_FIRST.value))
    dialog.party_names["Qatar"] = "State of Qatar"
    dialog.save_mapping_as("Agreements")
    assert "Mapping saved" in dialog.status.text()
    other = make_dialog()
    assert other.mapping_combo.findText("Agreements") > 0
    other.mapping_combo.setCurrentText("Agreements")
    assert other.open_file(small_csv)
    mapping = other.current_mapping()
    assert mapping.day_order is DayOrder.MONTH_FIRST
    assert mapping.party_names == {"Qatar": "State of Qatar"}
    assert mapping.columns["date"] == "Dat"


def test_positions_target_switches_the_fields(make_dialog, tmp_path, case):
    path = write_csv(tmp_path / "pos.csv", [["2025-08", "Israel", "Hostages", "demands", "x"]],
                     header=["Date", "Party", "Issue", "Stance", "Summary"])
    dialog = make_dialog(path)
    dialog.form.positions_radio.setChecked(True)
    assert dialog.current_mapping().columns == {
        "date": "Date", "party": "Party", "issue": "Issue", "stance": "Stance",
        "summary": "Summary"}
    model = dialog.preview_model
    assert model.data(model.index(0, 1)) == "OK"
    assert model.data(model.index(0, 5)) == "Demands"


def test_unreadable_file_and_missing_required_column(make_dialog, tmp_path):
    binary = tmp_path / "sheet.xlsx"
    binary.write_bytes(b"PK\x03\x04" + bytes(300))
    dialog = make_dialog()
    assert not dialog.open_file(binary)
    assert "not a text file" in dialog.format_label.text()
    assert not dialog.import_button.isEnabled()
    path = write_csv(tmp_path / "t.csv", [["x"]], header=["Something"])
    assert dialog.open_file(path)
    assert "choose a column for: Date, Title" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_user_text_is_plain_in_every_model(make_dialog, tmp_path):
    path = write_csv(tmp_path / "h.csv", [["2025", "<b>bold</b>", "<i>P</i>", "0", ""],
                                          ["nope", "<b>x</b>", "", "0", ""]])
    dialog = make_dialog(path)
    preview = dialog.preview_model
    assert preview.data(preview.index(0, 4)) == "<b>bold</b>"
    assert "&lt;b&gt;" in preview.data(preview.index(0, 4), Qt.ToolTipRole)
    parties = dialog.party_model
    assert parties.data(parties.index(0, 0)) == "<i>P</i>"


def test_models_pass_the_model_tester(qtmodeltester, make_dialog, small_csv):
    dialog = make_dialog(small_csv)
    for model in (dialog.preview_model, dialog.problem_model, dialog.party_model,
                  dialog.file_model):
        qtmodeltester.check(model)
    for empty in (PreviewModel(), ProblemModel(), NewPartyModel(), FileRowsModel()):
        qtmodeltester.check(empty)


def test_saved_mapping_with_encoding_rereads_the_file(make_dialog, tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("Dat;Agt\n2025;Café\n".encode("cp1252"))
    save_mapping(ColumnMapping(columns={"date": "Dat", "title": "Agt"}, encoding="latin-1",
                               delimiter=";"), "latin")
    dialog = make_dialog()
    dialog.mapping_combo.setCurrentText("latin")
    assert dialog.open_file(path)
    assert "Latin-1" in dialog.format_label.text()
    assert dialog.preview_model.data(dialog.preview_model.index(0, 4)) == "Café"


def test_file_import_csv_opens_the_dialog_on_the_open_case(make_window, tmp_path, monkeypatch):
    case_path = tmp_path / "window.nego"
    CaseStore.create(case_path, CaseInfo("Window")).close()
    window = make_window()
    window.open_case(case_path)
    action = next(a for a in window.import_menu.actions() if a.text() == "&CSV…")
    opened = []
    monkeypatch.setattr(CsvImportDialog, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    assert len(opened) == 1
    assert opened[0].store is window.store and opened[0].state is window.state
    assert opened[0].push == window.push


def test_merge_by_picking_an_existing_party_in_the_editor(qtbot, make_dialog, tmp_path):
    path = write_csv(tmp_path / "m.csv", [["2025", "A", "IDF", "0", ""]])
    dialog = make_dialog(path)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    index = dialog.party_model.index(0, NewPartyModel.BECOMES)
    dialog.party_view.edit(index)
    editor = dialog.party_view.indexWidget(index) or dialog.party_view.focusWidget()
    assert editor.findText("Israel") >= 0 and editor.findText("Hamas") >= 0
    editor.setCurrentIndex(editor.findText("Israel"))
    dialog.party_view.itemDelegateForColumn(NewPartyModel.BECOMES).setModelData(
        editor, dialog.party_model, index)
    assert dialog.party_names == {"IDF": "Israel"}
    assert dialog.party_model.rowCount() == 0  # nothing new left to create
    assert dialog.choices_label.text() == "Your choices: IDF → Israel"
    dialog.forget_choices_button.click()
    assert dialog.party_names == {} and dialog.party_model.rowCount() == 1
