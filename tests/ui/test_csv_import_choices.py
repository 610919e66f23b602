"""The CSV import dialog's new choices (issue 15), each followed live by the preview."""

import pytest
from PySide6.QtCore import Qt

from negotiations_gui.domain import Party, PartyRole, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.importing import ColumnMapping, IssueColumn, PartyColumn
from negotiations_gui.ui.case_state import CaseState
from negotiations_gui.ui.csv_import import CsvImportDialog
from negotiations_gui.ui.csv_import.models import NewPartyModel
from negotiations_gui.ui.csv_import.split_model import SplitModel

PAX = ("Dat,Agt,Con,Ce,TjPrire,HrFra\n"
       "1995-11-21,Dayton,Bosnia and Herzegovina/Yugoslavia (former),1,2,1\n"
       "2025-01-15,Gaza ceasefire,Israel/Hamas Movement,1,3,0\n"
       "2024-11-26,Lebanon,Israel/Lebanon,1,1,0\n")
ACLED = ("event_date,time_precision,sub_event_type,location,actor1,assoc_actor_1\n"
         "12 March 2024,1,Air/drone strike,Rafah,Israel,United Nations\n"
         "13 March 2024,2,Shelling,,Israel,\n"
         "March 2024,3,Armed clash,Gaza City,Hamas,\n")


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NEGOTIATIONS_GUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def case(store):
    store.add_party(Party("Israel"))
    store.add_party(Party("Hamas"))
    store.add_party(Party("United Nations", "UN", PartyRole.OBSERVER))
    return store


@pytest.fixture
def dialog(qtbot, case, tmp_path, answers):
    def make(text, name="in.csv"):
        path = tmp_path / name
        path.write_text(text, "utf-8")
        made = CsvImportDialog(case, CaseState())
        qtbot.addWidget(made)
        assert made.open_file(path)
        return made
    return make


def _column(model, header):
    return [model.data(model.index(r, model.headers.index(header)))
            for r in range(model.rowCount())]


def test_separator_choice_and_keep_as_one_party_follow_live(dialog):
    d = dialog(PAX)
    d.form.set_mapping(ColumnMapping(columns={"date": "Dat", "title": "Agt", "parties": "Con"}))
    parties = d.form.parties
    for separator, box in parties.separator_boxes.items():
        box.setChecked(separator == "/")  # "/" only
    parties.split_on_and.setChecked(False)
    assert _column(d.preview_model, "Parties")[0] == "Bosnia and Herzegovina, Yugoslavia (former)"
    splits = d.split_model
    cells = [splits.cell(r)[0] for r in range(splits.rowCount())]
    assert "Israel/Hamas Movement" in cells
    # now with " and " too: the split tab shows it, and the user keeps the name whole
    parties.split_on_and.setChecked(True)
    assert _column(d.preview_model, "Parties")[0] == "Bosnia, Herzegovina, Yugoslavia (former)"
    d.keep_whole.append("Bosnia and Herzegovina")  # as if ticked on a cell of that name
    d._refresh()
    assert _column(d.preview_model, "Parties")[0] == "Bosnia and Herzegovina, Yugoslavia (former)"
    row = next(r for r in range(splits.rowCount()) if splits.cell(r)[0] == "Israel/Hamas Movement")
    assert splits.setData(splits.index(row, SplitModel.KEEP), Qt.Checked.value, Qt.CheckStateRole)
    assert "Israel/Hamas Movement" in d.current_mapping().keep_whole
    assert "Israel/Hamas Movement" in [p.name for p in d.party_model._parties]
    split_count = len(d.checked_plan.splits)
    assert d.tabs.tabText(4) == f"Party names ({split_count} split)"


