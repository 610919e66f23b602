"""What a mapping can say about public data sets (issue 15), each on a small CSV of that shape."""

import csv
import io
import json
from pathlib import Path

import pytest

from negotiations_gui.domain import CaseInfo, Party, PartyRole, Precision, Stance
from negotiations_gui.importing import (
    ColumnMapping,
    IssueColumn,
    MappingError,
    PartyColumn,
    check_mapping,
    plan_import,
    split_party_names,
)
from negotiations_gui.importing.command_line import import_csv_command
from negotiations_gui.importing.csv_file import parse_csv_bytes
from negotiations_gui.importing.job import case_context
from negotiations_gui.store import CaseStore


def table(rows, name="data.csv", newline="\n"):
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return parse_csv_bytes(out.getvalue().encode(), Path(name))


@pytest.fixture
def case(store):
    store.add_party(Party("Israel"))
    store.add_party(Party("Hamas"))
    store.add_party(Party("United Nations", "UN", PartyRole.OBSERVER))
    return case_context(store)


def _names(plan, ids):
    names = {p.id: p.name for p in plan.data.parties}
    return [names.get(i, i) for i in ids]


# -- splitting party names ------------------------------------------------------------

@pytest.mark.parametrize("text, separators, names", [
    ("Bosnia and Herzegovina/Yugoslavia (former)", ("/",),
     ["Bosnia and Herzegovina", "Yugoslavia (former)"]),
    ("Philippines, Military faction (forces of Honasan, Abenina & Zumel)", (",",),
     ["Philippines", "Military faction (forces of Honasan, Abenina & Zumel)"]),
    ('"Smith, Jones and Partners"; Egypt', (";", ",", " and "),
     ['"Smith, Jones and Partners"', "Egypt"]),
    ("Egypt [Cairo, Alexandria] and Qatar", (",", " and "), ["Egypt [Cairo, Alexandria]", "Qatar"]),
    ("Egypt; Qatar, Jordan", (";",), ["Egypt", "Qatar, Jordan"]),  # only this separator
])
def test_never_split_inside_brackets_or_quotes(text, separators, names):
    assert split_party_names(text, separators=separators) == names


def test_only_the_chosen_separator_and_names_marked_as_one(case):
    t = table([["Date", "Title", "Con"],
               ["1995", "Dayton", "Bosnia and Herzegovina/Yugoslavia (former)"],
               ["1993", "Junta", ("Military Junta for the Consolidation of Democracy, Peace "
                                  "and Justice; Israel")]])
    slash = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Con"},
                          separators=("/",), split_on_and=False)
    plan = plan_import(t, slash, case)
    assert _names(plan, plan.data.events[0].party_ids) == ["Bosnia and Herzegovina",
                                                          "Yugoslavia (former)"]
    junta = "Military Junta for the Consolidation of Democracy, Peace and Justice"
    marked = ColumnMapping(columns=slash.columns, separators=(";", ","), keep_whole=(junta,))
    plan = plan_import(t, marked, case)
    assert _names(plan, plan.data.events[1].party_ids)[0] == junta
    # the dialog shows each cell's split
    assert plan.splits[f"{junta}; Israel"] == [junta, "Israel"]


# -- strict mappings --------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ('{"issue_column": []}', "unknown key 'issue_column' (did you mean 'issue_columns'?)"),
    ('{"columns": {"party": "P"}}',
     "columns: unknown field 'party' for events (a field of positions)"),
    ('{"issue_columns": [{"column": "Ce", "issue": "Ceasefire", "scal": "0-3"}]}',
     "issue_columns[0]: unknown key 'scal' (did you mean 'scale'?)"),
    ('{"issue_columns": [{"column": "Ce", "issue": "x", "values": {"1": "maybe"}}]}',
     "issue_columns[0].values.1: 'maybe' is not a stance"),
    ('{"party_columns": [{"column": "A", "role": "king"}]}', "party_columns[0].role must be"),
    ('{"precision_codes": {"1": "hour"}}', "precision_codes.1 must be one of"),
    ('{"split_on_and": "yes"}', "split_on_and must be true or false"),
])
def test_unknown_or_bad_keys_are_errors_naming_the_key(text, message):
    with pytest.raises(MappingError) as error:
        ColumnMapping.from_json(text)
    assert message in str(error.value)


