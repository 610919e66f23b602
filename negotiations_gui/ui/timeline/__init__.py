"""The timeline: party lanes over time, clusters at scale, the as-of cursor."""

from .filter_bar import TimelineFilterBar
from .pane import TimelinePane
from .view import TimelineView

__all__ = ["TimelineFilterBar", "TimelinePane", "TimelineView"]
