"""Undo of an import deletes in bulk (store/import_undo.py): what it must still get right."""

import dataclasses

import pytest

from negotiations_gui.domain import Event, PartialDate
from negotiations_gui.importing.job import log_entry
from negotiations_gui.store.csv_import import delete_import, insert_import
from negotiations_gui.store.revision_values import to_values

from ..store.test_list_sort_keys import assert_keys_read_as_cells
from .test_store_import import MAPPING, _indexes, _plan, write_rows


@pytest.fixture
def csv_path(tmp_path):
    return write_rows(tmp_path / "events.csv", [
        ["Date", "End", "Title", "Parties", "Tags", "Source", "Ce"],
        ["2025-08-12", "", "Talks", "Israel, Egypt", "cairo", "Report A", "1"],
        ["2025-08-13", "", "More talks", "Egypt", "", "Report B", "0"],
    ])


def test_undo_keeps_indexes_triggers_and_the_keys_of_events_recorded_since(store, csv_path):
    indexes = _indexes(store)
    table, plan = _plan(store, csv_path)
    log = log_entry(table, MAPPING, plan)
    insert_import(store, plan.data, log)
    egypt = next(p for p in plan.data.parties if p.name == "Egypt")
    israel = next(p for p in plan.data.parties if p.name == "Israel")
    # recorded after the import, naming two parties the import created
    mine = store.add_event(Event(PartialDate.parse("2025-09-01"), "Briefing",
                                 party_ids=(egypt.id, israel.id)))
    talks = store.event(plan.data.events[0].id)
    store.update_event(dataclasses.replace(talks, title="Talks in Cairo"))  # edited since
    edited = to_values(store.event(talks.id))

    delete_import(store, plan.data, log.id)

    # the import's records are gone; the analyst's event stays, its list key recomputed
    # by the triggers that were set aside for the import's own rows and are back now
    assert [e.id for e in store.events()] == [mine.id]
    assert store.event(mine.id).party_ids == ()
    assert_keys_read_as_cells(store)
    assert _indexes(store) == indexes
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    # every deleted record is in the log with its values as they were when deleted
    for record in (*plan.data.events, *plan.data.positions, *plan.data.parties,
                   *plan.data.sources):
        last = store.revisions(record.id)[-1]
        assert last.after is None and last.before is not None, record
    assert store.revisions(talks.id)[-1].before == edited


def test_undo_of_an_import_into_a_larger_case_keeps_the_other_rows_indexed(store, csv_path):
    for n in range(10):  # more events than the import adds: its indexes are kept row by row
        store.add_event(Event(PartialDate.parse("2024-01-01"), f"Earlier {n}"))
    indexes = _indexes(store)
    table, plan = _plan(store, csv_path)
    log = log_entry(table, MAPPING, plan)
    insert_import(store, plan.data, log)
    delete_import(store, plan.data, log.id)
    assert _indexes(store) == indexes
    assert [e.title for e in store.events(text="Earlier 7")] == ["Earlier 7"]
    assert len(store.events()) == 10
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
