"""Texts an import makes from cells: one-line summaries, what an issue code says, dates.

Shared by every row (`row_reader.py`); the date parser is shared by the check
and the insert, which read the same cells.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..domain import Stance
from .date_forms import DateOptions, DateSpan, parse_date_text
from .mapping import IssueColumn

SUMMARY_LIMIT = 200
LOOSE_ENDS = " \t:;,-–—/|"


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` on one line within `limit` characters, cut at a word with a visible "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(LOOSE_ENDS) + "…"


def code_words(spec: IssueColumn, code: str, file_name: str) -> tuple[Stance, str, str]:
    """What one code of an issue column gives: stance, summary verb, start of the detail."""
    stance = spec.stance_for(code)
    verb = "Agreed" if stance is Stance.ACCEPTS else stance.label
    if spec.scale == "0-3":
        verb += f" (code {code} of 3)"
    return stance, verb, (f"Coded {code} in column '{spec.column}' of {file_name} "
                          f"({spec.meaning}).\nIn: ")


@lru_cache(maxsize=8)
def cached_date_parser(options: DateOptions) -> Callable[[str], DateSpan]:
    # data sets repeat dates thousands of times; parse each distinct text once, for
    # the check and the insert alike (one parser per set of options)
    @lru_cache(maxsize=65536)
    def parse(text: str) -> DateSpan:
        return parse_date_text(text, options)
    return parse
