"""The store's pages of the event list sorted by its mostly-empty keys, timed alone.

For `list_at_scale.py --steps pages`. Per column (End, Issues, Tags, Sources,
Description; Title for comparison) and direction, the median of 3 of:

- "first": the first 200 rows (`after(None, 200)`, what a sort shows first);
- "next": the 200 after those (a page scrolled);
- "keyless": 200 after the middle one of the rows without the key (a page
  inside that part, wherever it lies in the order);
- "across": the page that crosses from one part into the other (ascending,
  after the last keyless row; descending, after the last row with the key);
- "end": the last 200: the other direction's first 200, then the page after
  its last (a jump to the end);
- "filtered": the first 200 matching "P1" (a party's short name, 27% of the
  events), and "filtered end", the same at the end.

The rows the bounds start from are found outside the timing.
"""

from __future__ import annotations

import statistics
import time

_PAGE = 200
_COLUMNS = ("End", "Issues", "Tags", "Sources", "Description", "Title")
_KEYLESS = {"End": "end_date IS NULL", "Issues": "list_issues = ''", "Tags": "list_tags = ''",
            "Sources": "list_sources = ''", "Description": "description = ''"}


def _ms(step) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        step()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _keyless_keys(store, title: str, descending: bool) -> tuple[tuple | None, tuple | None]:
    """(the middle keyless row's key, the key of the last row before the order crosses
    between the keyless rows and the others: ascending the last keyless row, descending
    the last keyed one), or Nones."""
    if title not in _KEYLESS:
        return None, None
    rowids = [r[0] for r in store.db.execute(
        f"SELECT n FROM events NOT INDEXED WHERE {_KEYLESS[title]} ORDER BY n")]
    if not rowids:
        return None, None
    last_keyless = ("", rowids[-1])
    if not descending:
        return ("", rowids[len(rowids) // 2]), last_keyless
    ascending = store.record_listing("event", title)
    first_keyed = ascending.after(last_keyless, 1)
    return ("", rowids[len(rowids) // 2]), (ascending.key_of(first_keyed[0])
                                            if first_keyed else None)


def _end(store, title: str, descending: bool, needle: str = "") -> None:
    other = store.record_listing("event", title, not descending, needle)
    last = other.after(None, _PAGE)
    listing = store.record_listing("event", title, descending, needle)
    listing.after(listing.key_of(last[-1]) if last else None, _PAGE)


def store_pages(store) -> None:
    print(f"  store pages of {_PAGE} rows, ms (median of 3):", flush=True)
    for title in _COLUMNS:
        for descending in (False, True):
            listing = store.record_listing("event", title, descending)
            after_first = listing.key_of(listing.after(None, _PAGE)[-1])
            middle, edge = _keyless_keys(store, title, descending)
            times = {
                "first": _ms(lambda ls=listing: ls.after(None, _PAGE)),
                "next": _ms(lambda ls=listing, k=after_first: ls.after(k, _PAGE)),
            }
            if middle is not None:
                times["keyless"] = _ms(lambda ls=listing, k=middle: ls.after(k, _PAGE))
            if edge is not None:
                times["across"] = _ms(lambda ls=listing, k=edge: ls.after(k, _PAGE))
            times["end"] = _ms(lambda t=title, d=descending: _end(store, t, d))
            filtered = store.record_listing("event", title, descending, "P1")
            times["filtered"] = _ms(lambda ls=filtered: ls.after(None, _PAGE))
            times["filtered end"] = _ms(lambda t=title, d=descending: _end(store, t, d, "P1"))
            words = ", ".join(f"{name} {ms:.1f}" for name, ms in times.items())
            print(f"    {title} {'desc' if descending else 'asc'}: {words}; "
                  f"worst {max(times.values()):.1f}", flush=True)
