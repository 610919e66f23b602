"""A restore of many events (a JSON import, a big undo) builds their indexes after the rows."""

import sqlite3

import pytest

from negotiations_gui.domain import CaseData, Event, Party, PartyRole
from negotiations_gui.store import record_writes

from .helpers import d


def _indexes(store):
    return store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                            "tbl_name IN ('events', 'event_party_links') ORDER BY name"
                            ).fetchall()


def _pages(store):
    return dict(store.db.execute(
        "SELECT name, count(*) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = 'events') GROUP BY name").fetchall())


def _events(party, count, first=0):
    return tuple(Event(date=d(f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"),
                       title=f"Talks {n * 7919 % count}", party_ids=(party.id,))
                 for n in range(first, first + count))


@pytest.fixture
def bulk(monkeypatch):
    monkeypatch.setattr(record_writes, "BULK_EVENTS", 500)


def test_a_bulk_restore_leaves_the_indexes_as_packed_as_built_afresh(store, bulk):
    party = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR))
    kept = _indexes(store)
    store.restore(CaseData(events=_events(party, 2000)))
    assert _indexes(store) == kept
    packed = _pages(store)
    store.db.execute("REINDEX events")
    assert _pages(store) == packed
    (found,) = store.db.execute("SELECT count(*) FROM events WHERE title = 'Talks 5'"
                                ).fetchone()
    assert found == 1


def test_a_bulk_restore_that_fails_leaves_the_case_and_its_indexes(store, bulk):
    party = store.add_party(Party("Egypt", "EGY", PartyRole.MEDIATOR))
    store.restore(CaseData(events=_events(party, 600)))
    kept, count = _indexes(store), store.db.execute("SELECT count(*) FROM events").fetchone()
    broken = (*_events(party, 700, first=600),
              Event(date=d("2025-08-01"), title="Nobody's", party_ids=("no-such-party",)))
    with pytest.raises(sqlite3.IntegrityError):
        store.restore(CaseData(events=broken))
    assert _indexes(store) == kept
    assert store.db.execute("SELECT count(*) FROM events").fetchone() == count
