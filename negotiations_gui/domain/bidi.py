"""Keeping user text from reordering the sentences it is put into.

A name holding an unclosed right-to-left override (U+202E), or simply ending
in Arabic or Hebrew, reorders the generated words after it when the line is
laid out ("Egypt" + U+202E + ": Accepts, 10 Aug 2025" shown backwards). Wrapped in a
first-strong isolate (U+2068 … U+2069), it is laid out on its own, in its own
direction, and the sentence around it keeps its order.
"""

FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """`text` as a bidi isolate, for putting into generated text."""
    return f"{FSI}{text}{PDI}" if text else text


def visible(text: str) -> str:
    """`text` without the isolate marks (which show nothing): what a reader sees."""
    return text.replace(FSI, "").replace(PDI, "")
