"""The timeline: party lanes over time, clusters at scale, the as-of cursor."""

from .filter_bar import TimelineFilterBar
from .view import TimelineView

__all__ = ["TimelineFilterBar", "TimelineView"]
