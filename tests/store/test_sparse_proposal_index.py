"""Schema m018 (store/m018_sparse_proposal_index.py): positions_by_proposal holds only the
positions that answer a proposal; an older file is migrated after a backup and keeps
its positions and their proposals; every read by proposal still seeks the index."""

import sqlite3

from negotiations_gui.domain import Proposal, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.bulk_indexes import create_indexes, drop_indexes
from negotiations_gui.store.connection import create_database
from negotiations_gui.store.schema import SCHEMA_VERSION
from negotiations_gui.store.validation import schema_problems

from .helpers import d, position, seed_old_file, two_principals

_STAMP = "2025-01-01T00:00:00.000000+00:00"
_PARTIAL = ("CREATE INDEX positions_by_proposal ON positions(proposal_id) "
            "WHERE proposal_id IS NOT NULL")


def _index_sql(db) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE name = 'positions_by_proposal'"
                      ).fetchone()[0]


def _file_before_m018(path):
    """A file as m017 left it: a proposal, one position answering it, two answering none."""
    create_database(path, stop_before="m018_sparse_proposal_index")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    seed_old_file(conn)
    conn.execute("INSERT INTO proposals (id, date, title, status, created_at, updated_at) "
                 "VALUES ('q1', '2025-08-01', 'Egyptian plan', 'presented', ?, ?)",
                 [_STAMP, _STAMP])
    for n, proposal in enumerate(("q1", None, None)):
        conn.execute("INSERT INTO positions (id, party_id, issue_id, date, stance, "
                     "proposal_id, created_at, updated_at) VALUES (?, 'p1', 'i1', ?, "
                     "'offers', ?, ?, ?)", [f"x{n}", f"2025-08-0{n + 2}", proposal,
                                            _STAMP, _STAMP])
    conn.execute("COMMIT")
    assert "WHERE" not in _index_sql(conn)  # the full index, as m001 made it
    conn.close()


def test_an_older_file_is_migrated_after_a_backup_and_keeps_its_answers(tmp_path):
    path = tmp_path / "old.nego"
    _file_before_m018(path)
    with CaseStore.open(path) as store:
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert _index_sql(store.db) == _PARTIAL
        assert {p.id: p.proposal_id for p in store.positions()} == {
            "x0": "q1", "x1": None, "x2": None}
        assert store.db.execute("SELECT count(*) FROM positions INDEXED BY "
                                "positions_by_proposal WHERE proposal_id = 'q1'"
                                ).fetchone()[0] == 1
        removed = store.delete_proposal("q1")
        assert [p.id for p in removed.positions] == ["x0"]
        assert store.position("x0").proposal_id is None
        store.restore(removed)
        assert store.position("x0").proposal_id == "q1"
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert schema_problems(store.db.conn) == []
    backup = sqlite3.connect(f"file:{store.backup_path}?mode=ro", uri=True)
    assert "WHERE" not in _index_sql(backup)
    backup.close()


def test_a_new_file_has_the_partial_index(store):
    assert _index_sql(store.db) == _PARTIAL


def test_each_read_of_the_positions_answering_a_proposal_seeks_the_index(store):
    """Deleting a proposal finds the positions that answered it (to keep them in its
    undo) and empties their link (ON DELETE SET NULL): seeks, not a scan of positions."""
    israel, _ = two_principals(store)
    issue = store.issues()[0]
    proposal = store.add_proposal(Proposal(d("2025-08"), "Plan"))
    answer = position(store, israel, issue, "2025-08", Stance.REJECTS, proposal_id=proposal.id)
    position(store, israel, issue, "2025-09", Stance.OFFERS)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        removed = store.delete_proposal(proposal.id)
    finally:
        store.db.conn.set_trace_callback(None)
    assert [p.id for p in removed.positions] == [answer.id]
    assert store.position(answer.id).proposal_id is None
    reads = [s for s in statements if "proposal_id =" in s and "positions" in s]
    assert reads
    for sql in reads:
        # (the trace shows each statement with its values in place)
        plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "INDEX positions_by_proposal (proposal_id=?)" in plan, (sql, plan)
    # the action SQLite runs for the foreign key is the same seek
    plan = " ".join(row[3] for row in store.db.execute(
        "EXPLAIN QUERY PLAN UPDATE positions SET proposal_id = NULL WHERE proposal_id = ?",
        [proposal.id]))
    assert "INDEX positions_by_proposal (proposal_id=?)" in plan, plan


def test_a_bulk_insert_leaves_the_partial_index_as_it_is(store):
    """It gains no entry from positions that answer no proposal, which is every one an
    import writes: building it again would read the whole table for nothing."""
    israel, _ = two_principals(store)
    proposal = store.add_proposal(Proposal(d("2025-08"), "Plan"))
    answer = position(store, israel, store.issues()[0], "2025-08", Stance.REJECTS,
                      proposal_id=proposal.id)
    with store.db.atomic():
        dropped = drop_indexes(store.db, ["positions"])
        assert _index_sql(store.db) == _PARTIAL
        assert not any("positions_by_proposal" in sql for sql in dropped["positions"])
        create_indexes(store.db, dropped["positions"])
    removed = store.delete_proposal(proposal.id)
    assert [p.id for p in removed.positions] == [answer.id]
