"""Reading a JSON export's fields, each checked, naming the path of any that is wrong.

Everything a hostile or damaged file can hold is refused here with the field's
path ("parties[0].colour"): the wrong type, a list where an id belongs, a
number too large for SQLite, a NUL character or a lone surrogate in a text, a
colour that is not #rrggbb, a timestamp that is not one, an id not written as
this app writes ids; and nesting too deep for the parser.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from ..domain import DateError, PartialDate, palette
from .errors import ImportFormatError

E = TypeVar("E", bound=Enum)


class FieldReader:
    """Reads one JSON object, naming the path of any field that is wrong."""

    def __init__(self, source: Path | None, obj: Any, path: str, allowed: set[str]):
        self.source, self.obj, self.path = source, obj, path
        if not isinstance(obj, dict):
            self.fail("", f"expected an object, found {kind_of_value(obj)}")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            self.fail(unknown[0], "unknown field (is the file from another program?)")

    def fail(self, name: str, problem: str) -> NoReturn:
        where = f"{self.path}.{name}" if name else self.path
        raise ImportFormatError(self.source, where.lstrip("."), problem)

    def text(self, name: str, default: str = "", *, required: bool = False) -> str:
        """A text field: `default` when it is missing (unless `required`); never null."""
        value = self.optional_text(name, required=required)
        return default if value is None else value

    def optional_text(self, name: str, *, required: bool = False,
                      nullable: bool = False) -> str | None:
        """A text field, None when it is missing (unless `required`) or null (if `nullable`)."""
        if name not in self.obj:
            if required:
                self.fail(name, "is missing")
            return None
        value = self.obj[name]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(name, f"expected text, found {kind_of_value(value)}")
        self._check_characters(name, value)
        if required and not value.strip():
            self.fail(name, "must not be empty")
        return value

    def _check_characters(self, name: str, value: str) -> None:
        if "\x00" in value:
            self.fail(name, "contains a NUL character (\\u0000), which no text typed in the app "
                      "can hold; the file was damaged or made by another program")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            self.fail(name, f"contains a lone UTF-16 surrogate (\\u{ord(value[exc.start]):04x}),"
                      " which is not a character; the file was damaged or made by another "
                      "program")

    def integer(self, name: str, default: int) -> int:
        value = self.obj.get(name, default)
        if isinstance(value, TooLong):
            self.fail(name, f"a number of {len(value)} digits is far too large")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"expected a whole number, found {kind_of_value(value)}")
        if not -_INT_LIMIT <= value <= _INT_LIMIT:
            self.fail(name, f"{value:.3g} is too large (at most {_INT_LIMIT:,})")
        return value

    def colour(self, name: str, default: str) -> str:
        value = self.text(name, default)
        if not _COLOUR.fullmatch(value):
            shown = value if len(value) <= 40 else value[:40] + "…"
            self.fail(name, f"'{shown}' is not a colour; expected #rrggbb, "
                            f"e.g. {palette.PARTY_DEFAULT}")
        return value

    def timestamp(self, name: str, *, nullable: bool = True) -> str | None:
        value = self.optional_text(name, nullable=nullable)
        if value is None or value == "":
            return value
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            shown = value if len(value) <= 40 else value[:40] + "…"
            self.fail(name, f"'{shown}' is not a date and time (expected e.g. "
                      "2025-08-12T09:30:00+00:00)")
        return value

    def date(self, name: str) -> PartialDate:
        """A date that must be there."""
        return self._date(name, self.text(name, required=True))

    def optional_date(self, name: str) -> PartialDate | None:
        """A date that may be missing or null."""
        text = self.optional_text(name, nullable=True)
        return None if text is None else self._date(name, text)

    def _date(self, name: str, text: str) -> PartialDate:
        try:
            return PartialDate.parse(text)
        except DateError as exc:
            self.fail(name, str(exc))

    def choice(self, name: str, enum: type[E], default: E | None = None) -> E:
        """One of an enum's values; `default` when missing (required when there is none)."""
        value = self.optional_text(name, required=default is None)
        if value is None:
            assert default is not None  # required: a missing value failed above
            return default
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(name, f"'{value}' is not one of: {allowed}")

    def ident(self, name: str = "id") -> str:
        return self._uuid(name, self.text(name, required=True))

    def ref(self, name: str, known: set[str], what: str) -> str:
        """The id of a record in the file, which must be there."""
        return self._known(name, self.text(name, required=True), known, what)

    def optional_ref(self, name: str, known: set[str], what: str) -> str | None:
        """The id of a record in the file, or None when missing or null."""
        value = self.optional_text(name, nullable=True)
        return None if value is None else self._known(name, value, known, what)

    def _known(self, name: str, value: str, known: set[str], what: str) -> str:
        if value not in known:
            self.fail(name, f"refers to {what} '{value}', which is not in the file")
        return value

    def refs(self, name: str, known: set[str], what: str) -> tuple[str, ...]:
        values = self.obj.get(name, [])
        if not isinstance(values, list):
            self.fail(name, f"expected a list, found {kind_of_value(values)}")
        for n, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{name}[{n}]", f"expected an id (text), found {kind_of_value(value)}")
            if value not in known:
                self.fail(f"{name}[{n}]", f"refers to {what} {value!r}, which is not in the file")
        return tuple(sorted(dict.fromkeys(values)))

    def strings(self, name: str) -> tuple[str, ...]:
        values = self.obj.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail(name, "expected a list of texts")
        return tuple(sorted(dict.fromkeys(v for v in values if v.strip())))

    def stamps(self) -> dict:
        return {"created_at": self.timestamp("created_at"),
                "updated_at": self.timestamp("updated_at")}

    def _uuid(self, name: str, value: str) -> str:
        shown = value if len(value) <= 40 else value[:40] + "…"
        try:
            canonical = str(uuid.UUID(value))
        except ValueError:
            self.fail(name, f"'{shown}' is not a UUID")
        if canonical != value:
            # Ids are compared as text (merges match on them): one spelling only.
            self.fail(name, f"'{shown}' is not written as this app writes ids "
                      f"(expected '{canonical}')")
        return value


# Whole numbers SQLite can store; sort orders and counts are far below.
_INT_LIMIT = 2 ** 53
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# Deeper than any case export (it has four levels); json recurses per level.
MAX_DEPTH = 64


class TooLong(str):
    """A number written with too many digits to be one of ours (kept as its text)."""


def parse_int(text: str) -> int | TooLong:
    return TooLong(text) if len(text.lstrip("-")) > 30 else int(text)


def depth_problem(text: str) -> str | None:
    """Where the document nests deeper than `MAX_DEPTH`, as "line L, column C"."""
    depth, in_string, escaped, line, column = 0, False, False, 1, 0
    for ch in text:
        column += 1
        if ch == "\n":
            line, column = line + 1, 0
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"line {line}, column {column}"
        elif ch in "]}":
            depth -= 1
    return None


def kind_of_value(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), "a value")
