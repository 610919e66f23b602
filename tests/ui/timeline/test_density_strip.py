"""A density strip's shading: its opacity by count against the strip's peak."""

import math

import pytest

from negotiations_gui.ui.timeline import style


def alphas(counts: list[int]) -> list[int]:
    strip = style.density_strip("#2471a3", counts)
    assert (strip.width(), strip.height()) == (len(counts), 1)
    return [strip.pixelColor(x, 0).alpha() for x in range(len(counts))]


def test_an_empty_bucket_is_clear_and_the_peak_is_opaque(qapp):
    # 50 + floor(205 * sqrt(count / peak)): a quarter of the peak is half way up
    assert alphas([0, 100, 25, 1, 0, 64]) == [0, 255, 152, 70, 0, 214]


def test_a_strip_of_empty_buckets_is_clear(qapp):
    assert alphas([0, 0, 0]) == [0, 0, 0]


@pytest.mark.parametrize("peak", [1, 2, 7, 99, 1_000, 123_457])
def test_opacity_grows_with_the_square_root_of_the_count(qapp, peak):
    counts = sorted({0, 1, peak // 3, peak // 2, peak - 1, peak})
    expected = [0 if c == 0 else 50 + int(205 * math.sqrt(c / peak)) for c in counts]
    found = alphas(counts)
    assert found == expected
    assert found == sorted(found)  # never paler for more items
    colour = style.party_colours("#2471a3")[0]
    pixel = style.density_strip("#2471a3", [peak]).pixelColor(0, 0)
    assert (pixel.red(), pixel.green(), pixel.blue()) == (colour.red(), colour.green(),
                                                          colour.blue())
