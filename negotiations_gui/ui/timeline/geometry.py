"""Where each lane sits vertically: lanes grouped by role under a caption."""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.timeline_data import TimelineData
from .style import GROUP_GAP, LANE_HEIGHT


@dataclass(frozen=True)
class LaneRow:
    index: int  # into TimelineData.lanes
    top: float  # y of the lane's top, below the axis, before vertical scrolling
    caption: str  # group caption drawn above this lane ("" when it continues a group)


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
            rows.append(LaneRow(index, y, caption))
            y += LANE_HEIGHT
        return cls(tuple(rows), y + 4)

    def row_at(self, y: float) -> LaneRow | None:
        """The lane under lanes-area coordinate `y`, if any."""
        for row in self.rows:
            if row.top <= y < row.top + LANE_HEIGHT:
                return row
        return None

    def row_of(self, lane_index: int) -> LaneRow | None:
        return next((r for r in self.rows if r.index == lane_index), None)
