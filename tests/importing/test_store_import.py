"""The one-transaction insert, its exact undo, cancel, the import log, a file too large to hold."""

import csv
import dataclasses

import pytest

from negotiations_gui.domain import CaseInfo, Party, Stance
from negotiations_gui.importing import ColumnMapping, IssueColumn, csv_file, plan_import, read_csv
from negotiations_gui.importing.csv_rows import StreamedRows
from negotiations_gui.importing.job import case_context, insert_planned, log_entry, run_import
from negotiations_gui.importing.plan import planned_rows
from negotiations_gui.store import CaseFileError, CaseStore
from negotiations_gui.store.csv_import import (
    ImportCancelled,
    delete_import,
    insert_import,
    previous_imports,
)

MAPPING = ColumnMapping(
    columns={"date": "Date", "title": "Title", "parties": "Parties", "tags": "Tags",
             "source": "Source", "end_date": "End"},
    issue_columns=(IssueColumn("Ce", "Ceasefire"),))


def write_rows(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture
def csv_path(tmp_path):
    return write_rows(tmp_path / "events.csv", [
        ["Date", "End", "Title", "Parties", "Tags", "Source", "Ce"],
        ["2025-08-12", "", "Talks", "Israel, Egypt", "cairo", "Report A", "1"],
        ["Aug 2025", "Sep 2025", "Period", "Qatar", "", "", "0"],
    ])


def _plan(store, path):
    table = read_csv(path)
    return table, plan_import(table, MAPPING, case_context(store))


def test_insert_then_read_back_through_the_store(store, csv_path):
    store.add_party(Party("Israel"))
    table, plan = _plan(store, csv_path)
    insert_import(store, plan.data, log_entry(table, MAPPING, plan))
    events = store.events()
    assert [e.title for e in events] == ["Period", "Talks"]  # month sorts before its days
    talks = store.event(plan.data.events[0].id)
    names = {store.party(pid).name for pid in talks.party_ids}
    assert names == {"Israel", "Egypt"} and talks.tags == ("cairo",)
    assert store.source(talks.source_ids[0]).title == "Report A"
    period = store.event(plan.data.events[1].id)
    assert (period.date.iso, period.end.iso) == ("2025-08", "2025-09")
    positions = store.positions()
    assert len(positions) == 2 and all(p.stance is Stance.ACCEPTS for p in positions)
    assert all(p.event_id == talks.id for p in positions)
    assert store.party(plan.data.parties[0].id).name == "Egypt"


def test_undo_deletes_exactly_what_the_import_added(store, csv_path):
    store.add_party(Party("Israel"))
    before = store.export_data()
    table, plan = _plan(store, csv_path)
    log = log_entry(table, MAPPING, plan)
    insert_import(store, plan.data, log)
    assert previous_imports(store, table.sha256)[0].record_count == plan.record_count
    delete_import(store, plan.data, log.id)
    assert store.export_data() == before
    assert previous_imports(store, table.sha256) == []
    insert_import(store, plan.data, log)  # redo after undo
    assert len(store.events()) == 2


def test_cancel_leaves_the_case_byte_for_byte_as_before(case_path, tmp_path):
    CaseStore.create(case_path, CaseInfo("Cancel")).close()
    with CaseStore.open(case_path):
        pass  # first open switches the file to WAL: the baseline is an opened file
    original = case_path.read_bytes()
    rows = [["Date", "End", "Title", "Parties", "Tags", "Source", "Ce"]]
    rows += [["2025-01-01", "", f"E{n}", "A, B", "t", f"S{n % 7}", "1"] for n in range(20_000)]
    path = write_rows(tmp_path / "big.csv", rows)
    calls = []

    def cancel_midway(done, total):
        calls.append(done)
        return done < 800  # well into the insert (the plan is the first 600 of 1000)

    with CaseStore.open(case_path) as store:
        with pytest.raises(ImportCancelled):
            run_import(store, read_csv(path), MAPPING, progress=cancel_midway)
        assert store.counts()["events"] == 0 and store.parties() == []
        assert previous_imports(store, read_csv(path).sha256) == []
    assert max(calls) >= 800
    assert case_path.read_bytes() == original


def test_run_import_writes_nothing_while_problems_remain(store, tmp_path):
    path = write_rows(tmp_path / "bad.csv", [["Date", "Title"], ["2025", "ok"], ["soon", "x"]])
    mapping = ColumnMapping(columns={"date": "Date", "title": "Title"})
    outcome = run_import(store, read_csv(path), mapping)
    assert not outcome.written and outcome.plan.problems[0].row == 3
    assert store.counts()["events"] == 0
    outcome = run_import(store, read_csv(path), mapping, skip_rows=frozenset({3}))
    assert outcome.written and store.counts()["events"] == 1


def _many_rows(count):
    rows = [["Date", "End", "Title", "Parties", "Tags", "Source", "Ce"]]
    rows += [[f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}", "", f"Event {n}",
              f"P{n % 10}; P{(n + 1) % 10}", f"t{n % 3}", "", str(n % 2)]
             for n in range(count)]
    return rows


