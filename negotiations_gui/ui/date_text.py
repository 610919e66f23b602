"""Reading one date as a user types it into a field: `read_typed_date`.

Every date field of the window (the forms', the toolbar's As of and Compare
with) takes the same forms: ISO ("2025-08-01", "2025-08", "2025", "~2025-08"),
and day-month-year words ("1 Aug 2025", "Aug 2025", "c. Aug 2025"). The
precision is what was typed, never more; a text that could mean two dates
("12/08/2025") or a period ("20-27 Feb 2025") is refused with the reason.
"""

from __future__ import annotations

from ..domain import DateError, PartialDate
from ..importing.date_forms import AmbiguousDayOrder, DateFormError, parse_date_text

TYPED_FORMS = "2025-08-01, 1 Aug 2025, Aug 2025 or 2025"


def read_typed_date(text: str) -> PartialDate:
    """The date `text` names, exactly as precise as typed; `DateError` says why not."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateError("No date is given.")
    try:
        return PartialDate.parse(cleaned)
    except DateError as iso_error:
        if cleaned[:1].isdigit() and "-" in cleaned and " " not in cleaned:
            raise iso_error from None  # "2025-13": say what is wrong with the ISO date
    try:
        span = parse_date_text(cleaned)
    except AmbiguousDayOrder:
        raise DateError(f"'{cleaned}' is not a date that reads one way only "
                        f"(day or month first?); write it as {TYPED_FORMS}.") from None
    except DateFormError as exc:
        reason = str(exc)
        if "is not a date" in reason or "not a month or a number" in reason:
            raise DateError(f"'{cleaned}' is not a date; write it as {TYPED_FORMS}.") from None
        raise DateError(_sentence(reason)) from None
    if span.end is not None:
        raise DateError(f"'{cleaned}' is a period; give one date ({TYPED_FORMS}).")
    return span.start


def _sentence(reason: str) -> str:
    """date_forms words its reasons for a list of rows ("'x': Feb has no day 30.")."""
    if reason.startswith("'") and "': " in reason:
        reason = reason.split("': ", 1)[1]
    reason = reason[:1].upper() + reason[1:]
    return reason if reason.endswith(".") else reason + "."
