"""Every colour the program draws with, named for what it is for.

Plain Python ("#rrggbb" strings; (r, g, b, a) tuples where a colour is see-through),
so the window (`ui/`) and the exports (`export/`) draw with the same colours and a
change of colour is a change to this file. `tests/domain/test_palette.py` checks that no
other module spells a colour, and that text stays readable on every stance fill.

The window's grid follows the desktop: `LIGHT` or `DARK` (`Scheme`), chosen by how
light the application palette's window colour is (`ui/theme.py`). Exports are
printed on paper and the timeline is drawn as a chart on white, so both always use
the light colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .vocabulary import Stance

# -- paper and ink (exports, the timeline, anything drawn on white) -------------------
PAPER = "#ffffff"          # page, image and empty-cell background; white on dark marks
BLACK = "#000000"          # headings of printed text, the change mark, heavy rules
INK = "#1b1b1b"            # body text on paper, and on the light stance fills
SOFT_INK = "#303030"       # secondary printed text: details, notes, the page's margins
FAINT_INK = "#505050"      # printed text that only qualifies (a gap's "by the rule")
MUTED_INK = "#6a6a6a"      # on-screen secondary text on light grounds (dates, axis labels)
RULE = "#404040"           # the page frame's rules and swatch edges
GRID_RULE = "#606060"      # the printed grid's cell lines
PROBLEM = "#b00020"        # a field's or a dialog's error text and border
NOTICE_GROUND = "#fff3cd"  # a banner that says the window is not showing the case as now
NOTICE_EDGE = "#b58100"
NOTICE_INK = "#3d2b00"
MARKING = "#b03a2e"        # the as-of line, and the marking on a timeline export
PARTY_DEFAULT = "#607d8b"  # a party's colour when none is given (schema and files alike)
NO_PARTY = "#7f7f7f"       # the timeline lane of events with no party

# -- the printed grid snapshot ----------------------------------------------------------
PRINT_GAP_FILL = "#f1f1f1"
PRINT_HEADER_FILL = "#e6e6e6"

# -- the timeline (light only) -------------------------------------------------------------
TIMELINE_INK = INK
TIMELINE_GRID = (0, 0, 0, 28)         # day and month lines
TIMELINE_GRID_STRONG = (0, 0, 0, 70)  # year lines and lane edges
TIMELINE_LANE_SHADE = (0, 0, 0, 10)   # every other lane
TIMELINE_HEADER = "#f4f4f4"
TIMELINE_AXIS = "#ececec"
TIMELINE_SELECTION = "#e08a00"
TIMELINE_COMPARE = "#6c6c6c"
TIMELINE_LABEL_GROUND = (255, 255, 255, 215)  # behind a label drawn over marks

# -- the CSV import preview's rows ---------------------------------------------------------
IMPORT_PROBLEM_ROW = "#f8d7d3"
IMPORT_SKIPPED_ROW = "#e4e4e4"
IMPORT_FIXED_ROW = "#dcefdc"

# -- the demo case's parties: the colours its analyst chose (Okabe–Ito, colour-blind safe) --
DEMO_PARTY_COLOURS = {
    "israel": "#0072b2", "hamas": "#009e73", "egypt": "#d55e00",
    "qatar": "#8a3a6b", "usa": "#56b4e9", "turkey": "#e69f00",
}

# Okabe–Ito-derived hues, spread in lightness so they stay apart in grayscale;
# light enough for dark ink.
_LIGHT_STANCES = {
    Stance.ACCEPTS: "#9ad9b4",
    Stance.OFFERS: "#b8dcf5",
    Stance.CONDITIONAL: "#f6e08a",
    Stance.DEMANDS: "#f7c08a",
    Stance.REJECTS: "#e79c8f",
    Stance.RED_LINE: "#c46a78",
    Stance.UNCLEAR: "#dcdcdc",
}
# The same hues, deep enough for light ink on a dark desktop; the order in
# lightness is kept apart from grayscale, hue tells them apart.
_DARK_STANCES = {
    Stance.ACCEPTS: "#1f5c3d",
    Stance.OFFERS: "#1d4a6b",
    Stance.CONDITIONAL: "#5c4d12",
    Stance.DEMANDS: "#6b3f14",
    Stance.REJECTS: "#6e2c24",
    Stance.RED_LINE: "#6a1f33",
    Stance.UNCLEAR: "#454545",
}


@dataclass(frozen=True, eq=False)  # compared (and cached) by identity: there are two
class Scheme:
    """The colours of the window's position grid, its headers and its legend."""

    stance_fill: Mapping[Stance, str]
    ink: str               # all text on a stance fill, headings on any cell
    muted_ink: str         # secondary text on the empty and the gap cells
    empty_fill: str        # a cell with no position
    empty_hatch: str       # the diagonal lines across an empty cell
    gap_fill: str          # the gap row
    change_mark: str       # the frame of a changed cell and the solid "CHANGED" tag
    change_mark_text: str  # the words on that tag
    selection: str         # the frame of the selected cell: 3:1 on every fill (WCAG 1.4.11)
    cell_rule: str
    group_rule: str        # where a new group of parties starts
    band_fills: tuple[str, str]  # the header's role bands, alternating
    chip_edge: str         # the edge of a legend chip
    badge_ground: tuple[int, int, int, int]  # behind a cell's source grade (see-through)


LIGHT = Scheme(
    stance_fill=_LIGHT_STANCES, ink=INK, muted_ink="#4a4a4a",
    empty_fill=PAPER, empty_hatch="#e3e3e3", gap_fill="#eef0f3",
    change_mark=BLACK, change_mark_text=PAPER, selection="#002e86",
    cell_rule="#b9bec6", group_rule="#5a5a5a", band_fills=("#d9dee6", "#e9ecf1"),
    chip_edge="#8a8a8a", badge_ground=(255, 255, 255, 235))

DARK = Scheme(
    stance_fill=_DARK_STANCES, ink="#f0f0f0", muted_ink="#c8c8c8",
    empty_fill="#262626", empty_hatch="#3a3a3a", gap_fill="#33373d",
    change_mark="#f0f0f0", change_mark_text="#111111", selection="#6ea8ff",
    cell_rule="#4a4f57", group_rule="#a0a0a0", band_fills=("#3a3f47", "#30343a"),
    chip_edge="#8a8a8a", badge_ground=(0, 0, 0, 190))


def stance_fill(stance: Stance) -> str:
    """A stance's fill on paper (exports and the timeline)."""
    return LIGHT.stance_fill[stance]
