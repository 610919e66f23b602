"""Where each lane sits vertically: lanes grouped by role under a caption.

A lane is as tall as its spans need: one row per span that overlaps others
(events known only to the month pile up over that month), from two rows up
to `MAX_SPAN_ROWS`; beyond that, overlapping spans merge into counted clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.timeline_data import TimelineData
from ...domain.timeline_layout import stack_depth
from .style import GROUP_GAP, MAX_SPAN_ROWS, MIN_SPAN_ROWS, lane_height


@dataclass(frozen=True)
class LaneRow:
    index: int  # into TimelineData.lanes
    top: float  # y of the lane's top, below the axis, before vertical scrolling
    caption: str  # group caption drawn above this lane ("" when it continues a group)
    span_rows: int = MIN_SPAN_ROWS
    stance_row: bool = False  # a party's lane: its changes of stance under its events

    @property
    def height(self) -> float:
        return lane_height(self.span_rows, self.stance_row)


@dataclass(frozen=True)
class LaneGeometry:
    rows: tuple[LaneRow, ...]
    height: float  # of all lanes together

    @classmethod
    def of(cls, data: TimelineData) -> LaneGeometry:
        rows, y, group = [], 0.0, None
        for index, lane in enumerate(data.lanes):
            caption = ""
            if lane.lane.group != group:
                group = lane.lane.group
                caption = group
                y += GROUP_GAP
            span_rows = max(MIN_SPAN_ROWS, stack_depth(lane.spans, MAX_SPAN_ROWS))
            row = LaneRow(index, y, caption, span_rows, stance_row=bool(lane.lane.key))
            rows.append(row)
            y += row.height
        return cls(tuple(rows), y + 4)

    def row_at(self, y: float) -> LaneRow | None:
        """The lane under lanes-area coordinate `y`, if any."""
        for row in self.rows:
            if row.top <= y < row.top + row.height:
                return row
        return None

    def row_of(self, lane_index: int) -> LaneRow | None:
        return next((r for r in self.rows if r.index == lane_index), None)
