"""Which column of a CSV file feeds which field, and how its cells are read.

A mapping names columns by their header text, not their position, so it fits
every file of the same layout (next month's export of the same spreadsheet,
another release of a data set). It also holds the choices that make a file
read one way: the day order, the two-digit-year window, how party names are
split, what each issue code means, which columns name parties and in which
role, and the user's decisions about new party names. Named mappings are
saved in the configuration folder (`mapping_files`); the case records, per
imported file, the mapping it was read with (table import_log).

Reading a mapping is strict, as the JSON case format is: an unknown key, a
field that does not exist, or a value of the wrong kind is a `MappingError`
naming the key (a misspelt `issue_column` must not import 374 events and no
positions without a word).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from ..domain import PartyRole, Stance
from .date_forms import DateOptions, DayOrder
from .stances import parse_stance


class Target(str, Enum):
    """What each row of the file becomes."""

    EVENTS = "events"
    POSITIONS = "positions"

    @property
    def label(self) -> str:
        return "One event per row" if self is Target.EVENTS else "One position per row"


# field -> label shown in the dialog; required fields first
EVENT_FIELDS = {
    "date": "Date", "end_date": "End date", "title": "Title", "description": "Description",
    "kind": "Kind", "parties": "Parties", "tags": "Tags", "source": "Source",
    "precision": "Date precision",
}
POSITION_FIELDS = {
    "date": "Date", "party": "Party", "issue": "Issue", "stance": "Stance",
    "summary": "Summary", "source": "Source",
}
REQUIRED = {Target.EVENTS: ("date", "title"),
            Target.POSITIONS: ("date", "party", "issue", "stance")}
SCALES = {"0-1": "0 or 1", "0-3": "0 to 3"}
# the separators offered for party names, in the order they are applied
SEPARATORS = {",": "comma", ";": "semicolon", "/": "slash"}
# what a date-precision code means; ACLED's time_precision by default
PRECISIONS = ("day", "week", "month", "year")
DEFAULT_PRECISION_CODES = {"1": "day", "2": "week", "3": "month"}
# role of new parties that get no positions from issue codes (listed, not a signatory)
THIRD_PARTY = "third party"
_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")


class MappingError(ValueError):
    """A mapping that cannot be used; `str()` says why, for the user."""


@dataclass(frozen=True)
class IssueColumn:
    """A column coding one issue per row (0/1 or 0–3), as agreement data sets do.

    `values` says what each code means (code -> stance value, e.g. "1" ->
    "conditional"); a code it does not list means "accepts".
    """

    column: str
    issue: str  # the issue's name or PA-X code in the case
    scale: str = "0-1"
    values: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return ("1",) if self.scale == "0-1" else ("1", "2", "3")

    def stance_for(self, code: str) -> Stance:
        return Stance(self.values.get(code, Stance.ACCEPTS.value))

    @property
    def meaning(self) -> str:
        """The codes' meaning in words, as the dialog shows it: "1 → conditional, 2 → accepts"."""
        return ", ".join(f"{c} → {self.stance_for(c).label.lower()}" for c in self.codes)


@dataclass(frozen=True)
class PartyColumn:
    """A further column naming parties (a second actor, associated actors).

    Its parties are added to the row's parties. `role` is the role given to
    the new parties it names ("" = the mapping's `new_party_role`), or
    "third party": listed, but no positions from issue codes (a UN or
    regional organisation among the signatories).
    """

    column: str
    role: str = ""

    @property
    def gets_positions(self) -> bool:
        return self.role != THIRD_PARTY


