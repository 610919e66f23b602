"""A list's order as the parts SQLite reads it in (`RecordListing`, record_lists.py).

A list is sorted by (key, rowid). Most columns' keys have an index holding every
row, and the order is one ORDER BY over it. Some keys are empty in most rows of a
real case (an event's end date, tags, sources, issues, description): an index of
them held a million empty keys at a million events, 9 MiB each for nothing
(schema m014). Their indexes hold the rows with a key only (partial indexes,
`WHERE <present>`), and the list reads its order in two parts: the rows with no
key, which sort first (ascending) in the order entered, by rowid straight off the
table, and the rows with a key, by the partial index. The order is the same
(key, rowid) either way; only how it is read differs.

The cost: the keyless rows have no index, so finding them reads the table in
rowid order until a page of them is found. Where most events lack the key (the
case this was made for) that is a few rows; where almost every event has it,
the first page sorted ascending read the whole table to find the few or none
that do not (0.2-0.34 s at a million events). Such a file makes the key's index
full (`list_layout.py`, schema m015), and both parts are read off it: the
keyless rows as the run of '' keys at its front, by one seek (`key = ''`, then
rowid), not as ties of the whole order (`key >= ''` and a rowid compared row
by row: a page late among 100,000 keyless rows read all of them first).

A bound ("after this row", "up to this row") is worked out per part: a part
lies wholly before or after a row of the other part, so only the part that
holds the row needs its key compared.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One stretch of the order: the rows that `where` picks, read in `order`."""

    where: str
    order: str
    empty: bool  # the rows with no key (all keyed ''), read in rowid order
    split: bool  # one of two parts (not the one part of a whole order)
    # `where` is `key > ''`, which a lower bound on the key implies: given both, SQLite
    # may seek by the one that is no bound at all and read every keyed row before it
    lower_bound: bool = False


class ListOrder:
    """(key, rowid) ascending or descending, read in one part or two."""

    def __init__(self, key: str, present: str | None, descending: bool, full: bool = False):
        self.key = key
        self.descending = descending
        direction = "DESC" if descending else "ASC"
        self.order = f"ORDER BY {key} {direction}, t.rowid {direction}"
        if present is None:
            self.parts: tuple[Part, ...] = (Part("1", self.order, False, False),)
            return
        if full:  # the index holds every row (list_layout.py): both parts read off it
            empty = Part(f"{key} = ''", f"ORDER BY t.rowid {direction}", True, True)
            keyed = Part(f"{key} > ''", self.order, False, True, lower_bound=True)
        else:
            empty = Part(f"NOT ({present})", f"ORDER BY t.rowid {direction}", True, True)
            keyed = Part(present, self.order, False, True)
        self.parts = (keyed, empty) if descending else (empty, keyed)

    def where(self, part: Part, bounds: list[tuple[str, tuple | None, str]]) -> str | None:
        """SQL for the rows of `part` within every one of `bounds` ((relation, key,
        name) as for `bound`); None when no row of the part is."""
        wheres = [self.bound(part, *bound) for bound in bounds]
        if None in wheres:
            return None
        lower = {"before", "upto"} if self.descending else {"after"}
        implied = part.lower_bound and any(
            relation in lower and key is not None and key[0] != ""
            for relation, key, _ in bounds)
        return " AND ".join([*([] if implied else [part.where]),
                             *(w for w in wheres if w and w != "1")])

    def bound(self, part: Part, relation: str, key: tuple | None, name: str) -> str | None:
        """SQL for the rows of `part` that stand in `relation` ("after", "before",
        "upto": at or before) to the row keyed `key` (params :{name}k, :{name}r);
        None when no row of the part does, "1" when every one does."""
        if key is None:
            return "1"
        if part.split and part.empty != (key[0] == ""):  # the row is in the other part
            part_first = part.empty != self.descending
            wanted = relation != "after"  # rows before the row (or at it)
            return "1" if part_first == wanted else None
        later, earlier = (("<", ">") if self.descending else (">", "<"))
        k, r = f":{name}k", f":{name}r"
        if part.empty:
            sign = {"after": later, "before": earlier, "upto": earlier + "="}[relation]
            return f"t.rowid {sign} {r}"
        if relation == "after":
            return f"{self.key} {later}= {k} AND ({self.key} {later} {k} OR t.rowid {later} {r})"
        last = "=" if relation == "upto" else ""
        return (f"{self.key} {earlier}= {k} AND "
                f"({self.key} {earlier} {k} OR t.rowid {earlier}{last} {r})")

    def before(self) -> str:
        """SQL for every row (of any part) sorting before the row keyed :k, :r."""
        less, same = ((">", ">=") if self.descending else ("<", "<="))
        return f"{self.key} {same} :k AND ({self.key} {less} :k OR t.rowid {less} :r)"
