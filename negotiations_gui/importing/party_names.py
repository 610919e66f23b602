"""Party names in a cell, and which party of the case each one stands for.

A cell may name several parties: "Egypt, Qatar", "Israel; Hamas", "Egypt and
Qatar". " and " also occurs inside names ("Trinidad and Tobago"), so a piece
that already names a party of the case, or a name the user has mapped, is
never split; the dialog lists every new name, where the user can spot and
merge a wrongly split one.

Names match case-insensitively and ignoring runs of spaces, against a party's
name and its short name. The user's choices for new names (create as written,
create under another name, or merge into an existing party) are kept in the
mapping as `party_names`: name as written -> the party it stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain import Party, new_id
from ..domain.names import name_key

_LIST_SEPARATORS = re.compile(r"[;,\n\r]+")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_party_names(text: str, keep_whole: frozenset[str] = frozenset(),
                      split_on_and: bool = True) -> list[str]:
    """The names in one cell, in order, each once; `keep_whole` holds keys never split."""
    names: dict[str, str] = {}
    for piece in _LIST_SEPARATORS.split(text):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if split_on_and and name_key(piece) not in keep_whole:
            parts = [p.strip() for p in _AND.split(piece)]
        else:
            parts = [piece]
        for part in parts:
            if part:
                names.setdefault(name_key(part), part)
    return list(names.values())


@dataclass
class NewParty:
    """A party the import would create, with every spelling that led to it."""

    name: str
    id: str = field(default_factory=new_id)
    spellings: list[str] = field(default_factory=list)
    first_row: int = 0
    row_count: int = 0


class PartyDirectory:
    """Resolves names to party ids: existing parties, the user's choices, new parties."""

    def __init__(self, parties: list[Party], choices: dict[str, str] | None = None):
        self._existing: dict[str, str] = {}
        for party in parties:
            for name in (party.name, party.short_name):
                if name.strip():
                    self._existing.setdefault(name_key(name), party.id)
        self._choices = {name_key(k): v for k, v in (choices or {}).items() if v.strip()}
        self.new: dict[str, NewParty] = {}
        self._rows_seen: dict[str, int] = {}
        self._resolved: dict[str, tuple[str, str]] = {}  # written -> (key, party id)

    @property
    def known_keys(self) -> frozenset[str]:
        """Keys that name a party or a choice: never split on " and "."""
        return frozenset(self._existing) | frozenset(self._choices)

    def resolve(self, written: str, row: int) -> str:
        """The id of the party `written` stands for, noting a new party if needed."""
        known = self._resolved.get(written)
        if known is not None:
            key, party_id = known
            if key in self.new and self._rows_seen.get(key) != row:
                self._rows_seen[key] = row
                self.new[key].row_count += 1
            return party_id
        target = self._choices.get(name_key(written), written)
        key = name_key(target)
        if key in self._existing:
            self._resolved[written] = (key, self._existing[key])
            return self._existing[key]
        party = self.new.get(key)
        if party is None:
            party = self.new[key] = NewParty(" ".join(target.split()), first_row=row)
        if written not in party.spellings:
            party.spellings.append(written)
        if self._rows_seen.get(key) != row:
            self._rows_seen[key] = row
            party.row_count += 1
        self._resolved[written] = (key, party.id)
        return party.id
