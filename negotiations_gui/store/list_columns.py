"""The record lists' columns: how each sorts and how the filter finds it in SQL.

Per kind of record, the table and each column by the title the list shows
(`LISTS`); `RecordListing` (`record_lists.py`) reads them. See there for the
rules the orders and the filter follow.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..domain import PartyRole, ProposalStatus, Stance
from .event_keys import id_matches
from .list_keys import DESCRIPTION_KEY_CHARS, ISSUE_LABEL, PARTY_LABEL, SOURCE_LABEL
from .text_match import contains_sql

# contains the needle, ignoring the case of ASCII letters (LIKE's rule; it is
# several times faster than instr(lower(...)) over a million rows)
FOLD = contains_sql("{text}")  # LIKE, or instr for a needle LIKE cannot take (text_match.py)


def _labels(column: str, values: dict[str, str]) -> str:
    cases = " ".join(f"WHEN '{value}' THEN '{label}'" for value, label in values.items())
    return f"(CASE {column} {cases} ELSE {column} END)"


_PARTY_LABEL = PARTY_LABEL.format(p="p")
_NAMES = {  # how a record is named in another's cell: (table, SQL name)
    "parties": ("parties", _PARTY_LABEL),
    "issues": ("issues", ISSUE_LABEL.format(p="p")),
    "sources": ("sources", SOURCE_LABEL.format(p="p")),
}


def _joined_names(links: str, key: str, value: str, names: str, where: str = "") -> str:
    """One record's linked names joined by ', ' in id order, as the cell shows them."""
    table, name = _NAMES[names]
    return (f"coalesce((SELECT group_concat(name, ', ') FROM (SELECT {name} AS name "
            f"FROM {links} l JOIN {table} p ON p.id = l.{value} "
            f"WHERE l.{key} = t.id{where} ORDER BY l.{value})), '')")


def _names_match(links: str, key: str, value: str, names: str, where: str = "") -> str:
    """True when one of the record's linked names contains the needle: the row's
    links looked up by its id (`t.id IN (every link of a matching name)` built
    that set again for each query: 270,000 events of a party at 1M, 0.3 s a page)."""
    table, name = _NAMES[names]
    return (f"EXISTS (SELECT 1 FROM {links} l WHERE l.{key} = t.id AND l.{value} IN "
            f"(SELECT p.id FROM {table} p WHERE {FOLD.format(text=name)}){where})")


@dataclass(frozen=True)
class ListColumn:
    """How one list column sorts and is searched: `key` is a NOT NULL SQL value
    that orders as the cell reads; `text` the cell's text for the filter, or
    `match` a condition on the row (names of other records, found by name), or
    `dates` (date column, approximate column) for a date found as displayed."""

    key: str
    text: str | None = None
    match: str | None = None
    dates: tuple[str, str] | None = None
    probe: str | None = None  # finds a row when `match` can match anything at all
    # holds for the rows whose key is not '': the key's index holds those alone
    # (a partial index, schema m014; list_order.py reads the others by rowid)
    # unless the file has made it full (list_layout.py); `index` is its name
    present: str | None = None
    index: str | None = None


def _text(column: str) -> ListColumn:
    return ListColumn(f"({column} COLLATE NOCASE)", column)


def _date(column: str, approx: str, nullable: bool = False) -> ListColumn:
    # a NOT NULL date sorts by the column itself, so that its index serves the order
    return ListColumn(f"coalesce({column}, '')" if nullable else column,
                      dates=(column, approx))


def _probe(names: str) -> str:
    table, name = _NAMES[names]
    return f"SELECT 1 FROM {table} p WHERE {FOLD.format(text=name)} LIMIT 1"


def _named(links: str, key: str, value: str, names: str, where: str = "") -> ListColumn:
    joined = _joined_names(links, key, value, names, where)
    return ListColumn(f"({joined} COLLATE NOCASE)",
                      match=_names_match(links, key, value, names, where), probe=_probe(names))


def _keyed(column: str, match: str, probe: str, index: str | None = None) -> ListColumn:
    return ListColumn(f"(t.{column} COLLATE NOCASE)", match=match, probe=probe,
                      present=None if index is None else f"t.{column} <> ''", index=index)


def _one_name(column: str, table: str, name: str) -> ListColumn:
    named = f"coalesce((SELECT {name} FROM {table} p WHERE p.id = {column}), '?')"
    return ListColumn(f"({named} COLLATE NOCASE)",
                      match=f"{column} IN (SELECT p.id FROM {table} p WHERE "
                            f"{FOLD.format(text=name)})",
                      probe=f"SELECT 1 FROM {table} p WHERE {FOLD.format(text=name)} LIMIT 1")


def _event_names_match(links: str, value: str, names: str) -> str:
    """`_names_match` for an event's links, read from the integer link table by the
    row's `n` (its id is generated: no index finds a link view's rows by it)."""
    table, name = _NAMES[names]
    return (f"EXISTS (SELECT 1 FROM {links} l WHERE l.event_n = t.n AND l.{value} IN "
            f"(SELECT p.n FROM {table} p WHERE {FOLD.format(text=name)}))")