def test_code_meaning_is_shown_and_chosen_and_new_issues_confirmed(qtbot, dialog, case, answers):
    d = dialog(PAX)
    d.form.set_mapping(ColumnMapping(
        columns={"date": "Dat", "title": "Agt", "parties": "Con"}, separators=("/",),
        split_on_and=False,
        issue_columns=(IssueColumn("TjPrire", "Prisoners", "0-3", {"1": "conditional"}),
                       IssueColumn("HrFra", "Human rights framework"))))
    meaning = d.form.issue_codes.table.cellWidget(0, 3)
    assert [c.currentData() for c in meaning.combos.values()] == ["conditional", "accepts",
                                                                  "accepts"]
    meaning.combos["2"].setCurrentIndex(meaning.combos["2"].findData("offers"))
    issues = _column(d.preview_model, "Issues")
    assert issues[0].startswith("Prisoners: offers; Human rights framework: accepts")
    assert issues[2] == "Prisoners: conditional"
    assert "the import creates it once you confirm" in d.status.text()
    answers.yes = False
    with qtbot.waitSignal(d.problem_model.modelReset, timeout=60_000):
        d.start_import()
    qtbot.waitUntil(lambda: d._thread is None, timeout=60_000)
    assert "1 new issues will be created: Human rights framework" in visible(answers.asked[-1])
    assert "Human rights framework" not in [i.name for i in case.issues()]
    answers.yes = True
    with qtbot.waitSignal(d.finished, timeout=60_000):
        d.start_import()
    made = next(i for i in case.issues() if i.name == "Human rights framework")
    stances = {(p.issue_id == made.id, p.stance) for p in case.export_data().positions}
    assert (True, Stance.ACCEPTS) in stances and (False, Stance.OFFERS) in stances


def test_new_parties_show_their_role_and_close_existing_names(dialog):
    d = dialog(PAX)
    d.form.set_mapping(ColumnMapping(columns={"date": "Dat", "title": "Agt", "parties": "Con"},
                                     separators=("/",), split_on_and=False,
                                     new_party_role="mediator"))
    model = d.party_model
    row = [p.name for p in model._parties].index("Hamas Movement")
    assert model.data(model.index(row, 4)) == "Mediator"
    assert model.data(model.index(row, 5)) == "Hamas?"
    d.show()
    d.tabs.setCurrentIndex(3)
    index = model.index(row, NewPartyModel.BECOMES)
    d.party_view.edit(index)
    editor = d.party_view.indexWidget(index) or d.party_view.focusWidget()
    assert editor.itemText(0) == "Hamas"  # the close name first


def test_title_template_precision_and_third_party_column(dialog):
    d = dialog(ACLED)
    d.form.set_mapping(ColumnMapping(
        columns={"date": "event_date", "precision": "time_precision", "parties": "actor1"},
        party_columns=(PartyColumn("assoc_actor_1", "third party"),)))
    assert "choose a column for: Title" in d.status.text()
    d.form.reading.title_template.setText("{sub_event_type}: {location}")
    assert _column(d.preview_model, "Title") == ["Air/drone strike: Rafah", "Shelling",
                                                 "Armed clash: Gaza City"]
    assert _column(d.preview_model, "Date") == ["12 Mar 2024", "c. 13 Mar 2024", "Mar 2024"]
    assert _column(d.preview_model, "Parties")[0] == "Israel, United Nations"
    d.form.reading.precision_codes.setText("1 = day, 2 = month, 3 = year")
    assert _column(d.preview_model, "Date") == ["12 Mar 2024", "Mar 2024", "2024"]
    d.form.reading.precision_codes.setText("1 = day, 2 = fortnight")
    assert "Not read: 2 = fortnight" in d.form.reading.precision_error.text()
    d.form.reading.title_template.setText("{kind}")
    assert "title_template: the file has no column 'kind'" in d.status.text()


def test_new_choices_are_saved_with_the_mapping(dialog):
    d = dialog(ACLED)
    d.form.set_mapping(ColumnMapping(
        columns={"date": "event_date", "parties": "actor1"}, title_template="{location}",
        party_columns=(PartyColumn("assoc_actor_1", "guarantor"),), source_separator=";",
        third_parties=("UN",), new_party_role="observer", separators=(";", "/")))
    d.keep_whole.append("Israel")
    d.save_mapping_as("ACLED")
    again = CsvImportDialog(d.store, CaseState())
    again.mapping_combo.setCurrentText("ACLED")
    mapping = again.current_mapping()
    assert mapping.title_template == "{location}" and mapping.source_separator == ";"
    assert mapping.party_columns == (PartyColumn("assoc_actor_1", "guarantor"),)
    assert mapping.third_parties == ("UN",) and mapping.new_party_role == "observer"
    assert mapping.separators == (";", "/") and mapping.keep_whole == ("Israel",)
    again.deleteLater()