def test_unknown_column_names_are_errors_naming_the_key(case, tmp_path, capsys):
    t = table([["Date", "Title", "Ce"], ["2025", "x", "1"]])
    for mapping, message in [
        (ColumnMapping(columns={"date": "Datum", "title": "Title"}),
         "columns.date: the file has no column 'Datum'"),
        (ColumnMapping(columns={"date": "Date", "title": "Title"},
                       issue_columns=(IssueColumn("CE_code", "Ceasefire"),)),
         "issue_columns[0].column: the file has no column 'CE_code'"),
        (ColumnMapping(columns={"date": "Date"}, title_template="{kind}: {Title}"),
         "title_template: the file has no column 'kind'"),
    ]:
        with pytest.raises(MappingError, match=message.replace("[", r"\[").replace("]", r"\]")):
            check_mapping(t, mapping, case)
    # and on the command line: exit 1, the key named, nothing written
    mapping_path = tmp_path / "m.json"
    mapping_path.write_text('{"columns": {"date": "Date", "title": "Title"}, '
                            '"issue_column": [{"column": "Ce", "issue": "Ceasefire"}]}')
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("Date,Title,Ce\n2025,x,1\n")
    case_path = tmp_path / "c.nego"
    CaseStore.create(case_path, CaseInfo("C")).close()
    assert import_csv_command([str(csv_path), str(case_path), "--mapping",
                               str(mapping_path)]) == 1
    assert "unknown key 'issue_column'" in capsys.readouterr().err


# -- what codes mean ---------------------------------------------------------------------

def test_each_code_value_has_its_stance_and_the_level_is_kept(case):
    t = table([["Date", "Title", "Con", "TjPrire"],
               ["2025-01-01", "A", "Israel", "1"], ["2025-02-01", "B", "Israel", "2"],
               ["2025-03-01", "C", "Israel", "3"]])
    coded = IssueColumn("TjPrire", "Prisoners", "0-3", {"1": "conditional", "2": "offers"})
    assert coded.meaning == "1 → conditional, 2 → offers, 3 → accepts"
    plan = plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title",
                                                 "parties": "Con"}, issue_columns=(coded,)),
                       case)
    assert [p.stance for p in plan.data.positions] == [Stance.CONDITIONAL, Stance.OFFERS,
                                                       Stance.ACCEPTS]
    assert plan.data.positions[1].summary == "Offers (code 2 of 3) in: B"
    assert "1 → conditional" in plan.data.positions[0].detail


def test_a_long_title_is_cut_with_a_mark_and_kept_whole_in_the_detail(case):
    title = "Agreement on " + " ".join(f"clause{n}" for n in range(60))
    t = table([["Date", "Title", "Con", "Ce"], ["2025", title, "Israel", "1"]])
    plan = plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title",
                                                 "parties": "Con"},
                                        issue_columns=(IssueColumn("Ce", "Ceasefire"),)), case)
    position = plan.data.positions[0]
    assert len(position.summary) <= 200 and position.summary.endswith("…")
    assert title in position.detail
    assert plan.data.events[0].title == title


# -- parties from several columns, roles, third parties ------------------------------------

