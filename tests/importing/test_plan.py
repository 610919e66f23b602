"""From table and mapping to records and row problems; party names; mappings saved by name."""

import csv
import io

import pytest

from negotiations_gui.domain import Party, Stance
from negotiations_gui.importing import (
    CaseContext,
    ColumnMapping,
    DayOrder,
    IssueColumn,
    MappingError,
    Target,
    load_mapping,
    plan_import,
    save_mapping,
    saved_mapping_names,
    split_party_names,
)
from negotiations_gui.importing.csv_file import parse_csv_bytes
from negotiations_gui.importing.job import case_context

EVENTS = ColumnMapping(columns={"date": "Date", "title": "Title", "parties": "Parties",
                                "tags": "Tags", "kind": "Kind", "source": "Source"})


def table(rows, name="in.csv", tmp_path=None):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    from pathlib import Path
    return parse_csv_bytes(out.getvalue().encode(), Path(name))


def _party(case, name):
    return next(p.id for p in case.parties if p.name == name)


@pytest.fixture
def case(store):
    store.add_party(Party("Israel"))
    store.add_party(Party("Hamas", short_name="HMS"))
    return case_context(store)


def test_events_with_parties_tags_kind_and_source(case):
    t = table([["Date", "Title", "Parties", "Tags", "Kind", "Source"],
               ["Aug 12, 2025", "Talks", "israel; HAMAS and Egypt", "round, cairo", "Meeting",
                "https://example.org/a"],
               ["Jan-Feb 2025", "Period", "egypt", "", "", "https://example.org/a"]])
    plan = plan_import(t, EVENTS, case)
    assert plan.ready
    first, second = plan.data.events
    israel, hamas = (_party(case, n) for n in ("Israel", "Hamas"))
    egypt = plan.data.parties[0]
    assert egypt.name == "Egypt" and len(plan.data.parties) == 1
    assert first.party_ids == (israel, hamas, egypt.id)
    assert first.tags == ("round", "cairo") and first.kind == "meeting"
    assert second.kind == "other" and second.date.iso == "2025-01" and second.end.iso == "2025-02"
    assert second.party_ids == (egypt.id,)
    assert len(plan.data.sources) == 1
    assert first.source_ids == second.source_ids == (plan.data.sources[0].id,)
    assert plan.data.sources[0].location == "https://example.org/a"
    egypt_found = plan.new_parties[0]
    assert egypt_found.row_count == 2 and egypt_found.spellings == ["Egypt", "egypt"]


def test_every_bad_cell_is_a_problem_with_row_and_column(case):
    t = table([["Date", "Title", "Parties", "Tags", "Kind", "Source"],
               ["2025-08-12", "Good", "", "", "", ""],
               ["12/08/2025", "", "", "", "", ""],
               ["Feb 30, 2025", "Bad day", "", "", "", "", "spill"]])
    plan = plan_import(t, EVENTS, case)
    assert not plan.ready
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {(3, "Date"), (3, "Title"), (4, "Date"), (4, "")}
    assert "choose the day order" in str(next(p for p in plan.problems if p.row == 3))
    assert str(plan.problems[0]).startswith("row 3, column 'Date':")
    assert len(plan.data.events) == 1  # good rows are planned; nothing is written anyway


def test_fixes_and_skips_clear_problems(case):
    t = table([["Date", "Title"], ["12/08/2025", "A"], ["nonsense", "B"]])
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title"})
    plan = plan_import(t, mapping, case, fixes={(2, "Date"): "2025-08-12"}, skip_rows={3})
    assert plan.ready and plan.skipped_rows == {3}
    assert [e.title for e in plan.data.events] == ["A"]
    day_first = ColumnMapping(columns=mapping.columns, day_order=DayOrder.DAY_FIRST)
    plan = plan_import(t, day_first, case, skip_rows={3})
    assert plan.data.events[0].date.iso == "2025-08-12"


