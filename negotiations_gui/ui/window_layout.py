"""The window's first layout, and View > Reset Layout back to it.

The timeline and the grid get most of the room at every size from 1024x700
up: the inspector a quarter of the width at most, the lists a quarter of the
height. Dock sizes only take once the window has its size, so the first
layout is applied when the window is shown (and again on Reset Layout).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

INSPECTOR_SHARE, INSPECTOR_MIN, INSPECTOR_MAX = 0.22, 220, 360
LISTS_SHARE, LISTS_MIN, LISTS_MAX = 0.24, 140, 260


def inspector_width(window_width: int) -> int:
    return int(min(max(window_width * INSPECTOR_SHARE, INSPECTOR_MIN), INSPECTOR_MAX))


def lists_height(window_height: int) -> int:
    return int(min(max(window_height * LISTS_SHARE, LISTS_MIN), LISTS_MAX))


def add_docks(window: QMainWindow, inspector: QDockWidget, lists: list[QDockWidget]) -> None:
    """The docks in their places when the window is made (the saved layout may move
    them): the inspector on the right, the lists tabbed below, the first in front."""
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, inspector)
    for n, dock in enumerate(lists):
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if n:
            window.tabifyDockWidget(lists[0], dock)
    lists[0].raise_()


def apply_first_layout(window: QMainWindow, inspector: QDockWidget,
                       lists: list[QDockWidget], toolbars: Sequence[QToolBar]) -> None:
    """Docks where they start (inspector right, lists tabbed below), sized to leave
    the timeline and grid most of the window; the two panes split evenly; `toolbars`
    (the window's own: the main one and the dates) shown. A bar that shows itself
    when it has something to say (the damage banner) is left to its owner."""
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, inspector)
    inspector.setFloating(False)
    inspector.show()
    for n, dock in enumerate(lists):
        dock.setFloating(False)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if n:
            window.tabifyDockWidget(lists[0], dock)
        dock.show()
    others = [d for d in window.findChildren(QDockWidget)
              if d is not inspector and d not in lists]
    for dock in others:  # the grid's cell history, beside the lists
        dock.setFloating(False)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        window.splitDockWidget(lists[0], dock, Qt.Orientation.Horizontal)
        dock.show()
    lists[0].raise_()
    for bar in toolbars:
        bar.show()
    size = window.size()
    window.resizeDocks([inspector], [inspector_width(size.width())], Qt.Orientation.Horizontal)
    window.resizeDocks([lists[0]], [lists_height(size.height())], Qt.Orientation.Vertical)
    if others:
        window.resizeDocks([lists[0], *others], [size.width() * 3 // 5, size.width() // 5],
                           Qt.Orientation.Horizontal)
