"""Events' stamps as integers (store/stamps.py, schema m014): the text comes back as it
went in, in Python and in the migration's SQL, and comparisons with a moment hold."""

import datetime as dt
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from negotiations_gui.store import stamps

_UTC_TIMES = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                          timezones=st.just(dt.UTC))


@given(_UTC_TIMES)
def test_a_canonical_stamp_is_an_integer_and_comes_back_as_the_same_text(moment):
    text = moment.isoformat(timespec="microseconds")
    stored = stamps.encode(text)
    assert isinstance(stored, int) and stamps.decode(stored) == text


@given(_UTC_TIMES)
def test_the_migration_sql_stores_what_encode_stores(moment):
    text = moment.isoformat(timespec="microseconds")
    conn = sqlite3.connect(":memory:")
    assert conn.execute(f"SELECT {stamps.stored_sql('?1')}", [text]).fetchone()[0] == \
        stamps.encode(text)


@given(_UTC_TIMES, _UTC_TIMES)
def test_integers_order_as_the_texts_did(a, b):
    ta, tb = (m.isoformat(timespec="microseconds") for m in (a, b))
    assert (stamps.encode(ta) < stamps.encode(tb)) == (ta < tb)


def test_other_forms_are_kept_as_written():
    conn = sqlite3.connect(":memory:")
    for text in ("2025-08-12T09:30:00+00:00", "2025-08-12T11:30:00.000000+02:00",
                 "2025-02-30T09:30:00.000000+00:00", "2025-08-12 09:30:00.000000+00:00",
                 "0000-01-01T00:00:00.000000+00:00", "", "soon"):
        assert stamps.encode(text) == text and stamps.decode(text) == text
        assert conn.execute(f"SELECT {stamps.stored_sql('?1')}", [text]).fetchone()[0] == text


def test_created_after_compares_integers_and_texts_each_with_their_like():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id, created_at INTEGER)")
    rows = {"old": "2025-01-01T00:00:00.000000+00:00", "new": "2025-03-01T00:00:00.000000+00:00",
            "old text": "2025-01-01T00:00:00+00:00", "new text": "2025-03-01T00:00:00+00:00"}
    conn.executemany("INSERT INTO t VALUES (?, ?)",
                     [(k, stamps.encode(v)) for k, v in rows.items()])
    where, params = stamps.created_after("created_at", "2025-02-01T00:00:00.000000+00:00")
    found = {r[0] for r in conn.execute(f"SELECT id FROM t WHERE {where}", params)}
    assert found == {"new", "new text"}
