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

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..domain import Party, new_id
from ..domain.names import name_key

_LINE_BREAKS = re.compile(r"[\n\r]+")
_OPENING = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»", "‘": "’", '"': '"'}
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_WORD = re.compile(r"\w+")
_DEFAULT_SEPARATORS = (",", ";", " and ")


def _separator_pattern(separator: str) -> re.Pattern[str]:
    if separator.strip() != separator:  # a word such as " and ": any spaces around it
        return re.compile(rf"\s+{re.escape(separator.strip())}\s+", re.IGNORECASE)
    return re.compile(re.escape(separator))


def _depth_zero_splits(text: str, pattern: re.Pattern[str]) -> list[str]:
    """`text` split at matches of `pattern` that are outside brackets and quotes."""
    matches = list(pattern.finditer(text))
    if not matches:
        return [text]
    outside = _outside_brackets(text)
    pieces, start = [], 0
    for match in matches:
        if outside[match.start()]:
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def _outside_brackets(text: str) -> list[bool]:
    """For each character: is it outside every bracket and quote?"""
    closers: list[str] = []
    outside = []
    for ch in text:
        if closers and ch == closers[-1]:
            closers.pop()
            outside.append(False)
            continue
        if ch in _OPENING and not (ch == '"' and '"' in closers):
            closers.append(_OPENING[ch])
        outside.append(not closers)
    if closers:  # an unclosed bracket: split as if it were not there
        return [True] * len(text)
    return outside


def split_party_names(text: str, keep_whole: frozenset[str] = frozenset(),
                      split_on_and: bool = True,
                      separators: tuple[str, ...] | None = None) -> list[str]:
    """The names in one cell, in order, each once.

    Separators apply in order (e.g. "/" first, then " and "), never inside
    brackets or quotes; a piece whose key is in `keep_whole` (a party of the
    case, a name the user mapped or marked as one party) is not split
    further. A line break always separates names.
    """
    if separators is None:
        separators = _DEFAULT_SEPARATORS if split_on_and else _DEFAULT_SEPARATORS[:2]
    pieces = _LINE_BREAKS.split(text)
    for separator in separators:
        pattern = _separator_pattern(separator)
        pieces = [part for piece in pieces
                  for part in ([piece] if name_key(piece) in keep_whole
                               else _depth_zero_splits(piece, pattern))]
    names: dict[str, str] = {}
    for piece in pieces:
        piece = " ".join(piece.split())
        if piece:
            names.setdefault(name_key(piece), piece)
    return list(names.values())


def close_names(name: str, existing: list[str], limit: int = 3) -> list[str]:
    """Existing party names that `name` probably means: "Hamas Movement" → Hamas.

    A name whose words all appear in `name` (brackets aside: "Military
    Forces of Israel (2022-)" → Israel), or one spelt nearly alike.
    """
    plain = _BRACKETED.sub(" ", name)
    words = {w.casefold() for w in _WORD.findall(plain)}
    found = []
    for other in existing:
        other_words = {w.casefold() for w in _WORD.findall(_BRACKETED.sub(" ", other))}
        if other_words and other_words <= words and name_key(other) != name_key(name):
            found.append(other)
    if len(found) < limit:
        keys = {name_key(o): o for o in existing}
        for key in difflib.get_close_matches(name_key(plain), list(keys), n=limit, cutoff=0.8):
            if keys[key] not in found and key != name_key(name):
                found.append(keys[key])
    return sorted(found, key=lambda o: -len(o))[:limit]


@dataclass
class NewParty:
    """A party the import would create, with every spelling that led to it."""

    name: str
    id: str = field(default_factory=new_id)
    spellings: list[str] = field(default_factory=list)
    first_row: int = 0
    row_count: int = 0
    role: str = "principal"  # a PartyRole value: the role it is created with
    close: list[str] = field(default_factory=list)  # existing names it may stand for


class PartyDirectory:
    """Resolves names to party ids: existing parties, the user's choices, new parties."""

    def __init__(self, parties: list[Party], choices: dict[str, str] | None = None,
                 new_role: str = "principal", new_id: Callable[[], str] = new_id):
        self._new_role = new_role
        self._new_id = new_id  # the import's ids (importing/ordered_ids.py)
        self._names = [p.name for p in parties]
        self._existing: dict[str, str] = {}
        for party in parties:
            for name in (party.name, party.short_name):
                if name.strip():
                    self._existing.setdefault(name_key(name), party.id)
        self._choices = {name_key(k): v for k, v in (choices or {}).items() if v.strip()}
        self.new: dict[str, NewParty] = {}
        self._rows_seen: dict[str, int] = {}
        self._resolved: dict[str, tuple[str, str]] = {}  # written -> (key, party id)
        self._new_keys: dict[str, str] = {}  # id of a new party -> its key in `new`

    @property
    def known_keys(self) -> frozenset[str]:
        """Keys that name a party or a choice: never split on " and "."""
        return frozenset(self._existing) | frozenset(self._choices)

    def existing_id(self, written: str) -> str | None:
        """The id of the case's party `written` names (through the user's choices), if any."""
        return self._existing.get(name_key(self._choices.get(name_key(written), written)))

    def resolve(self, written: str, row: int, role: str = "") -> str:
        """The id of the party `written` stands for, noting a new party if needed.

        A new party gets `role` (the role of the column that first names it;
        "third party" makes an observer), or the directory's role for new parties.
        """
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
            name = " ".join(target.split())
            party = self.new[key] = NewParty(name, id=self._new_id(), first_row=row,
                                             role=_party_role(role or self._new_role),
                                             close=close_names(name, self._names))
            self._new_keys[party.id] = key
        if written not in party.spellings:
            party.spellings.append(written)
        if self._rows_seen.get(key) != row:
            self._rows_seen[key] = row
            party.row_count += 1
        self._resolved[written] = (key, party.id)
        return party.id

    def new_keys(self, party_ids: Iterable[str]) -> tuple[str, ...]:
        """The keys (in `new`) of the new parties among these resolved ids."""
        return tuple(key for key in map(self._new_keys.get, party_ids) if key is not None)

    def named_again(self, keys: tuple[str, ...], row: int) -> None:
        """Row `row` names these new parties again (`new_keys`): count it for each."""
        rows_seen = self._rows_seen
        for key in keys:
            if rows_seen.get(key) != row:
                rows_seen[key] = row
                self.new[key].row_count += 1


def _party_role(role: str) -> str:
    return "observer" if role == "third party" else role
