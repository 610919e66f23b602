"""Indexes built again after a bulk insert (store/bulk_indexes.py): the sort's memory is
bounded while they are built, and the connection's page cache is as it was after."""

import pytest

from negotiations_gui.store.bulk_indexes import SORT_CACHE_KIB, create_indexes, drop_indexes


def _cache_sizes_seen(store, monkeypatch) -> list[int]:
    """The connection's cache_size as each CREATE INDEX starts."""
    seen: list[int] = []
    execute = type(store.db).execute

    def watched(db, sql, *args, **kwargs):
        if sql.startswith("CREATE INDEX"):
            seen.append(execute(db, "PRAGMA cache_size").fetchone()[0])
        return execute(db, sql, *args, **kwargs)

    monkeypatch.setattr(type(store.db), "execute", watched)
    return seen


@pytest.mark.parametrize("cache", [-4 * SORT_CACHE_KIB, 200_000])
def test_a_large_page_cache_is_bounded_for_the_sort_and_put_back(store, monkeypatch, cache):
    store.db.execute(f"PRAGMA cache_size = {cache}")  # KiB when negative, else pages
    with store.db.atomic():
        dropped = drop_indexes(store.db, ["positions"])["positions"]
        seen = _cache_sizes_seen(store, monkeypatch)
        create_indexes(store.db, dropped)
    assert seen == [-SORT_CACHE_KIB] * len(dropped) and dropped
    assert store.db.execute("PRAGMA cache_size").fetchone()[0] == cache
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_small_page_cache_is_left_as_it_is(store, monkeypatch):
    store.db.execute("PRAGMA cache_size = -2000")
    with store.db.atomic():
        dropped = drop_indexes(store.db, ["events"])["events"]
        seen = _cache_sizes_seen(store, monkeypatch)
        create_indexes(store.db, dropped)
    assert seen == [-2000] * len(dropped) and dropped
    assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -2000
