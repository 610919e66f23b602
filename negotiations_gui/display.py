"""Whether the window can open here, asked before Qt is started.

Qt aborts the whole process (SIGABRT, exit status 134, a message about
platform plugins) when it cannot reach a display. On Linux and the other X11
and Wayland systems the command line asks first, cheaply and without Qt:
is there a display to talk to, and can the X11 plugin load? Windows and macOS
always have their window system. Qt's own platforms that need no display
(offscreen, vnc, eglfs, ...) are the user's explicit choice and are trusted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Mapping

# the platforms that show windows on a display (the rest need none)
_DISPLAY_PLATFORMS = {"", "xcb", "wayland", "wayland-egl"}


def _platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order ("" = its default choice)."""
    value = environ.get("QT_QPA_PLATFORM", "")
    return [part.split(":", 1)[0].strip() for part in value.split(";")] if value else [""]


def _x11_problem(display: str) -> str | None:
    """Why Qt's X11 plugin could not open a window on `display`, or None."""
    # Since Qt 6.5 the X11 plugin refuses to load without libxcb-cursor.
    if ctypes.util.find_library("xcb-cursor") is None:
        return ("Qt's X11 support needs the libxcb-cursor0 package "
                "(on Debian or Ubuntu: sudo apt install libxcb-cursor0)")
    try:
        xcb = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
    except OSError:
        return "the X11 library libxcb is not installed"
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        if xcb.xcb_connection_has_error(connection):
            return f"the X11 display {display} cannot be reached"
    finally:
        xcb.xcb_disconnect(connection)
    return None


def display_problem(environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> str | None:
    """Why no window can be shown here (in words for the user), or None when it can."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    wanted = _platforms(environ)
    if any(name not in _DISPLAY_PLATFORMS for name in wanted):
        return None  # offscreen, vnc, eglfs...: chosen on purpose, and need no display
    # Qt's default ("") takes Wayland when a compositor is announced, else X11.
    wants_x11 = any(name in ("", "xcb") for name in wanted)
    wants_wayland = any(name != "xcb" for name in wanted)
    wayland, x11 = environ.get("WAYLAND_DISPLAY", ""), environ.get("DISPLAY", "")
    if wants_wayland and wayland:
        return None
    if wants_x11 and x11:
        return _x11_problem(x11)
    if not wants_x11:
        return "QT_QPA_PLATFORM asks for Wayland, but WAYLAND_DISPLAY is not set"
    if not wants_wayland:
        return "QT_QPA_PLATFORM asks for X11, but DISPLAY is not set"
    return "no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