def test_a_large_file_streams_and_imports_completely(store, tmp_path, monkeypatch):
    """Past KEEP_ROWS_BYTES the table keeps its bytes, not its rows, and the insert reads
    them again in batches: every row arrives, across several batches (30,000 rows make
    6 of 5,000 events; what 100,000 or a million rows do more of, see
    benchmarks/import_csv.py)."""
    monkeypatch.setattr(csv_file, "KEEP_ROWS_BYTES", 64 * 1024)
    path = write_rows(tmp_path / "big.csv", _many_rows(30_000))
    table = read_csv(path)
    assert isinstance(table.rows, StreamedRows) and len(table.rows) == 30_000
    outcome = run_import(store, table, MAPPING)
    assert outcome.written and outcome.plan.data.events == ()  # none held
    counts = store.counts()
    assert counts["events"] == 30_000 and counts["parties"] == 10
    assert counts["positions"] == 30_000  # 15,000 coded rows x 2 parties
    last = store.events(text="Event 29999")
    assert len(last) == 1 and last[0].date.iso == "2024-12-12" and len(last[0].party_ids) == 2


def test_streamed_rows_read_as_the_rows_kept_in_memory(tmp_path, monkeypatch):
    rows = _many_rows(12_000)
    rows[7][2] = "Two\nlines, \"quoted\""
    path = write_rows(tmp_path / "big.csv", rows)
    kept = read_csv(path)
    monkeypatch.setattr(csv_file, "KEEP_ROWS_BYTES", 64 * 1024)
    streamed = read_csv(path)
    assert isinstance(streamed.rows, StreamedRows) and not isinstance(kept.rows, StreamedRows)
    assert streamed.header == kept.header and len(streamed.rows) == len(kept.rows)
    assert list(streamed.rows) == list(kept.rows)
    assert streamed.rows[6] == kept.rows[6] and streamed.rows[-1] == kept.rows[-1]
    assert list(streamed.rows[:10]) == list(kept.rows[:10])
    assert streamed.content_sha256 == kept.content_sha256


def test_a_large_file_changed_after_its_check_imports_nothing(store, tmp_path, monkeypatch):
    monkeypatch.setattr(csv_file, "KEEP_ROWS_BYTES", 64 * 1024)
    path = write_rows(tmp_path / "big.csv", _many_rows(8_000))
    table = read_csv(path)
    plan = plan_import(table, MAPPING, case_context(store), with_records=False)
    text = path.read_text()
    path.write_text(text.replace("Event 7000,", "Event 7000 (edited),"))  # same length or not
    with pytest.raises(csv_file.CsvFileError, match="changed since it was read"):
        insert_planned(store, plan, log_entry(table, MAPPING, plan))
    assert store.counts()["events"] == 0 and store.parties() == []


def test_a_party_deleted_after_the_check_stops_the_insert(store, csv_path):
    """Foreign keys are off for the bulk insert: the import itself finds a named record gone."""
    israel = store.add_party(Party("Israel"))
    table = read_csv(csv_path)
    plan = plan_import(table, MAPPING, case_context(store), with_records=False)
    store.delete_party(israel.id)
    with pytest.raises(CaseFileError, match="was deleted from the case while"):
        insert_planned(store, plan, log_entry(table, MAPPING, plan))
    assert store.counts()["events"] == 0 and store.parties() == []
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again


