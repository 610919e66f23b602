"""'As known on K': the case as it was recorded up to a moment."""

import dataclasses

from negotiations_gui.domain import Event, Stance
from negotiations_gui.domain.revisions import parse_known_on

from .helpers import d, position, two_principals


def test_created_after_is_absent_edited_after_shows_its_value_then(store):
    israel, hamas = two_principals(store)
    hostages = store.issues()[0]
    kept = position(store, israel, hostages, "2025-08-01", Stance.DEMANDS, "All now")
    doomed = position(store, hamas, hostages, "2025-08-02", Stance.OFFERS, "Phased")
    moment = store.known_on_stamp()
    store.update_position(dataclasses.replace(kept, summary="Changed later"))
    store.delete_position(doomed.id)
    late = store.add_event(Event(d("2025-08-03"), "Recorded later"))
    store.delete_party(hamas.id)
    with store.as_known_on(moment) as past:
        assert past.read_only and past.known_on_stamp() == moment
        grid = past.positions_as_of(d("2025-12"))
        assert grid[(israel.id, hostages.id)].summary == "All now"
        assert grid[(hamas.id, hostages.id)].summary == "Phased"
        assert {p.name for p in past.parties()} == {"Israel", "Hamas"}
        assert past.events() == []
    now = store.positions_as_of(d("2025-12"))
    assert set(now) == {(israel.id, hostages.id)} and store.events()[0].id == late.id
    assert store.as_known_on(None) is store


def test_known_on_a_day_is_its_end_in_utc():
    assert parse_known_on("2025-08-20") == "2025-08-20T23:59:59.999999+00:00"
    assert parse_known_on("2025-08-20 14:02:03.123456 UTC") == \
        "2025-08-20T14:02:03.123456+00:00"
    assert parse_known_on("2025-08-20T16:02+02:00") == "2025-08-20T14:02:00.000000+00:00"