def test_several_party_columns_with_roles_and_third_parties(case):
    t = table([["event_date", "actor1", "actor2", "assoc_actor_1", "Ce", "title"],
               ["2024-03-01", "Israel", "Hamas Movement", "Egypt; United Nations", "1", "t"]])
    mapping = ColumnMapping(
        columns={"date": "event_date", "title": "title", "parties": "actor1"},
        party_columns=(PartyColumn("actor2"), PartyColumn("assoc_actor_1", "mediator")),
        issue_columns=(IssueColumn("Ce", "Ceasefire"),), third_parties=("UN",),
        new_party_role="guarantor")
    plan = plan_import(t, mapping, case)
    event = plan.data.events[0]
    assert _names(plan, event.party_ids)[1:3] == ["Hamas Movement", "Egypt"]
    assert len(event.party_ids) == 4  # Israel, Hamas Movement, Egypt, United Nations
    roles = {p.name: p.role for p in plan.data.parties}
    assert roles == {"Hamas Movement": PartyRole.GUARANTOR, "Egypt": PartyRole.MEDIATOR}
    un = next(p.id for p in case.parties if p.name == "United Nations")
    assert un in event.party_ids
    assert un not in {p.party_id for p in plan.data.positions}  # a third party: no position
    assert len(plan.data.positions) == 3
    # close existing names are suggested for a new party
    assert next(p for p in plan.new_parties if p.name == "Hamas Movement").close == ["Hamas"]


def test_a_third_party_column_gets_no_positions_and_its_new_parties_are_observers(case):
    t = table([["Date", "Title", "Signed", "Witness", "Ce"],
               ["2025", "x", "Israel", "African Union", "1"]])
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Signed"},
                            party_columns=(PartyColumn("Witness", "third party"),),
                            issue_columns=(IssueColumn("Ce", "Ceasefire"),))
    plan = plan_import(t, mapping, case)
    assert [(p.name, p.role) for p in plan.data.parties] == [("African Union",
                                                             PartyRole.OBSERVER)]
    assert len(plan.data.events[0].party_ids) == 2 and len(plan.data.positions) == 1


# -- titles, precision, sources ------------------------------------------------------------

def test_title_template_precision_column_and_split_sources(case):
    t = table([["event_date", "time_precision", "sub_event_type", "location", "source"],
               ["12 March 2024", "1", "Air/drone strike", "Rafah", "Al Jazeera; Reuters"],
               ["12 March 2024", "2", "Shelling", "", "Reuters"],
               ["12 March 2024", "3", "Armed clash", "Gaza City", ""]])
    mapping = ColumnMapping(columns={"date": "event_date", "precision": "time_precision",
                                     "source": "source"},
                            title_template="{sub_event_type}: {location}",
                            source_separator=";")
    plan = plan_import(t, mapping, case)
    assert plan.ready, plan.problems
    events = plan.data.events
    assert [e.title for e in events] == ["Air/drone strike: Rafah", "Shelling",
                                         "Armed clash: Gaza City"]
    assert events[0].date.precision is Precision.DAY and not events[0].date.approximate
    assert events[1].date.approximate and events[1].date.display == "c. 12 Mar 2024"
    assert events[2].date.precision is Precision.MONTH and events[2].date.iso == "2024-03"
    assert sorted(s.title for s in plan.data.sources) == ["Al Jazeera", "Reuters"]
    assert len(events[0].source_ids) == 2 and events[1].source_ids == (events[0].source_ids[1],)


def test_an_unknown_precision_code_is_a_problem(case):
    t = table([["Date", "P", "Title"], ["2024-03-12", "7", "x"]])
    plan = plan_import(t, ColumnMapping(columns={"date": "Date", "precision": "P",
                                                 "title": "Title"}), case)
    assert [(p.column, p.value) for p in plan.problems] == [("P", "7")]
    assert "1 = day, 2 = week, 3 = month" in plan.problems[0].problem


# -- issues created by the import ----------------------------------------------------------

def _files(tmp_path, mapping: ColumnMapping, text: str, newline="\n"):
    mapping_path = tmp_path / "m.json"
    mapping_path.write_text(mapping.to_json(), "utf-8")
    csv_path = tmp_path / "in.csv"
    csv_path.write_bytes(text.replace("\n", newline).encode())
    case_path = tmp_path / "c.nego"
    if not case_path.exists():
        with CaseStore.create(case_path, CaseInfo("C")) as store:
            store.add_party(Party("Hamas"))
    return csv_path, case_path, mapping_path


