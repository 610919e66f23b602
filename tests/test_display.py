"""Whether the window can open, decided before Qt is started (Qt would abort)."""

import ctypes.util

import pytest

from negotiations_gui import display
from negotiations_gui.display import display_problem


@pytest.mark.parametrize("environ, platform", [
    ({}, "win32"),
    ({}, "darwin"),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux"),
    ({"QT_QPA_PLATFORM": "xcb;offscreen"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "wayland"}, "linux"),
])
def test_where_a_window_can_open(environ, platform):
    assert display_problem(environ, platform) is None


@pytest.mark.parametrize("environ, problem", [
    ({}, "neither DISPLAY nor WAYLAND_DISPLAY is set"),
    ({"XDG_SESSION_TYPE": "tty"}, "neither DISPLAY nor WAYLAND_DISPLAY is set"),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "asks for Wayland, but WAYLAND_DISPLAY"),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "asks for X11, but DISPLAY is not set"),
])
def test_why_a_window_cannot_open(environ, problem):
    assert problem in display_problem(environ, "linux")


def test_a_missing_libxcb_cursor_names_the_package(monkeypatch):
    real = ctypes.util.find_library
    monkeypatch.setattr(display.ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else real(name))
    assert "sudo apt install libxcb-cursor0" in display_problem({"DISPLAY": ":0"}, "linux")


@pytest.mark.skipif(ctypes.util.find_library("xcb") is None, reason="no libxcb here")
def test_an_x11_display_that_cannot_be_reached(monkeypatch):
    real = ctypes.util.find_library
    monkeypatch.setattr(display.ctypes.util, "find_library",
                        lambda name: "libxcb-cursor.so.0" if name == "xcb-cursor" else real(name))
    problem = display_problem({"DISPLAY": ":93517"}, "linux")
    assert problem == "the X11 display :93517 cannot be reached"
