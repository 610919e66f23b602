"""SQLite errors are sorted by result code, extended codes included, never by message text
(as qutebrowser's misc/sql.py sorts them, tested against every code)."""

import sqlite3

import pytest

from negotiations_gui.store import (
    CaseFileError,
    DamagedFileError,
    DiskFullError,
    LockedError,
    NotACaseFile,
    ReadOnlyError,
)
from negotiations_gui.store.errors import classify, is_damage

# SQLite's primary result codes (https://sqlite.org/rescode.html) and what each means here:
# a known error of the user's environment (its class), or None for a bug in this app.
PRIMARY = {
    "SQLITE_OK": None, "SQLITE_ERROR": None, "SQLITE_INTERNAL": None, "SQLITE_PERM": ReadOnlyError,
    "SQLITE_ABORT": None, "SQLITE_BUSY": LockedError, "SQLITE_LOCKED": LockedError,
    "SQLITE_NOMEM": CaseFileError, "SQLITE_READONLY": ReadOnlyError, "SQLITE_INTERRUPT": None,
    "SQLITE_IOERR": CaseFileError, "SQLITE_CORRUPT": DamagedFileError, "SQLITE_NOTFOUND": None,
    "SQLITE_FULL": DiskFullError, "SQLITE_CANTOPEN": CaseFileError,
    "SQLITE_PROTOCOL": LockedError, "SQLITE_EMPTY": None, "SQLITE_SCHEMA": None,
    "SQLITE_TOOBIG": CaseFileError, "SQLITE_CONSTRAINT": None, "SQLITE_MISMATCH": None,
    "SQLITE_MISUSE": None, "SQLITE_NOLFS": CaseFileError, "SQLITE_AUTH": None,
    "SQLITE_FORMAT": None, "SQLITE_RANGE": None, "SQLITE_NOTADB": NotACaseFile,
    "SQLITE_NOTICE": None, "SQLITE_WARNING": None, "SQLITE_ROW": None, "SQLITE_DONE": None,
}
# Extended codes whose meaning differs from their primary code's.
EXTENDED = {
    "SQLITE_IOERR_SHORT_READ": DamagedFileError,  # the file was cut short
    "SQLITE_IOERR_CORRUPTFS": DamagedFileError,
    "SQLITE_IOERR_DATA": DamagedFileError,
    "SQLITE_READONLY_DBMOVED": ReadOnlyError,
    "SQLITE_READONLY_DIRECTORY": ReadOnlyError,
    "SQLITE_BUSY_SNAPSHOT": LockedError,
}
DAMAGE = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ",
          "SQLITE_IOERR_CORRUPTFS", "SQLITE_IOERR_DATA"}


def _every_result_code():
    """Every result code the sqlite3 module names: the primary codes and, for each, its
    extended codes (SQLITE_<PRIMARY>_<DETAIL>; the module's other SQLITE_* names are
    authorizer actions and limits, not result codes)."""
    for primary in PRIMARY:
        yield primary
        yield from sorted(n for n in dir(sqlite3) if n.startswith(primary + "_")
                          and not any(n.startswith(p + "_") for p in PRIMARY
                                      if len(p) > len(primary) and p.startswith(primary)))


def _expected(name):
    if name in EXTENDED:
        return EXTENDED[name]
    primary = max((p for p in PRIMARY if name == p or name.startswith(p + "_")), key=len)
    return PRIMARY[primary]


def _error(name):
    exc = sqlite3.OperationalError("a message that says nothing useful")
    exc.sqlite_errorcode = getattr(sqlite3, name)
    exc.sqlite_errorname = name
    return exc


@pytest.mark.parametrize("name", list(_every_result_code()))
def test_every_result_code_is_sorted(name, tmp_path):
    known = classify(_error(name), tmp_path / "case.nego")
    expected = _expected(name)
    if expected is None:
        assert known is None, f"{name} is a bug, not the user's environment"
    else:
        assert type(known) is expected
        assert str(tmp_path / "case.nego") in str(known)  # names the file
        # in our words (SQLite's may follow, in brackets, as a detail for support)
        assert not known.problem.startswith("a message")
    damage = name in DAMAGE or name.startswith("SQLITE_CORRUPT_")
    assert is_damage(_error(name)) == damage


def test_the_list_covers_the_module():
    codes = set(_every_result_code())
    assert {"SQLITE_BUSY_SNAPSHOT", "SQLITE_CORRUPT_INDEX", "SQLITE_IOERR_SHMSIZE",
            "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_READONLY_DBMOVED"} <= codes
    assert "SQLITE_INSERT" not in codes and "SQLITE_LIMIT_LENGTH" not in codes


@pytest.mark.parametrize("message", [
    "database is locked", "attempt to write a readonly database", "database or disk is full",
    "database disk image is malformed"])
def test_message_text_alone_is_not_trusted(message):
    """An error with no code (raised by Python's module itself) is a bug, whatever it says."""
    assert classify(sqlite3.OperationalError(message), None) is None


def test_real_errors_carry_their_codes(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.db")
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    assert caught.value.sqlite_errorcode == sqlite3.SQLITE_CONSTRAINT_UNIQUE
    assert classify(caught.value, tmp_path / "a.db") is None  # our bug, shown as one
    conn.close()