def test_issue_code_columns_make_accepts_positions_per_party(case, store):
    mapping = ColumnMapping(
        columns={"date": "Dat", "title": "Agt", "parties": "Con"},
        issue_columns=(IssueColumn("Ce", "Ceasefire"), IssueColumn("TjPrire", "TjPrire", "0-3"),
                       IssueColumn("DdrDemil", "DdrDemil", "0-3")))
    t = table([["Dat", "Agt", "Con", "Ce", "TjPrire", "DdrDemil"],
               ["2025-08-12", "Cairo accord", "Israel and Hamas", "1", "2", "0"],
               ["2025-09", "Second", "Israel", "0", "", "3"],
               ["2025-10", "Bad code", "Israel", "2", "4", "x"]])
    plan = plan_import(t, mapping, case)
    assert {(p.row, p.column) for p in plan.problems} == {(4, "Ce"), (4, "TjPrire"),
                                                          (4, "DdrDemil")}
    plan = plan_import(t, mapping, case, skip_rows={4})
    issues = {i.name: i.id for i in store.issues()}
    got = {(p.party_id, p.issue_id, p.date.iso, p.stance) for p in plan.data.positions}
    israel, hamas = (_party(case, n) for n in ("Israel", "Hamas"))
    assert got == {
        (israel, issues["Ceasefire"], "2025-08-12", Stance.ACCEPTS),
        (hamas, issues["Ceasefire"], "2025-08-12", Stance.ACCEPTS),
        (israel, issues["Prisoners"], "2025-08-12", Stance.ACCEPTS),
        (hamas, issues["Prisoners"], "2025-08-12", Stance.ACCEPTS),
        (israel, issues["Disarmament"], "2025-09", Stance.ACCEPTS),
    }
    first_event = plan.data.events[0]
    assert set(first_event.issue_ids) == {issues["Ceasefire"], issues["Prisoners"]}
    assert all(p.event_id in {e.id for e in plan.data.events} for p in plan.data.positions)


def test_positions_mode(case, store):
    mapping = ColumnMapping(target=Target.POSITIONS, columns={
        "date": "When", "party": "Who", "issue": "On", "stance": "Stance", "summary": "Said"})
    t = table([["When", "Who", "On", "Stance", "Said"],
               ["2025-08-12", "Israel", "hostages", "Demands", "all at once"],
               ["2025-08", "hms", "Ce", "red line", ""],
               ["Feb 1-3, 2025", "Israel", "Nowhere", "maybe", ""]])
    plan = plan_import(t, mapping, case)
    bad = {(p.row, p.column) for p in plan.problems}
    assert bad == {(4, "When"), (4, "On"), (4, "Stance")}
    one, two = plan.data.positions
    assert one.stance is Stance.DEMANDS and one.summary == "all at once"
    assert two.party_id == _party(case, "Hamas") and two.stance is Stance.RED_LINE
    assert two.date.iso == "2025-08"


def test_mapping_that_does_not_fit_is_refused(case):
    t = table([["Date", "Title"], ["2025", "x"]])
    with pytest.raises(MappingError, match="Title"):
        plan_import(t, ColumnMapping(columns={"date": "Date"}), case)
    with pytest.raises(MappingError, match="no column 'Kind'"):
        plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title", "kind": "Kind"}),
                    case)
    with pytest.raises(MappingError, match="no issue 'Weather'"):
        plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title"},
                                     issue_columns=(IssueColumn("Title", "Weather"),)), case)


def test_preview_keeps_outcomes_of_the_first_rows(case):
    t = table([["Date", "Title"]] + [[f"2025-01-{n:02d}", f"E{n}"] for n in range(1, 31)])
    plan = plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title"}), case,
                       limit=10, keep_outcomes=5, skip_rows={3})
    assert plan.row_count == 10 and len(plan.preview) == 5
    assert plan.preview[1].skipped and plan.preview[0].events[0].title == "E1"


