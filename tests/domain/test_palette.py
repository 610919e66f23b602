"""The one palette: text stays readable on every stance fill in the light and the
dark scheme (WCAG 2.x contrast), and no module but palette.py spells a colour."""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

import negotiations_gui
from negotiations_gui.domain import Stance, palette
from negotiations_gui.domain.palette import DARK, LIGHT, Scheme

PACKAGE = Path(negotiations_gui.__file__).parent
SMALL_TEXT = 4.5  # WCAG 2.x AA for text under 18 pt (14 pt bold): every word in a cell
NON_TEXT = 3.0  # WCAG 2.1 SC 1.4.11: a mark that says something (the selected cell's frame)


def _luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of "#rrggbb"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _over(ground: tuple[int, int, int, int], fill: str) -> str:
    """A see-through ground composited over an opaque fill."""
    *rgb, alpha = ground
    under = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c * alpha / 255 + u * (1 - alpha / 255)) for c, u in zip(rgb, under)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def test_the_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


SCHEMES = pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])


@SCHEMES
@pytest.mark.parametrize("stance", list(Stance), ids=lambda s: s.value)
def test_cell_text_is_readable_on_each_stance_fill(scheme: Scheme, stance: Stance):
    # the stance, the summary and the date on a position cell are all small text in `ink`
    fill = scheme.stance_fill[stance]
    assert contrast(scheme.ink, fill) >= SMALL_TEXT
    # the source grade sits on its own see-through ground over the fill
    assert contrast(scheme.ink, _over(scheme.badge_ground, fill)) >= SMALL_TEXT


@SCHEMES
def test_text_is_readable_on_the_empty_and_gap_cells_and_the_change_tag(scheme: Scheme):
    for ground in (scheme.empty_fill, scheme.gap_fill, *scheme.band_fills):
        assert contrast(scheme.ink, ground) >= SMALL_TEXT
    for ground in (scheme.empty_fill, scheme.gap_fill):  # "No position", "By the stance rule"
        assert contrast(scheme.muted_ink, ground) >= SMALL_TEXT
    assert contrast(scheme.change_mark_text, scheme.change_mark) >= SMALL_TEXT


@SCHEMES
def test_the_selected_cells_frame_stands_out_on_every_fill(scheme: Scheme):
    # the frame is drawn over the cell's own fill: a stance's, an empty cell's, the gap's
    for fill in (*scheme.stance_fill.values(), scheme.empty_fill, scheme.gap_fill):
        assert contrast(scheme.selection, fill) >= NON_TEXT, fill


@pytest.mark.parametrize("stance", list(Stance), ids=lambda s: s.value)
def test_printed_and_timeline_text_is_readable_on_the_light_fills(stance: Stance):
    # the PDF grid's cell text and the timeline's 7 pt stance symbol: small text in INK
    assert contrast(palette.INK, palette.stance_fill(stance)) >= SMALL_TEXT


def test_printed_secondary_text_is_readable_on_paper_and_the_header_fills():
    for ground in (palette.PAPER, palette.PRINT_HEADER_FILL, palette.PRINT_GAP_FILL):
        for ink in (palette.INK, palette.SOFT_INK, palette.FAINT_INK):
            assert contrast(ink, ground) >= SMALL_TEXT
    # the window's notices, lists and fields on light grounds
    assert contrast(palette.NOTICE_INK, palette.NOTICE_GROUND) >= SMALL_TEXT
    assert contrast(palette.MUTED_INK, palette.PAPER) >= SMALL_TEXT
    assert contrast(palette.PROBLEM, palette.PAPER) >= SMALL_TEXT


def test_the_dark_scheme_is_dark_and_the_light_one_light():
    assert all(_luminance(f) < 0.2 for f in DARK.stance_fill.values())
    assert all(_luminance(f) > 0.2 for f in LIGHT.stance_fill.values())
    assert set(DARK.stance_fill) == set(LIGHT.stance_fill) == set(Stance)


# -- no colour spelled outside palette.py -------------------------------------------------
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
HOME = "domain/palette.py"
# a schema migration is the file format's history: it says what it said when it
# shipped (a party's default colour in SQL), whatever the palette says now
HISTORY = "store/schema.py"


def _colours_spelled(source: str) -> list[str]:
    found = [tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1))
             and HEX.search(tok.string)]
    for node in ast.walk(ast.parse(source)):  # QColor("white"), QColor("#fff")
        if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QColor"
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.append(f"QColor({node.args[0].value!r})")
    return found


def test_the_scan_finds_what_it_looks_for():
    assert _colours_spelled('x = QColor("white")\ny = "border: 1px solid #b00020"\n')
    assert not _colours_spelled("x = QColor(palette.PAPER)\n# a comment: #123456\n")


def test_no_colour_is_spelled_outside_the_palette():
    spelled = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name not in (HOME, HISTORY):
            found = _colours_spelled(path.read_text(encoding="utf-8"))
            if found:
                spelled[name] = found
    assert spelled == {}