# the tags that contain the needle, found among the distinct tags by one seek each
# in the by-tag index: scanning 2M tag rows took 0.18 s at 1M events (two tags each)
_TAGS_MATCHING = (
    "WITH RECURSIVE d(tag) AS (SELECT min(tag) FROM event_tags UNION ALL SELECT "
    "(SELECT min(tag) FROM event_tags WHERE tag > d.tag) FROM d WHERE d.tag IS NOT NULL) "
    f"SELECT tag FROM d WHERE tag IS NOT NULL AND {FOLD.format(text='tag')}")
_STANCE_LABELS = {s.value: s.label for s in Stance}
_STANCE_TEXT = {s.value: f"{s.symbol} {s.label}" for s in Stance}
_ANSWERS = ("coalesce(nullif((SELECT title FROM proposals WHERE id = t.proposal_id), ''), "
            f"(SELECT title FROM events WHERE {id_matches('events', 'id', 't.event_id')}), '')")
_PROPOSER, _ADDRESSEE = " AND l.part = 'proposer'", " AND l.part = 'addressee'"

# per kind: the table, then each column by the title the list shows
LISTS: dict[str, tuple[str, dict[str, ListColumn]]] = {
    "event": ("events", {
        "Date": _date("t.date", "t.date_approx"),
        "End": dataclasses.replace(_date("t.end_date", "t.end_approx", nullable=True),
                                   present="t.end_date IS NOT NULL", index="events_list_end"),
        "Kind": _text("t.kind"),
        "Title": _text("t.title"),
        # the names columns and the description sort by keys kept in the row (m010)
        "Parties": _keyed("list_parties", _event_names_match(
            "event_party_links", "party_n", "parties"), _probe("parties")),
        "Issues": _keyed("list_issues", _event_names_match(
            "event_issue_links", "issue_n", "issues"), _probe("issues"),
            "events_list_issues"),
        "Tags": _keyed(
            "list_tags",
            "EXISTS (SELECT 1 FROM event_tag_links g WHERE g.event_n = t.n AND g.tag IN "
            f"({_TAGS_MATCHING}))",
            f"{_TAGS_MATCHING} LIMIT 1", "events_list_tags"),
        "Sources": _keyed("list_sources", _event_names_match(
            "event_source_links", "source_n", "sources"), _probe("sources"),
            "events_list_sources"),
        "Description": ListColumn(
            f"(substr(t.description, 1, {DESCRIPTION_KEY_CHARS}) COLLATE NOCASE)",
            "t.description", present="t.description <> ''", index="events_list_description"),
    }),
    "proposal": ("proposals", {
        "Date": _date("t.date", "t.date_approx"),
        "Title": _text("t.title"),
        "Status": ListColumn("t.status", _labels("t.status", {
            s.value: s.label for s in ProposalStatus})),
        "Proposed by": _named("proposal_parties", "proposal_id", "party_id", "parties",
                              _PROPOSER),
        "Addressed to": _named("proposal_parties", "proposal_id", "party_id", "parties",
                               _ADDRESSEE),
        "Terms": _named("proposal_terms", "proposal_id", "issue_id", "issues"),
        "Summary": _text("t.summary"),
    }),
    "position": ("positions", {
        "Date": _date("t.date", "t.date_approx"),
        "Party": _one_name("t.party_id", "parties", _PARTY_LABEL),
        "Issue": _one_name("t.issue_id", "issues", "p.name"),
        "Stance": ListColumn(_labels("t.stance", _STANCE_LABELS),
                             _labels("t.stance", _STANCE_TEXT)),
        "Summary": _text("t.summary"),
        "Answers": ListColumn(f"({_ANSWERS} COLLATE NOCASE)", _ANSWERS),
        "Sources": ListColumn(
            f"({_joined_names('position_sources', 'position_id', 'source_id', 'sources')}"
            " COLLATE NOCASE)",
            match=_names_match("position_sources", "position_id", "source_id", "sources"),
            probe=_probe("sources")),
    }),
    "source": ("sources", {
        "Title": _text("t.title"),
        "Outlet": _text("t.outlet"),
        "Date": _date("t.date", "t.date_approx", nullable=True),
        "Grade": ListColumn("(t.reliability || t.credibility)",
                            "(t.reliability || t.credibility)"),
        "Location": _text("t.location"),
        "Notes": _text("t.notes"),
    }),
    "party": ("parties", {
        "Name": _text("t.name"),
        "Short name": _text("t.short_name"),
        "Role": ListColumn("t.role", _labels("t.role", {r.value: r.label for r in PartyRole})),
        "Colour": _text("t.colour"),
        "Order": ListColumn("t.sort_order", "(t.sort_order + 1)"),
    }),
}
