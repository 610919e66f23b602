"""A record's values as the plain dict a revision keeps, and back.

The dict has the record's own field names (dates as ISO text with "~" when
approximate, choices as their stored words, link lists as sorted lists), so
a revision reads the same whichever way the record was written, and
`from_values(kind, to_values(kind, r)) == r`.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from ..domain import (
    Assessment,
    CaseData,
    CaseInfo,
    Event,
    Gap,
    Issue,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
)

# kind -> (record class, CaseData field, table)
KIND_TYPES: dict[str, tuple[type, str, str]] = {
    "party": (Party, "parties", "parties"),
    "issue": (Issue, "issues", "issues"),
    "source": (Source, "sources", "sources"),
    "event": (Event, "events", "events"),
    "proposal": (Proposal, "proposals", "proposals"),
    "position": (Position, "positions", "positions"),
    "assessment": (Assessment, "assessments", "assessments"),
}
# the order records must be written in, so that every reference finds its record
WRITE_ORDER = ("party", "issue", "source", "event", "proposal", "position", "assessment")
CASE_KIND = "case"
_CHOICES = {"role": PartyRole, "status": ProposalStatus, "stance": Stance, "gap": Gap}
_DATES = {"date", "end"}
_CASE_FIELDS = ("title", "description", "marking", "created_at")
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def kind_of(record) -> str:
    for kind, (cls, _, _) in KIND_TYPES.items():
        if type(record) is cls:
            return kind
    if isinstance(record, CaseInfo):
        return CASE_KIND
    raise TypeError(f"not a record: {record!r}")


def _plain(value: Any) -> Any:
    if value is None or type(value) in _AS_IS:
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return sorted(value)
    if isinstance(value, dict):
        return dict(sorted(value.items()))
    if isinstance(value, Enum):
        return value.value
    return value


_AS_IS = frozenset({str, int, float, bool})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # by record class: its fields, in order


def to_values(record) -> dict:
    """The record as a plain dict of its fields (its id included)."""
    if isinstance(record, CaseInfo):
        return {name: getattr(record, name) for name in _CASE_FIELDS}
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in dataclasses.fields(record))
    return {name: _plain(getattr(record, name)) for name in names}


def from_values(kind: str, values: dict):
    """The record a `to_values` dict describes."""
    if kind == CASE_KIND:
        given: dict[str, Any] = {name: values[name] for name in _CASE_FIELDS
                                 if name in values}
        return CaseInfo(**given)
    cls = KIND_TYPES[kind][0]
    names = {f.name for f in dataclasses.fields(cls)}
    args = {}
    for name, value in values.items():
        if name not in names:
            continue  # a field a later version dropped
        if name in _DATES:
            value = PartialDate.parse(value) if value is not None else None
        elif name in _CHOICES:
            value = _CHOICES[name](value)
        elif isinstance(value, list):
            value = tuple(value)
        args[name] = value
    return cls(**args)


def encode(values: dict | None) -> str | None:
    return None if values is None else _ENCODER.encode(values)


def decode(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)


def records_of(data: CaseData):
    """(kind, record) for every record in `data`, in write order."""
    for kind in WRITE_ORDER:
        for record in getattr(data, KIND_TYPES[kind][1]):
            yield kind, record


def case_data(records_by_kind: dict[str, list]) -> CaseData:
    """A `CaseData` holding the given records, by kind."""
    fields: dict[str, Any] = {KIND_TYPES[k][1]: tuple(v) for k, v in records_by_kind.items()
                              if k in KIND_TYPES}
    return CaseData(**fields)
