"""Which column of a CSV file feeds which field, saved by name and reused.

A mapping names columns by their header text, not their position, so it fits
every file of the same layout (next month's export of the same spreadsheet,
another release of a data set). It also holds the choices that make a file
read one way: the day order, the two-digit-year window, how party names are
split, and the user's decisions about new party names.

Named mappings live in the user's configuration folder
(`mapping_folder()`), one JSON file each, not in the case file: a mapping
describes a spreadsheet layout or a data set, which an analyst imports into
many cases, and a case file is mailed to others who should not receive one
person's import settings. The case records, per imported file, the mapping it
was read with (table import_log), so the provenance stays with the data.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from pathlib import Path

from .date_forms import DateOptions, DayOrder

CONFIG_ENV = "NEGOTIATIONS_GUI_CONFIG_DIR"


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
}
POSITION_FIELDS = {
    "date": "Date", "party": "Party", "issue": "Issue", "stance": "Stance",
    "summary": "Summary", "source": "Source",
}
REQUIRED = {Target.EVENTS: ("date", "title"),
            Target.POSITIONS: ("date", "party", "issue", "stance")}
SCALES = {"0-1": "0/1 (1 = agreed)", "0-3": "0–3 (1, 2 or 3 = agreed)"}


class MappingError(ValueError):
    """A mapping that cannot be used; `str()` says why, for the user."""


@dataclass(frozen=True)
class IssueColumn:
    """A column coding one issue per row (0/1 or 0–3), as agreement data sets do."""

    column: str
    issue: str  # the issue's name or PA-X code in the case
    scale: str = "0-1"


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

    @property
    def fields(self) -> dict[str, str]:
        return EVENT_FIELDS if self.target is Target.EVENTS else POSITION_FIELDS

    @property
    def date_options(self) -> DateOptions:
        return DateOptions(self.day_order, self.two_digit_year_start)

    def column_for(self, field_name: str) -> str | None:
        return self.columns.get(field_name) or None

    def missing_required(self) -> list[str]:
        """Labels of the required fields no column is mapped to."""
        return [self.fields[f] for f in REQUIRED[self.target] if not self.column_for(f)]

    def with_column(self, field_name: str, column: str | None) -> ColumnMapping:
        columns = {k: v for k, v in self.columns.items() if k != field_name}
        if column:
            columns[field_name] = column
        return replace(self, columns=columns)

    # -- JSON ---------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        data["target"] = self.target.value
        data["day_order"] = self.day_order.value if self.day_order else None
        data["issue_columns"] = [asdict(c) for c in self.issue_columns]
        return json.dumps({"format": "negotiations-gui csv mapping", "version": 1, **data},
                          indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        """Read a mapping; raises `MappingError` naming the bad entry."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MappingError(f"the mapping is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise MappingError("the mapping must be a JSON object")
        try:
            columns = _str_dict(data.get("columns", {}), "columns")
            unknown = set(columns) - set(EVENT_FIELDS) - set(POSITION_FIELDS)
            if unknown:
                raise MappingError(f"columns: unknown field(s) {', '.join(sorted(unknown))}")
            issue_columns = []
            for n, item in enumerate(data.get("issue_columns", [])):
                if not isinstance(item, dict) or not isinstance(item.get("column"), str) \
                        or not isinstance(item.get("issue"), str):
                    raise MappingError(f"issue_columns[{n}] needs a column and an issue")
                scale = item.get("scale", "0-1")
                if scale not in SCALES:
                    raise MappingError(f"issue_columns[{n}].scale must be 0-1 or 0-3")
                issue_columns.append(IssueColumn(item["column"], item["issue"], scale))
            day_order = data.get("day_order")
            year_start = data.get("two_digit_year_start", 1950)
            if not isinstance(year_start, int) or not 1000 <= year_start <= 9900:
                raise MappingError("two_digit_year_start must be a year such as 1950")
            return cls(
                name=str(data.get("name", "")),
                target=Target(data.get("target", "events")),
                columns=columns,
                issue_columns=tuple(issue_columns),
                day_order=DayOrder(day_order) if day_order else None,
                two_digit_year_start=year_start,
                split_on_and=bool(data.get("split_on_and", True)),
                default_kind=str(data.get("default_kind", "other")) or "other",
                party_names=_str_dict(data.get("party_names", {}), "party_names"),
                encoding=data.get("encoding") or None,
                delimiter=data.get("delimiter") or None,
            )
        except ValueError as exc:
            if isinstance(exc, MappingError):
                raise
            raise MappingError(f"the mapping has a bad value ({exc})") from None


def _str_dict(value, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MappingError(f"{where} must map text to text")
    return dict(value)


# -- named mappings in the user's configuration folder ----------------------------------

def mapping_folder() -> Path:
    """Where named mappings are saved: <config>/negotiations-gui/csv-mappings."""
    if os.environ.get(CONFIG_ENV):
        base = Path(os.environ[CONFIG_ENV])
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "negotiations-gui"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "negotiations-gui"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") \
            / "negotiations-gui"
    return base / "csv-mappings"


def _file_for(name: str) -> Path:
    slug = re.sub(r"[^\w\- ]+", "_", name.strip()).strip() or "mapping"
    return mapping_folder() / f"{slug}.json"


def saved_mapping_names() -> list[str]:
    folder = mapping_folder()
    if not folder.is_dir():
        return []
    names = []
    for path in sorted(folder.glob("*.json")):
        try:
            names.append(ColumnMapping.from_json(path.read_text("utf-8")).name or path.stem)
        except (OSError, UnicodeDecodeError, MappingError):
            continue
    return sorted(names, key=str.casefold)


def save_mapping(mapping: ColumnMapping, name: str) -> Path:
    """Save under `name` (replacing one of that name); returns the file written."""
    if not name.strip():
        raise MappingError("a saved mapping needs a name")
    path = _file_for(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".json.partial")
        temp.write_text(replace(mapping, name=name.strip()).to_json(), "utf-8")
        temp.replace(path)
    except OSError as exc:
        raise MappingError(f"the mapping could not be saved ({exc.strerror or exc})") from None
    return path


def load_mapping(name_or_file: str | Path) -> ColumnMapping:
    """A saved mapping by name, or a mapping JSON file by path."""
    candidate = Path(name_or_file)
    if candidate.suffix.lower() == ".json" and candidate.is_file():
        path = candidate
    else:
        path = _file_for(str(name_or_file))
        if not path.is_file():
            known = ", ".join(saved_mapping_names()) or "none"
            raise MappingError(f"there is no mapping file or saved mapping named "
                               f"'{name_or_file}' (saved mappings: {known})")
    try:
        return ColumnMapping.from_json(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"the mapping {path} could not be read ({exc})") from None
