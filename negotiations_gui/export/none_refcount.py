"""Work around PySide6 6.12.0 dropping a reference to None on Python 3.11.

Every Qt method that returns nothing (QPainter.drawRect, QTextLine.setPosition,
QObject.setObjectName, ...) decrements None's reference count without having
taken one: harmless on Python 3.12+, where None is immortal (PEP 683), but on
3.11 None starts near 4,500 references, so a process that makes more void Qt
calls than that dies with "Fatal Python error: none_dealloc" (an export of a
large grid makes tens of thousands). Giving None a huge reference count makes
it as good as immortal, as on 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48


def keep_none_alive() -> None:
    """Make None effectively immortal on Python < 3.12 (idempotent in effect)."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _HEADROOM // 2:
        return
    if hasattr(sys, "gettotalrefcount"):  # debug build: object header differs; leave it
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += _HEADROOM
