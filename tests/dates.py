"""The tests' one date helper: `d("2025-08")` is the partial date as an analyst types it."""

from negotiations_gui.domain import PartialDate


def d(text: str) -> PartialDate:
    """`PartialDate.parse(text)`: "2025", "2025-08" or "2025-08-12"."""
    return PartialDate.parse(text)