@dataclass(frozen=True)
class ColumnMapping:
    name: str = ""
    target: Target = Target.EVENTS
    columns: dict[str, str] = field(default_factory=dict)  # field -> column header
    issue_columns: tuple[IssueColumn, ...] = ()
    day_order: DayOrder | None = None
    two_digit_year_start: int = 1950
    split_on_and: bool = True
    default_kind: str = "other"
    party_names: dict[str, str] = field(default_factory=dict)  # as written -> party
    encoding: str | None = None  # None: detect
    delimiter: str | None = None  # None: sniff
    separators: tuple[str, ...] = (",", ";")  # between party names (" and " by split_on_and)
    keep_whole: tuple[str, ...] = ()  # names never split, whatever the separators
    party_columns: tuple[PartyColumn, ...] = ()
    title_template: str = ""  # e.g. "{sub_event_type}: {location}"; replaces the title column
    precision_codes: dict[str, str] = field(default_factory=dict)  # code -> PRECISIONS
    source_separator: str = ""  # e.g. ";": one source per outlet
    new_party_role: str = PartyRole.PRINCIPAL.value
    third_parties: tuple[str, ...] = ()  # names that get no positions from issue codes
    create_issues: bool = False  # mapped issues the case lacks are created

    @property
    def fields(self) -> dict[str, str]:
        return EVENT_FIELDS if self.target is Target.EVENTS else POSITION_FIELDS

    @property
    def date_options(self) -> DateOptions:
        return DateOptions(self.day_order, self.two_digit_year_start)

    @property
    def name_separators(self) -> tuple[str, ...]:
        return self.separators + ((" and ",) if self.split_on_and else ())

    @property
    def precision_meaning(self) -> dict[str, str]:
        return self.precision_codes or DEFAULT_PRECISION_CODES

    def column_for(self, field_name: str) -> str | None:
        return self.columns.get(field_name) or None

    def template_columns(self) -> list[str]:
        return _TEMPLATE_FIELD.findall(self.title_template)

    def missing_required(self) -> list[str]:
        """Labels of the required fields no column is mapped to."""
        return [self.fields[f] for f in REQUIRED[self.target] if not self.column_for(f)
                and not (f == "title" and self.title_template.strip())]

    def used_columns(self) -> set[str]:
        """Every column the import reads."""
        return (set(self.columns.values()) | {c.column for c in self.issue_columns}
                | {c.column for c in self.party_columns} | set(self.template_columns()))

    # -- JSON ---------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        data["target"] = self.target.value
        data["day_order"] = self.day_order.value if self.day_order else None
        for key in ("separators", "keep_whole", "third_parties"):
            data[key] = list(data[key])
        return json.dumps({"format": FORMAT, "version": 1, **data}, indent=2,
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        """Read a mapping; raises `MappingError` naming the bad key."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MappingError(f"the mapping is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise MappingError("the mapping must be a JSON object")
        return _from_dict(data)


FORMAT = "negotiations-gui csv mapping"


def unknown_key_error(where: str, key: str, known) -> MappingError:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return MappingError(f"{where}unknown key '{key}'{hint}")


def check_stance_value(where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise MappingError(f"{where} must be a stance name")
    try:
        return parse_stance(value).value
    except ValueError as exc:
        raise MappingError(f"{where}: {exc}") from None


# -- reading JSON, key by key -----------------------------------------------------------

_KEYS = frozenset({
    "format", "version", "name", "target", "columns", "issue_columns", "party_columns",
    "day_order", "two_digit_year_start", "split_on_and", "separators", "keep_whole",
    "title_template", "precision_codes", "source_separator", "new_party_role",
    "third_parties", "create_issues", "default_kind", "party_names", "encoding",
    "delimiter", "content_sha256",  # the last: recorded in a case's import log
})
_ROLES = tuple(r.value for r in PartyRole)


def _from_dict(data: dict) -> ColumnMapping:
    for key in data:
        if key not in _KEYS:
            raise unknown_key_error("", key, _KEYS)
    target = _choice(data, "target", tuple(t.value for t in Target), "events")
    columns = _str_dict(data.get("columns", {}), "columns")
    fields = EVENT_FIELDS if target == "events" else POSITION_FIELDS
    for key in columns:
        if key not in fields:
            other = "positions" if target == "events" else "events"
            also = f" (a field of {other})" if key in {**EVENT_FIELDS, **POSITION_FIELDS} else ""
            raise MappingError(f"columns: unknown field '{key}' for {target}{also}; fields: "
                               f"{', '.join(fields)}")
    day_order = _choice(data, "day_order", tuple(d.value for d in DayOrder), None)
    year_start = data.get("two_digit_year_start", 1950)
    if not isinstance(year_start, int) or isinstance(year_start, bool) \
            or not 1000 <= year_start <= 9900:
        raise MappingError("two_digit_year_start must be a year such as 1950")
    return ColumnMapping(
        name=_text(data, "name"), target=Target(target), columns=columns,
        issue_columns=tuple(_issue_column(n, item)
                            for n, item in enumerate(_list(data, "issue_columns"))),
        day_order=DayOrder(day_order) if day_order else None,
        two_digit_year_start=year_start,
        split_on_and=_bool(data, "split_on_and", True),
        default_kind=_text(data, "default_kind") or "other",
        party_names=_str_dict(data.get("party_names", {}), "party_names"),
        encoding=_text(data, "encoding") or None,
        delimiter=_text(data, "delimiter") or None,
        separators=_separators(data),
        keep_whole=tuple(_texts(data, "keep_whole")),
        party_columns=tuple(_party_column(n, item)
                            for n, item in enumerate(_list(data, "party_columns"))),
        title_template=_template(data),
        precision_codes=_precision_codes(data),
        source_separator=_text(data, "source_separator"),
        new_party_role=_choice(data, "new_party_role", _ROLES, PartyRole.PRINCIPAL.value),
        third_parties=tuple(_texts(data, "third_parties")),
        create_issues=_bool(data, "create_issues", False),
    )


def _issue_column(n: int, item: Any) -> IssueColumn:
    where = f"issue_columns[{n}]"
    if not isinstance(item, dict):
        raise MappingError(f"{where} must be an object with a column and an issue")
    for key in item:
        if key not in ("column", "issue", "scale", "values"):
            raise unknown_key_error(f"{where}: ", key, ("column", "issue", "scale", "values"))
    if not isinstance(item.get("column"), str) or not isinstance(item.get("issue"), str):
        raise MappingError(f"{where} needs a column and an issue")
    scale = item.get("scale", "0-1")
    if scale not in SCALES:
        raise MappingError(f"{where}.scale must be 0-1 or 0-3")
    values = item.get("values", {})
    if not isinstance(values, dict):
        raise MappingError(f"{where}.values must map codes to stances")
    codes = IssueColumn("", "", scale).codes
    meaning = {}
    for code, stance in values.items():
        if code not in codes:
            raise MappingError(f"{where}.values: '{code}' is not a code of the {scale} scale")
        meaning[code] = check_stance_value(f"{where}.values.{code}", stance)
    return IssueColumn(item["column"], item["issue"], scale, meaning)


def _party_column(n: int, item: Any) -> PartyColumn:
    where = f"party_columns[{n}]"
    if isinstance(item, str):
        return PartyColumn(item)
    if not isinstance(item, dict) or not isinstance(item.get("column"), str):
        raise MappingError(f"{where} needs a column")
    for key in item:
        if key not in ("column", "role"):
            raise unknown_key_error(f"{where}: ", key, ("column", "role"))
    return PartyColumn(item["column"], _choice(item, "role", (*_ROLES, THIRD_PARTY), "", where))


def _separators(data: dict) -> tuple[str, ...]:
    found = _texts(data, "separators") if "separators" in data else [",", ";"]
    for separator in found:
        if separator.strip().casefold() == "and":
            raise MappingError("separators: “and” is chosen with split_on_and")
        if not separator.strip():
            raise MappingError("separators: a separator cannot be blank")
    return tuple(found)


def _template(data: dict) -> str:
    template = _text(data, "title_template")
    if template.count("{") != template.count("}"):
        raise MappingError("title_template: each {column} needs its closing brace")
    return template


def _precision_codes(data: dict) -> dict[str, str]:
    codes = _str_dict(data.get("precision_codes", {}), "precision_codes")
    for code, meaning in codes.items():
        if meaning not in PRECISIONS:
            raise MappingError(f"precision_codes.{code} must be one of: {', '.join(PRECISIONS)}")
    return codes


def _choice(data: dict, key: str, allowed: tuple, default, where: str = "") -> Any:
    value = data.get(key, default)
    if value is None or value == default:
        return value
    if value not in allowed:
        prefix = f"{where}." if where else ""
        raise MappingError(f"{prefix}{key} must be one of: {', '.join(allowed)} (not {value!r})")
    return value


def _text(data: dict, key: str) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise MappingError(f"{key} must be text")
    return value


def _bool(data: dict, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise MappingError(f"{key} must be true or false")
    return value


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise MappingError(f"{key} must be a list")
    return value


def _texts(data: dict, key: str) -> list[str]:
    value = _list(data, key)
    if not all(isinstance(v, str) for v in value):
        raise MappingError(f"{key} must be a list of texts")
    return value


def _str_dict(value, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MappingError(f"{where} must map text to text")
    return dict(value)