def test_issues_are_created_only_with_create_issues(tmp_path, capsys):
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Con"},
                            issue_columns=(IssueColumn("HrFra", "Human rights framework"),))
    paths = _files(tmp_path, mapping, "Date,Title,Con,HrFra\n2025,x,Hamas,1\n")
    args = [str(paths[0]), str(paths[1]), "--mapping", str(paths[2])]
    assert import_csv_command(args) == 1
    err = capsys.readouterr().err
    assert "issue_columns[0].issue: the case has no issue 'Human rights framework'" in err
    assert "--create-issues" in err
    assert import_csv_command([*args, "--create-issues"]) == 0
    assert "New issues: Human rights framework" in capsys.readouterr().err
    with CaseStore.open(paths[1]) as store:
        issue = next(i for i in store.issues() if i.name == "Human rights framework")
        assert [p.issue_id for p in store.export_data().positions] == [issue.id]


def test_create_issues_in_the_plan_and_undo_removes_them(case, store):
    t = table([["Date", "Title", "Con", "New"], ["2025", "x", "Israel", "1"]])
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Con"},
                            issue_columns=(IssueColumn("New", "Elections"),), create_issues=True)
    plan = plan_import(t, mapping, case)
    assert [i.name for i in plan.new_issues] == ["Elections"]
    assert plan.data.positions[0].issue_id == plan.new_issues[0].id
    from negotiations_gui.importing.job import log_entry
    from negotiations_gui.store.csv_import import delete_import, insert_import
    before = len(store.issues())
    written = insert_import(store, plan.data, log_entry(t, mapping, plan))
    assert len(store.issues()) == before + 1
    assert store.revisions(plan.new_issues[0].id)  # in the revision log like the others
    delete_import(store, written, "no-log")
    assert len(store.issues()) == before


# -- re-imports by content, suggestions in the report --------------------------------------

def test_a_copy_with_other_line_endings_is_a_reimport(tmp_path, capsys):
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Con"})
    text = 'Date,Title,Con\n2025-08-01,"Two\nlines",Hamas\n2025-08-02,B,Hamas\n'
    csv_path, case_path, mapping_path = _files(tmp_path, mapping, text)
    args = [str(csv_path), str(case_path), "--mapping", str(mapping_path)]
    assert import_csv_command(args) == 0
    csv_path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())  # BOM + CRLF
    assert import_csv_command(args) == 1
    assert "was already imported" in capsys.readouterr().err
    with CaseStore.open(case_path) as store:
        assert store.counts()["events"] == 2
        log = json.loads(store.export_data().imports[0].mapping_json)
        assert len(log["content_sha256"]) == 64
    assert import_csv_command([*args, "--again"]) == 0


def test_the_report_suggests_close_existing_names(tmp_path, capsys):
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Con"},
                            separators=(";",))
    paths = _files(tmp_path, mapping,
                   "Date,Title,Con\n2025,x,Hamas Movement; Military Forces of Hamas (2022-)\n")
    assert import_csv_command([str(paths[0]), str(paths[1]), "--mapping", str(paths[2])]) == 0
    err = capsys.readouterr().err
    assert "Hamas Movement → Hamas?" in err
    assert "Military Forces of Hamas (2022-) → Hamas?" in err


def test_old_mappings_still_read(case):
    text = json.dumps({"format": "negotiations-gui csv mapping", "version": 1, "name": "old",
                       "target": "events", "columns": {"date": "D", "title": "T"},
                       "issue_columns": [{"column": "Ce", "issue": "Ceasefire", "scale": "0-1"}],
                       "day_order": None, "two_digit_year_start": 1950, "split_on_and": True,
                       "default_kind": "other", "party_names": {}, "encoding": None,
                       "delimiter": None})
    mapping = ColumnMapping.from_json(text)
    assert mapping.name_separators == (",", ";", " and ")
    assert ColumnMapping.from_json(mapping.to_json()) == mapping
