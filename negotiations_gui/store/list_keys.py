"""Sort keys the event list orders by, kept in the events table (schema m010).

The Parties, Issues, Tags and Sources columns show other records' names
joined by ", "; sorting by one of them used to order by a subquery per row,
which no index can serve (1-2.4 s at a million events). Each event now holds
the text its cell shows in a column of its own (`list_parties`, ...), with an
index (case-insensitive, as the list sorts), so a page sorted by them is one
index seek like a page sorted by title.

Triggers keep the columns in step, in the transaction of whatever write
changed them, by any path (a form, undo, CSV or JSON import, a merge, a
revision restored, another program): a link added or removed recomputes
its event's key; a party, issue or source renamed (or regraded) recomputes
the keys of the events that name it. The description sorts by an index on
its first `DESCRIPTION_KEY_CHARS` characters (a full index would store every
description twice); see `record_lists.py` for how ties within it are broken.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from ..domain import Event

DESCRIPTION_KEY_CHARS = 32

# How each record is named in an event's cell (as ui/lists/columns.py shows it).
PARTY_LABEL = "(CASE {p}.short_name WHEN '' THEN {p}.name ELSE {p}.short_name END)"
ISSUE_LABEL = "{p}.name"
SOURCE_LABEL = "({p}.title || ' (' || {p}.reliability || {p}.credibility || ')')"

# column -> (link table, linked id column, named table, label); None: the tag itself
KEYED: dict[str, tuple[str, str, str | None, str | None]] = {
    "list_parties": ("event_parties", "party_id", "parties", PARTY_LABEL),
    "list_issues": ("event_issues", "issue_id", "issues", ISSUE_LABEL),
    "list_tags": ("event_tags", "tag", None, None),
    "list_sources": ("event_sources", "source_id", "sources", SOURCE_LABEL),
}


def joined_names(column: str, event_id: str) -> str:
    """SQL for the text of one event's cell: its linked names joined by ', ' in
    id order (tags in their own order), '' when it has none."""
    links, value, table, label = KEYED[column]
    if table is None or label is None:
        names = f"SELECT l.{value} AS name FROM {links} l WHERE l.event_id = {event_id}"
    else:
        names = (f"SELECT {label.format(p='n')} AS name FROM {links} l "
                 f"JOIN {table} n ON n.id = l.{value} WHERE l.event_id = {event_id}")
    return (f"coalesce((SELECT group_concat(name, ', ') FROM ({names} "
            f"ORDER BY l.{value})), '')")


def _link_triggers(column: str) -> list[str]:
    links = KEYED[column][0]
    return [
        f"CREATE TRIGGER {links}_{column}_{when.lower()} AFTER {when} ON {links} BEGIN "
        f"UPDATE events SET {column} = {joined_names(column, f'{row}.event_id')} "
        f"WHERE id = {row}.event_id; END"
        for when, row in (("INSERT", "NEW"), ("DELETE", "OLD"))
    ]


def _rename_trigger(column: str, columns: str) -> str:
    links, value, table, label = KEYED[column]
    assert table is not None and label is not None
    return (f"CREATE TRIGGER {table}_{column}_renamed AFTER UPDATE OF {columns} ON {table} "
            f"WHEN {label.format(p='OLD')} IS NOT {label.format(p='NEW')} BEGIN "
            f"UPDATE events SET {column} = {joined_names(column, 'events.id')} "
            f"WHERE id IN (SELECT event_id FROM {links} WHERE {value} = NEW.id); END")


def m010_statements() -> list[str]:
    """The columns, filled for the events already there, their triggers and indexes."""
    statements = []
    for column, (links, _value, _table, _label) in KEYED.items():
        statements += [
            f"ALTER TABLE events ADD COLUMN {column} TEXT NOT NULL DEFAULT ''",
            (f"UPDATE events SET {column} = {joined_names(column, 'events.id')} "
             f"WHERE id IN (SELECT event_id FROM {links})"),
            *_link_triggers(column),
            f"CREATE INDEX events_{column} ON events({column} COLLATE NOCASE)",
        ]
    statements += [
        _rename_trigger("list_parties", "name, short_name"),
        _rename_trigger("list_issues", "name"),
        _rename_trigger("list_sources", "title, reliability, credibility"),
        (f"CREATE INDEX events_list_description ON events("
         f"substr(description, 1, {DESCRIPTION_KEY_CHARS}) COLLATE NOCASE)"),
    ]
    return statements



# The same keys on the integer link tables of schema m012 (integer_keys.py):
# column -> (link table, its value column, named table, label); None: the tag itself
KEYED_N: dict[str, tuple[str, str, str | None, str | None]] = {
    "list_parties": ("event_party_links", "party_n", "parties", PARTY_LABEL),
    "list_issues": ("event_issue_links", "issue_n", "issues", ISSUE_LABEL),
    "list_tags": ("event_tag_links", "tag", None, None),
    "list_sources": ("event_source_links", "source_n", "sources", SOURCE_LABEL),
}


def joined_names_n(column: str, event_n: str) -> str:
    """SQL for the text of one event's cell (as `joined_names`: names in the order of
    their records' UUIDs, tags in their own), from the integer link tables."""
    links, value, table, label = KEYED_N[column]
    if table is None or label is None:
        names = (f"SELECT l.{value} AS name FROM {links} l WHERE l.event_n = {event_n} "
                 f"ORDER BY l.{value}")
    else:
        names = (f"SELECT {label.format(p='x')} AS name FROM {links} l "
                 f"JOIN {table} x ON x.n = l.{value} WHERE l.event_n = {event_n} "
                 "ORDER BY x.id")
    return f"coalesce((SELECT group_concat(name, ', ') FROM ({names})), '')"