def test_the_insert_gives_each_record_the_id_its_check_gave_it(store, csv_path):
    store.add_party(Party("Israel"))
    table = read_csv(csv_path)
    planned = plan_import(table, MAPPING, case_context(store))  # records held
    checked = plan_import(table, MAPPING, case_context(store), with_records=False)
    assert checked.counts == planned.counts and checked.data.events == ()
    rows = list(planned_rows(planned))
    assert [e[0] for e, _ in rows] == [e.id for e in planned.data.events]
    assert [p[0] for _, made in rows for p in made] == [p.id for p in planned.data.positions]


def test_undo_and_redo_of_a_streamed_import(store, csv_path):
    store.add_party(Party("Israel"))
    before = store.export_data()
    table = read_csv(csv_path)
    plan = plan_import(table, MAPPING, case_context(store), with_records=False)
    log = log_entry(table, MAPPING, plan)
    written = insert_planned(store, plan, log)
    ids = sorted(e.id for e in store.events())
    assert written.events == 2 and written.positions == 2 and len(ids) == 2
    delete_import(store, written, log.id)
    assert store.export_data() == before
    again = insert_planned(store, plan, log)  # redo: the same records, the same ids
    assert sorted(e.id for e in store.events()) == ids
    assert {p.name for p in store.parties()} == {"Israel", "Egypt", "Qatar"}
    delete_import(store, again, log.id)
    assert store.export_data() == before


def _indexes(store):
    return store.db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                            "WHERE type IN ('index', 'trigger') ORDER BY name").fetchall()


def test_an_import_leaves_every_index_as_it_was_and_one_revision_per_record(store, csv_path):
    indexes = _indexes(store)
    table, plan = _plan(store, csv_path)
    insert_import(store, plan.data, log_entry(table, MAPPING, plan))
    # the new case's tables were empty, so their indexes were built again after the
    # rows; the list-key triggers, set aside for the insert, are back too
    assert _indexes(store) == indexes
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert [e.title for e in store.events(text="Talks")] == ["Talks"]  # found by its indexes
    for record_id in [r.id for r in (*plan.data.parties, *plan.data.sources,
                                     *plan.data.events, *plan.data.positions)]:
        (revision,) = store.revisions(record_id)
        assert revision.what == "import" and revision.note == csv_path.name


def test_indexes_are_set_aside_only_for_tables_the_import_at_least_doubles(store):
    from negotiations_gui.store.bulk_indexes import tables_to_rebuild

    for name in ("A", "B", "C"):
        store.add_party(Party(name))
    assert tables_to_rebuild(store.db, {"parties": 2, "events": 1, "positions": 0}) == ["events"]
    assert tables_to_rebuild(store.db, {"parties": 3}) == ["parties"]


def test_links_added_after_an_import_still_update_the_list_keys(store, csv_path):
    from ..store.test_list_sort_keys import assert_keys_read_as_cells

    table, plan = _plan(store, csv_path)
    insert_import(store, plan.data, log_entry(table, MAPPING, plan))
    assert_keys_read_as_cells(store)  # written by the import itself
    talks = store.event(plan.data.events[0].id)
    store.update_event(dataclasses.replace(talks, tags=("zeta", "alpha"),
                                           party_ids=talks.party_ids[:1]))
    assert_keys_read_as_cells(store)  # kept by the triggers, back after the import
    assert store.db.execute("SELECT list_tags FROM events WHERE id = ?",
                            [talks.id]).fetchone() == ("alpha, zeta",)


def test_imported_events_keep_their_stamps_as_microseconds(store, csv_path):
    table, plan = _plan(store, csv_path)
    insert_import(store, plan.data, log_entry(table, MAPPING, plan))
    assert store.db.execute("SELECT DISTINCT typeof(created_at), typeof(updated_at) "
                            "FROM events").fetchall() == [("integer", "integer")]
    first, second = (store.event(e.id) for e in plan.data.events)
    assert first.created_at < second.created_at  # file order, as the positions' texts
    assert first.created_at.endswith("+00:00") and first.updated_at == first.created_at
