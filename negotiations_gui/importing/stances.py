"""Stances as data sets and spreadsheets write them."""

from __future__ import annotations

from ..domain import Stance

_STANCE_WORDS = {
    **{s.value: s for s in Stance}, **{s.label.casefold(): s for s in Stance},
    **{s.symbol: s for s in Stance},
    "demand": Stance.DEMANDS, "offer": Stance.OFFERS, "accept": Stance.ACCEPTS,
    "accepted": Stance.ACCEPTS, "agreed": Stance.ACCEPTS, "agrees": Stance.ACCEPTS,
    "conditionally accepts": Stance.CONDITIONAL, "reject": Stance.REJECTS,
    "rejected": Stance.REJECTS, "redline": Stance.RED_LINE, "red-line": Stance.RED_LINE,
    "unknown": Stance.UNCLEAR,
}


def parse_stance(text: str) -> Stance:
    stance = _STANCE_WORDS.get(" ".join(text.split()).casefold())
    if stance is None:
        words = ", ".join(s.value for s in Stance)
        raise ValueError(f"'{text}' is not a stance (use one of: {words})")
    return stance
