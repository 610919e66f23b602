"""The command line's one-pass import writes exactly what the planned (dialog's) insert writes."""

import re
import sqlite3

import pytest

from negotiations_gui.domain import CaseInfo, Party, Source
from negotiations_gui.importing import ColumnMapping, IssueColumn, plan_import, read_csv
from negotiations_gui.importing.job import case_context, insert_planned, log_entry, run_import
from negotiations_gui.store import CaseStore
from negotiations_gui.store.csv_import import previous_imports
from negotiations_gui.store.event_keys import event_id

from .test_store_import import write_rows

MAPPING = ColumnMapping(
    columns={"date": "Date", "title": "Title", "parties": "Parties", "tags": "Tags",
             "source": "Source", "end_date": "End", "description": "Description"},
    issue_columns=(IssueColumn("Ce", "Ceasefire"), IssueColumn("TjPrire", "Prisoners")))
HEADER = ["Date", "End", "Title", "Description", "Parties", "Tags", "Source", "Ce", "TjPrire"]
FORMS = ("2024-{m:02d}-{d:02d}", "Mar {d}, 2023", "Aug 2025", "{d}-Jan-21")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# what differs between two imports of one file by design: when they ran (and the
# changes table: a copied file is another replica, whose changes count afresh)
_STAMPS = {"created_at", "updated_at", "imported_at", "at", "applied_at"}
_TABLES = ("parties", "issues", "sources", "events", "positions", "event_party_links",
           "event_issue_links", "event_tag_links", "event_source_links",
           "position_source_links", "revisions", "import_log")


def _rows(count):
    rows = [HEADER]
    for n in range(count):
        date = FORMS[n % 4].format(m=1 + n % 12, d=1 + n % 28)
        parties = ("Israel; Egypt", "Qatar", f"Group {n % 37}; Hamas", "")[n % 4]
        rows.append([date, "2025-09" if n % 4 == 2 else "", f"Row {n}", "one,\ntwo" * (n % 2),
                     parties, ("round,ceasefire", "", "talks")[n % 3],
                     ("Report A", "", f"Report {n % 13}", "https://example.org/x")[n % 4],
                     "01"[n % 2], "0001"[n % 4]])
    return rows


def _case(path):
    CaseStore.create(path, CaseInfo("Same")).close()
    with CaseStore.open(path) as store:
        store.add_party(Party("Israel"))
        store.add_source(Source("Report A"))
    return path


def _copy(case, path):
    # a copy: the same ids for what the case holds (list keys name records in id order)
    path.write_bytes(case.read_bytes())
    return path


def _contents(path):
    """Every row the import touches, UUIDs numbered in order of appearance, stamps left out."""
    numbers = {}

    def plain(value):
        if isinstance(value, bytes):  # an event's key (schema m017): its UUID
            value = event_id(value)
        if isinstance(value, str):
            return _UUID.sub(lambda m: f"#{numbers.setdefault(m.group(), len(numbers))}", value)
        return value

    conn = sqlite3.connect(path)
    try:
        found = {}
        for table in _TABLES:  # the records (by n) first: they number the UUIDs
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            names = [d[0] for d in cursor.description]
            found[table] = sorted(
                (tuple((k, plain(v)) for k, v in zip(names, row)
                       if k not in _STAMPS and k != "mapping_json")
                 for row in cursor.fetchall()), key=repr)
        return found
    finally:
        conn.close()


@pytest.mark.parametrize("count", [7, 12_003])  # one batch, and several (import_rows.CHUNK)
def test_one_pass_writes_what_the_planned_insert_writes(tmp_path, count):
    path = write_rows(tmp_path / "events.csv", _rows(count))
    planned = _case(tmp_path / "planned.nego")
    streamed = _copy(planned, tmp_path / "one.nego")
    table = read_csv(path)
    with CaseStore.open(planned) as store:
        plan = plan_import(table, MAPPING, case_context(store), with_records=False)
        insert_planned(store, plan, log_entry(table, MAPPING, plan))
    with CaseStore.open(streamed) as store:
        outcome = run_import(store, table, MAPPING)
        assert outcome.written and outcome.plan.rows is not None  # (the one-pass plan)
        assert outcome.plan.counts == plan.counts
        assert [p.name for p in outcome.result.named.parties] == \
            [p.name for p in plan.data.parties]
        assert previous_imports(store, table.sha256)[0].record_count == plan.record_count
    assert _contents(streamed) == _contents(planned)


def test_a_problem_after_many_rows_written_leaves_nothing_and_reports_all(tmp_path):
    rows = _rows(12_003)
    rows[3][0] = "soon"
    rows[11_000][0] = "later"
    rows[-1][7] = "7"
    path = write_rows(tmp_path / "bad.csv", rows)
    case = _case(tmp_path / "case.nego")
    original = _contents(case)
    table = read_csv(path)
    with CaseStore.open(case) as store:
        checked = plan_import(table, MAPPING, case_context(store), with_records=False)
        outcome = run_import(store, table, MAPPING)
        assert not outcome.written
        assert outcome.plan.problems == checked.problems
        assert [p.row for p in outcome.plan.problems] == [4, 11_001, 12_004]
        assert [p.name for p in outcome.plan.new_parties] == \
            [p.name for p in checked.new_parties]
    assert _contents(case) == original
