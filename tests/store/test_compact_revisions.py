"""A creation's revision keeps no copy of the record's values, yet reads back with them."""

import dataclasses

from negotiations_gui.domain import CaseData, Event, Stance

from .helpers import d, position, two_principals


def _stored(store, record_id):
    return store.db.execute("SELECT before, after FROM revisions WHERE record_id = ? "
                            "ORDER BY change", [record_id]).fetchall()


def test_a_restored_case_stores_its_records_once(store):
    israel, _ = two_principals(store)
    events = tuple(Event(date=d(f"2025-08-{n + 1:02d}"), title=f"Talks {n}",
                         party_ids=(israel.id,)) for n in range(20))
    store.restore(CaseData(events=events))
    assert all(_stored(store, e.id) == [(None, None)] for e in events)
    (created,) = store.revisions(events[3].id)
    assert created.what == "restore" and created.before is None
    assert created.after["title"] == "Talks 3" and created.after["party_ids"] == [israel.id]


def test_a_created_record_reads_back_with_the_values_it_was_created_with(store):
    israel, _ = two_principals(store)
    p = position(store, israel, store.issues()[0], "2025-08-12", Stance.OFFERS, "First")
    store.update_position(dataclasses.replace(p, summary="Second"))
    store.update_position(dataclasses.replace(p, summary="Third"))
    assert _stored(store, p.id)[0] == (None, None)
    created, first_edit, _ = store.revisions(p.id)
    assert created.after["summary"] == "First"  # the record says "Third" now
    assert first_edit.before["summary"] == "First" and first_edit.after["summary"] == "Second"
