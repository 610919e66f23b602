"""An import's plan checked again under the write lock, against what is in the file now.

A plan is made from the case as it was when the file was read; another
writer (a second `import-csv`, the window) may have added the same party or
source since. Inside the import's transaction, after the write lock is
taken, every record the plan would create is matched once more by name, as
planning matched it: a party or source that exists now is used instead of
being created twice, and the new parties are numbered after the last one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..domain import CaseData
from ..domain.names import name_key
from .case_store import CaseStore


def take_write_lock(store: CaseStore) -> None:
    """Hold SQLite's write lock from here to the end of the open transaction.

    A transaction begins deferred: reads see a snapshot, and a write after
    another writer's commit would fail. A write statement that changes nothing
    takes the lock at once (waiting the busy timeout for another writer), so
    the reads that follow see the latest committed case and nothing can slip
    in before this transaction commits.
    """
    store.db.execute("DELETE FROM import_log WHERE 0")


def match_again(store: CaseStore, data: CaseData) -> CaseData:
    """`data` with parties, issues and sources created meanwhile matched, not duplicated."""
    named, same = match_named(store, data)
    return _remapped(data, same, named.parties) if same else named


def match_named(store: CaseStore, data: CaseData) -> tuple[CaseData, dict[str, str]]:
    """The parties, issues and sources of `data` still to create (the parties numbered
    after the case's last), and planned id -> existing id for those created meanwhile."""
    if not data.parties and not data.sources and not data.issues:
        return data, {}
    parties = _existing(store, "SELECT id, name, short_name FROM parties")
    sources = _existing(store, "SELECT id, title, location FROM sources")
    issues = _existing(store, "SELECT id, name, pax_code FROM issues")
    same = {p.id: parties[name_key(p.name)] for p in data.parties
            if name_key(p.name) in parties}
    same.update({i.id: issues[name_key(i.name)] for i in data.issues
                 if name_key(i.name) in issues})
    same.update({s.id: sources[_source_key(s)] for s in data.sources
                 if _source_key(s) in sources})
    new_parties = [p for p in data.parties if p.id not in same]
    base = store.db.execute("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM parties").fetchone()[0]
    first = min((p.sort_order for p in new_parties), default=base)
    if not same and first >= base:
        return data, {}
    new_parties = [replace(p, sort_order=base + n) for n, p in enumerate(new_parties)]
    return replace(data, parties=tuple(new_parties),
                   issues=tuple(i for i in data.issues if i.id not in same),
                   sources=tuple(s for s in data.sources if s.id not in same)), same


def remapped_rows(rows: Iterable, same: dict[str, str]) -> Iterator:
    """Rows (`RowRecords`) naming records created meanwhile, with their ids instead."""
    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(same.get(v, v) for v in values))

    for event, positions in rows:
        if event is not None:
            event = (*event[:6], ids(event[6]), ids(event[7]), event[8], ids(event[9]))
        positions = tuple((p[0], same.get(p[1], p[1]), same.get(p[2], p[2]), *p[3:7],
                           ids(p[7]), p[8]) for p in positions)
        yield event, positions


def _existing(store: CaseStore, sql: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for record_id, *names in store.db.execute(sql).fetchall():
        for name in names:
            if name and name.strip():
                found.setdefault(name_key(name), record_id)
    return found


def _source_key(source) -> str:
    return name_key(source.location or source.title)


def _remapped(data: CaseData, same: dict[str, str], parties: tuple) -> CaseData:
    # (parties: those still to create, renumbered)
    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(same.get(v, v) for v in values))

    events = tuple(replace(e, party_ids=ids(e.party_ids), source_ids=ids(e.source_ids),
                           issue_ids=ids(e.issue_ids))
                   if any(v in same for v in e.party_ids + e.source_ids + e.issue_ids) else e
                   for e in data.events)
    positions = tuple(replace(p, party_id=same.get(p.party_id, p.party_id),
                              issue_id=same.get(p.issue_id, p.issue_id),
                              source_ids=ids(p.source_ids))
                      if p.party_id in same or p.issue_id in same
                      or any(v in same for v in p.source_ids) else p
                      for p in data.positions)
    return replace(data, parties=parties,
                   issues=tuple(i for i in data.issues if i.id not in same),
                   sources=tuple(s for s in data.sources if s.id not in same),
                   events=events, positions=positions)