def test_imported_ids_increase_in_file_order(case):
    t = table([["Date", "Title"]] + [["2025", f"E{n}"] for n in range(50)])
    plan = plan_import(t, ColumnMapping(columns={"date": "Date", "title": "Title"}), case)
    ids = [e.id for e in plan.data.events]
    assert ids == sorted(ids) and len(set(ids)) == 50
    assert all(i[14] == "7" for i in ids)  # UUID version 7


# -- party names ---------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Egypt, Qatar", ["Egypt", "Qatar"]),
    ("Egypt; Qatar;", ["Egypt", "Qatar"]),
    ("Egypt and Qatar", ["Egypt", "Qatar"]),
    ("Egypt,  egypt and QATAR", ["Egypt", "QATAR"]),
    ("Egypt\nQatar", ["Egypt", "Qatar"]),
    ("", []),
])
def test_party_names_split(text, names):
    assert split_party_names(text) == names


def test_names_known_to_the_case_are_not_split_on_and():
    keep = frozenset({"trinidad and tobago"})
    assert split_party_names("Trinidad and Tobago, Egypt", keep) == ["Trinidad and Tobago", "Egypt"]
    assert split_party_names("A and B", split_on_and=False) == ["A and B"]


def test_party_choices_rename_and_merge(case):
    mapping = EVENTS.__class__(columns={"date": "Date", "title": "Title", "parties": "P"},
                               party_names={"IDF": "Israel", "USA": "United States",
                                            "US": "United States"})
    t = table([["Date", "Title", "P"], ["2025", "x", "IDF, USA"], ["2025", "y", "us"]])
    plan = plan_import(t, mapping, case)
    israel = _party(case, "Israel")
    assert [p.name for p in plan.data.parties] == ["United States"]
    us = plan.data.parties[0].id
    assert plan.data.events[0].party_ids == (israel, us)
    assert plan.data.events[1].party_ids == (us,)
    assert plan.new_parties[0].spellings == ["USA", "us"]


# -- mappings ------------------------------------------------------------------------

def test_mapping_json_round_trip():
    mapping = ColumnMapping(name="PA-X", target=Target.EVENTS,
                            columns={"date": "Dat", "title": "Agt"},
                            issue_columns=(IssueColumn("Ce", "Ceasefire", "0-3"),),
                            day_order=DayOrder.MONTH_FIRST, two_digit_year_start=1990,
                            split_on_and=False, default_kind="agreement",
                            party_names={"USA": "United States"}, encoding="cp1252",
                            delimiter=";")
    assert ColumnMapping.from_json(mapping.to_json()) == mapping


@pytest.mark.parametrize("text, reason", [
    ("nope", "not valid JSON"), ("[]", "JSON object"),
    ('{"columns": {"colour": "C"}}', "unknown field"),
    ('{"columns": {"date": 3}}', "text to text"),
    ('{"issue_columns": [{"column": "Ce"}]}', "needs a column and an issue"),
    ('{"issue_columns": [{"column": "Ce", "issue": "x", "scale": "0-9"}]}', "0-1 or 0-3"),
    ('{"target": "proposals"}', "target must be one of: events, positions"),
    ('{"day_order": "yearfirst"}', "day_order must be one of"),
])
def test_bad_mapping_json_says_why(text, reason):
    with pytest.raises(MappingError, match=reason):
        ColumnMapping.from_json(text)


def test_named_mappings_are_saved_in_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEGOTIATIONS_GUI_CONFIG_DIR", str(tmp_path / "config"))
    assert saved_mapping_names() == []
    path = save_mapping(EVENTS, "ACLED events")
    assert path.parent == tmp_path / "config" / "csv-mappings"
    assert saved_mapping_names() == ["ACLED events"]
    assert load_mapping("ACLED events").columns == EVENTS.columns
    assert load_mapping(str(path)).name == "ACLED events"
    with pytest.raises(MappingError, match="saved mappings: ACLED events"):
        load_mapping("unknown")
    with pytest.raises(MappingError, match="needs a name"):
        save_mapping(EVENTS, "  ")


def test_context_is_empty_for_empty_case():
    assert CaseContext().parties == ()
