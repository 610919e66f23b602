"""The event list's sort keys (schema m010) read what the cells show, after every kind
of write, and the list's pages sorted by them are index seeks."""

import dataclasses
import sqlite3

import pytest

from negotiations_gui.domain import Event, Issue, Party, Source
from negotiations_gui.importing import plan_import, read_csv
from negotiations_gui.importing.job import case_context, log_entry
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.csv_import import delete_import, insert_import
from negotiations_gui.store.json_io import case_to_dict, dump_case, import_case_file, write_json
from negotiations_gui.store.list_order import ListOrder
from negotiations_gui.store.merge import apply_merge, plan_from_file
from negotiations_gui.store.record_lists import LISTS

from ..dates import d
from ..importing.test_store_import import MAPPING, write_rows

_KEYS = ("list_parties", "list_issues", "list_tags", "list_sources")


def expected_keys(store) -> dict[str, tuple[str, ...]]:
    """Each event's cells for Parties, Issues, Tags and Sources, worked out in Python."""
    parties = {p.id: p.label for p in store.parties()}
    issues = {i.id: i.name for i in store.issues()}
    sources = {s.id: f"{s.title} ({s.grade})" for s in store.sources()}
    return {e.id: (", ".join(parties[i] for i in e.party_ids),
                   ", ".join(issues[i] for i in e.issue_ids),
                   ", ".join(e.tags),
                   ", ".join(sources[i] for i in e.source_ids)) for e in store.events()}


def stored_keys(store) -> dict[str, tuple[str, ...]]:
    return {r[0]: tuple(r[1:]) for r in store.db.execute(
        f"SELECT id, {', '.join(_KEYS)} FROM events")}


def assert_keys_read_as_cells(store):
    assert stored_keys(store) == expected_keys(store)


@pytest.fixture
def named(store):
    """Two parties, an issue, a source and two events naming them."""
    israel = store.add_party(Party("Israel", "ISR"))
    egypt = store.add_party(Party("Egypt"))
    issue = store.add_issue(Issue("Hostages"))
    source = store.add_source(Source("Report", reliability="B", credibility=2))
    both = store.add_event(Event(d("2025-08-12"), "Talks", party_ids=(israel.id, egypt.id),
                                 issue_ids=(issue.id,), tags=("Cairo", "b"),
                                 source_ids=(source.id,)))
    alone = store.add_event(Event(d("2025-08"), "Visit", party_ids=(egypt.id,)))
    return store, israel, egypt, issue, source, both, alone


def test_keys_follow_edits_renames_deletions_and_undo(named):
    store, israel, egypt, issue, source, both, alone = named
    assert stored_keys(store)[both.id][0] in ("ISR, Egypt", "Egypt, ISR")
    assert_keys_read_as_cells(store)
    store.update_event(dataclasses.replace(alone, party_ids=(israel.id,), tags=("new",)))
    assert_keys_read_as_cells(store)
    store.update_party(dataclasses.replace(israel, short_name=""))  # now "Israel"
    store.update_issue(dataclasses.replace(issue, name="Prisoners"))
    store.update_source(dataclasses.replace(source, reliability="E"))
    assert_keys_read_as_cells(store)
    assert stored_keys(store)[both.id][3] == "Report (E2)"
    removed = store.delete_party(egypt.id)  # its events lose it (cascade)
    assert_keys_read_as_cells(store)
    assert stored_keys(store)[both.id][0] == "Israel"
    store.restore(removed)  # undo: the party and its links come back
    assert_keys_read_as_cells(store)
    store.delete_source(source.id)
    store.delete_event(alone.id)
    assert_keys_read_as_cells(store)


def test_recolouring_a_party_leaves_its_events_rows_alone(named):
    store, israel, *_ = named
    changes = store.db.conn.total_changes
    store.update_party(dataclasses.replace(israel, colour="#000000"))
    # the party row and its revision: no event's key was rewritten
    assert store.db.conn.total_changes - changes < 5


def test_csv_import_and_its_undo_keep_the_keys(store, tmp_path):
    path = write_rows(tmp_path / "events.csv", [
        ["Date", "End", "Title", "Parties", "Tags", "Source", "Ce"],
        ["2025-08-12", "", "Talks", "Israel, Egypt", "cairo, Doha", "Report A", "1"],
        ["Aug 2025", "Sep 2025", "Period", "Qatar", "", "", "0"],
    ])
    store.add_party(Party("Israel", "ISR"))
    table = read_csv(path)
    plan = plan_import(table, MAPPING, case_context(store))
    log = log_entry(table, MAPPING, plan)
    inserted = insert_import(store, plan.data, log)
    assert_keys_read_as_cells(store)
    # tags as the cell shows them: by code point, so "D" before "c"
    assert sorted(k[2] for k in stored_keys(store).values()) == ["", "Doha, cairo"]
    delete_import(store, inserted, log.id)
    assert stored_keys(store) == {}