def trigger_statements() -> list[str]:
    """The triggers that keep the keys in step, on the integer link tables (m012)."""
    statements = []
    for column, (links, *_) in KEYED_N.items():
        statements += [
            f"CREATE TRIGGER {links}_{column}_{when.lower()} AFTER {when} ON {links} BEGIN "
            f"UPDATE events SET {column} = {joined_names_n(column, f'{row}.event_n')} "
            f"WHERE n = {row}.event_n; END"
            for when, row in (("INSERT", "NEW"), ("DELETE", "OLD"))]
    for column, changed in (("list_parties", "name, short_name"), ("list_issues", "name"),
                            ("list_sources", "title, reliability, credibility")):
        links, value, table, label = KEYED_N[column]
        assert table is not None and label is not None
        statements.append(
            f"CREATE TRIGGER {table}_{column}_renamed AFTER UPDATE OF {changed} ON {table} "
            f"WHEN {label.format(p='OLD')} IS NOT {label.format(p='NEW')} BEGIN "
            f"UPDATE events SET {column} = {joined_names_n(column, 'events.n')} "
            f"WHERE n IN (SELECT event_n FROM {links} WHERE {value} = NEW.n); END")
    return statements


class EventKeys:
    """The four names keys of events about to be inserted in bulk (the CSV import),
    from the names as stored now (read with the SQL the triggers use), so that a
    bulk insert can write each event once with its keys instead of having the
    triggers rewrite its row for every link (two to three times slower)."""

    def __init__(self, db: Database):
        def labels(table: str, label: str) -> dict[str, str]:
            return dict(db.execute(f"SELECT n.id, {label.format(p='n')} FROM {table} n")
                        .fetchall())

        self._parties = labels("parties", PARTY_LABEL)
        self._issues = labels("issues", ISSUE_LABEL)
        self._sources = labels("sources", SOURCE_LABEL)

    def add(self, db: Database, table: str, ids: Iterable[str]) -> None:
        """Take in the names of the records `ids` of `table` (parties, issues or sources)
        written since these keys were read (an import writes new ones as rows name them)."""
        names, label = {"parties": (self._parties, PARTY_LABEL),
                        "issues": (self._issues, ISSUE_LABEL),
                        "sources": (self._sources, SOURCE_LABEL)}[table]
        wanted = list(ids)
        if wanted:
            names.update(db.execute(
                f"SELECT n.id, {label.format(p='n')} FROM {table} n "
                "WHERE n.id IN (SELECT value FROM json_each(?))", [json.dumps(wanted)]).fetchall())

    def __call__(self, event: Event) -> tuple[str, str, str, str]:
        """(list_parties, list_issues, list_tags, list_sources) as the triggers write them:
        names in id order (tags in their own), each once, links to nothing left out."""
        def joined(ids: Iterable[str], names: dict[str, str] | None) -> str:
            ordered = sorted(set(ids))
            return ", ".join(ordered if names is None else (names[i] for i in ordered
                                                            if i in names))

        return (joined(event.party_ids, self._parties), joined(event.issue_ids, self._issues),
                joined(event.tags, None), joined(event.source_ids, self._sources))
