"""Running the schema's pending migrations: all of them in one transaction.

A file is either upgraded all the way or left as it was: each migration runs in
a savepoint of one outer transaction (sqlite-utils' `Migrations.apply`, one
migration at a time), with `user_version` set inside it too, and nothing is
committed until the last has run and `progress` has seen the result. A crash, a
kill or a cancel (an error raised by `progress`, or SQLite interrupted) before
then leaves the file as it was; a cancel after the commit only stops the
compaction that may follow a table rebuild (integer_keys.rebuilding_tables).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from . import integer_keys

# progress(done, total, step): before migration number done + 1 of total, `step` its name;
# then BEFORE_COMMIT (done == total; raising there rolls everything back) and COMMITTED.
Progress = Callable[[int, int, str], None]
BEFORE_COMMIT = "before commit"
COMMITTED = "committed"


def apply_all(db: Database, migrations: Migrations, application_id: int,
              stop_before: str | None = None, progress: Progress | None = None) -> None:
    """Bring `db` up to date (or up to `stop_before`) in one transaction."""
    pending = [m.name for m in migrations.pending(db)]
    if stop_before in pending:
        pending = pending[:pending.index(stop_before)]
    with integer_keys.rebuilding_tables(db, set(pending)):
        outer = not db.conn.in_transaction
        if outer:
            db.execute("BEGIN IMMEDIATE")
        try:
            for done, name in enumerate(pending):
                if progress is not None:
                    progress(done, len(pending), name)
                # one at a time: apply() stops before the next one
                later = pending[done + 1:done + 2]
                migrations.apply(db, stop_before=later[0] if later else stop_before)
            applied = len(migrations.applied(db))
            db.execute(f"PRAGMA user_version = {applied}")
            db.execute(f"PRAGMA application_id = {application_id}")
            if progress is not None:
                progress(len(pending), len(pending), BEFORE_COMMIT)
        except BaseException:
            if outer and db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        if outer:
            db.execute("COMMIT")
        if progress is not None:
            progress(len(pending), len(pending), COMMITTED)