def test_json_import_and_merge_keep_the_keys(named, tmp_path):
    store, _israel, egypt, *_ = named
    exported = tmp_path / "case.json"
    write_json(dump_case(store.export_data()), exported)
    assert case_to_dict(store.export_data())["events"]
    imported = tmp_path / "imported.nego"
    import_case_file(exported, imported)
    with CaseStore.open(imported) as copy:
        assert_keys_read_as_cells(copy)
    other = tmp_path / "other.nego"
    store.save_copy(other)
    with CaseStore.open(other) as theirs:
        theirs.update_party(dataclasses.replace(theirs.party(egypt.id), short_name="EGY"))
        theirs.add_event(Event(d("2025-09-01"), "Later", party_ids=(egypt.id,),
                               tags=("merged",)))
    apply_merge(store, plan_from_file(store, other))
    assert_keys_read_as_cells(store)
    assert {k[0] for k in stored_keys(store).values()} >= {"EGY"}


def test_a_file_before_the_keys_gets_them_filled_after_a_backup(tmp_path):
    path = tmp_path / "v9.nego"
    create_database(path, stop_before="m010_list_sort_keys")
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO case_info VALUES (1, 'Case', '', '', '2025-01-01', '2025-01-01');
        INSERT INTO parties VALUES ('p1', 'Israel', 'ISR', 'principal', '#000000', 0, 'x', 'x');
        INSERT INTO parties VALUES ('p2', 'Hamas', '', 'principal', '#000000', 1, 'x', 'x');
        INSERT INTO events (id, date, title, kind, description, created_at, updated_at)
            VALUES ('e1', '2025-08-01', 'Talks', 'meeting', 'About the hostages', 'x', 'x');
        INSERT INTO events (id, date, title, kind, created_at, updated_at)
            VALUES ('e2', '2025-08-02', 'Visit', 'visit', 'x', 'x');
        INSERT INTO event_parties VALUES ('e1', 'p2'), ('e1', 'p1'), ('e2', 'p2');
        INSERT INTO event_tags VALUES ('e1', 'zeta'), ('e1', 'Alpha');
    """)
    conn.commit()
    conn.close()
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert stored_keys(store) == {"e1": ("ISR, Hamas", "", "Alpha, zeta", ""),
                                      "e2": ("Hamas", "", "", "")}
        assert_keys_read_as_cells(store)
        assert store.record_listing("event", "Parties").after(None, 5) == ["e2", "e1"]
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    columns = {r[1] for r in backup.execute("PRAGMA table_info(events)")}
    assert "list_parties" not in columns


@pytest.mark.parametrize("title", list(LISTS["event"][1]))
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_every_event_column_pages_by_an_index(store, title, direction):
    """Each part of the order (list_order.py) is read off an index or, the rows with
    no key of a partial index's column, off the table in rowid order; never sorted."""
    column = LISTS["event"][1][title]
    order = ListOrder(column.key, column.present, direction == "DESC")
    assert len(order.parts) == (1 if column.present is None else 2)
    for part in order.parts:
        for start in (None, ("", 7), ("x", 7)):
            bound = order.bound(part, "after", start, "")
            if bound is None:
                continue
            plan = " ".join(str(row) for row in store.db.execute(
                f"EXPLAIN QUERY PLAN SELECT t.id FROM events t WHERE {part.where} "
                f"AND {bound} {part.order} LIMIT 200", {"k": start and start[0], "r": 7}))
            assert "TEMP B-TREE" not in plan, plan
            if not part.empty:
                assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
            elif start is not None and start[0] == "":  # a later page: a seek by rowid
                assert "INTEGER PRIMARY KEY (rowid" in plan, plan


def test_descriptions_sort_by_their_first_32_characters_then_as_entered(store):
    same = "x" * 32
    ids = [store.add_event(Event(d("2025-08-01"), f"e{n}", description=text)).id
           for n, text in enumerate([same + "b", "Y", same + "a", "", same])]
    listing = store.record_listing("event", "Description")
    # "" < "x…" (32 of them, whatever follows, in the order entered) < "Y" (ASCII case ignored)
    assert listing.after(None, 10) == [ids[3], ids[0], ids[2], ids[4], ids[1]]

