""""Contains this text" in SQL, for every filter: LIKE where it can, instr where it cannot.

LIKE (which ignores the case of ASCII letters) is what the filters use, but
SQLite refuses a LIKE pattern past 50,000 bytes ("LIKE or GLOB pattern too
complex": 20,000 CJK characters are 60,000), and it reads a pattern only up to
a NUL, so a filter of "\\x00" became "%%" and matched everything. A needle that
long, or holding a NUL, is matched with instr() over lower() instead: the same
ASCII-only case folding, any length, and a NUL compared as the byte it is.
"""

from __future__ import annotations

import string

# Characters past which a needle is not put into a LIKE pattern (4 bytes each at most).
LIKE_LIMIT = 10_000
_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def needs_instr(needle: str) -> bool:
    return len(needle) > LIKE_LIMIT or "\x00" in needle


def pattern_and_plain(needle: str) -> tuple[str, str | None]:
    """(LIKE pattern, None) for an ordinary needle; ("", folded needle) for one LIKE cannot take."""
    if needs_instr(needle):
        return "", needle.translate(_ASCII_FOLD)
    return f"%{like_escaped(needle)}%", None


def contains_sql(expr: str, pattern: str = ":pattern", plain: str = ":plain") -> str:
    """SQL true when `expr` contains the needle: CASE runs only the branch that applies."""
    return (f"(CASE WHEN {plain} IS NULL THEN {expr} LIKE {pattern} ESCAPE '\\' "
            f"ELSE instr(lower({expr}), {plain}) > 0 END)")


def contains(expr: str, needle: str) -> tuple[str, list]:
    """A condition with `?` parameters, and its parameters, for `expr` containing `needle`."""
    pattern, plain = pattern_and_plain(needle)
    return contains_sql(expr, "?", "?"), [plain, pattern, plain]
