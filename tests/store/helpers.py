"""Small builders for store tests."""

from negotiations_gui.domain import Party, PartyRole, Position, Stance

from ..dates import d


def two_principals(store):
    israel = store.add_party(Party("Israel", "ISR", PartyRole.PRINCIPAL, sort_order=0))
    hamas = store.add_party(Party("Hamas", "HAM", PartyRole.PRINCIPAL, sort_order=1))
    return israel, hamas


def position(store, party, issue, date, stance=Stance.UNCLEAR, summary="", **kw):
    return store.add_position(Position(party.id, issue.id, d(date), stance, summary, **kw))


OLD_STAMP = "2025-01-01T00:00:00.000000+00:00"


def seed_old_file(conn):
    """The case, party 'p1' (Israel) and issue 'i1' (Hostages) of an older file built by
    hand (`create_database(..., stop_before=...)`), written on `conn` in its transaction."""
    conn.execute("INSERT INTO case_info VALUES (1, 'Old case', '', '', ?, ?)",
                 [OLD_STAMP, OLD_STAMP])
    conn.execute("INSERT INTO parties (id, name, short_name, role, colour, sort_order, "
                 "created_at, updated_at) VALUES ('p1', 'Israel', 'ISR', 'principal', '', 0, "
                 "?, ?)", [OLD_STAMP, OLD_STAMP])
    conn.execute("INSERT INTO issues (id, name, sort_order, created_at, updated_at) "
                 "VALUES ('i1', 'Hostages', 0, ?, ?)", [OLD_STAMP, OLD_STAMP])
