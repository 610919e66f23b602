"""The frame's caches (laid-out text, glyph and pill sprites) never show a stale picture."""

import dataclasses

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPdfWriter

from negotiations_gui.domain import CaseData, Event, EventFilter, PartialDate
from negotiations_gui.ui.timeline import sprites, style, text_cache
from negotiations_gui.ui.timeline.painter import paint_frame

from .conftest import settle

CACHES = (text_cache.static_text, text_cache._elided, sprites.glyph_sprite, sprites.pill_ends,
          sprites.whole_pill)


def render(view) -> QImage:
    canvas = view.canvas
    image = QImage(QSize(canvas.width(), canvas.height()), QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    paint_frame(painter, canvas.frame())
    painter.end()
    return image


def render_warm_and_cold(view) -> tuple[QImage, QImage]:
    """The frame with whatever the caches hold, then with every cache emptied first."""
    warm = render(view)
    for cache in CACHES:
        cache.cache_clear()
    return warm, render(view)


@pytest.fixture
def clustered(qtbot, store, view, case):
    """The small case plus four calls on one day, which draw as a counted pill."""
    store.restore(CaseData(events=tuple(
        Event(PartialDate.parse("2025-08-12"), f"Call {n}", "statement",
              party_ids=(case["israel"].id,)) for n in range(4))))
    view.state.notify_changed({"events"})
    settle(qtbot, view)
    view.canvas.fit_all()
    render(view)  # fill the caches
    assert any(hit.count > 1 for hit in view.canvas.hits), "the frame should draw a pill"
    assert sprites.whole_pill.cache_info().currsize > 0
    assert text_cache.static_text.cache_info().currsize > 0
    return view


def test_a_renamed_item_is_drawn_with_its_new_title(qtbot, store, clustered, case):
    before = render(clustered)
    store.update_event(dataclasses.replace(case["talks"], title="Talks moved to Doha"))
    clustered.state.notify_changed({"events"})
    settle(qtbot, clustered)
    warm, cold = render_warm_and_cold(clustered)
    assert warm == cold
    assert warm != before


def test_a_zoom_step_draws_as_if_nothing_were_cached(clustered):
    before = render(clustered)
    clustered.canvas.zoom(1.25)
    warm, cold = render_warm_and_cold(clustered)
    assert warm == cold
    assert warm != before


def test_a_filter_draws_as_if_nothing_were_cached(qtbot, clustered, case):
    before = render(clustered)
    clustered.state.set_event_filter(EventFilter(party_ids=frozenset({case["hamas"].id})))
    settle(qtbot, clustered)
    warm, cold = render_warm_and_cold(clustered)
    assert warm == cold
    assert warm != before


def test_laid_out_text_stays_plain():
    laid_out, width = text_cache.static_text(8.5, False, "<b>not bold</b>")
    assert laid_out.textFormat() == Qt.PlainText
    assert laid_out.text() == "<b>not bold</b>"
    assert width == pytest.approx(style.text_width(8.5, False, "<b>not bold</b>"))


def test_a_title_is_elided_to_its_room_and_kept_whole_when_it_fits():
    title = "Negotiation round in Cairo with the Egyptian mediators"
    short, short_width = text_cache.elided(7.5, False, title, 80.6)
    assert short.text().endswith("…") and len(short.text()) < len(title)
    assert short_width <= 80.6
    wider, _ = text_cache.elided(7.5, False, title, 160)
    assert len(wider.text()) > len(short.text())
    whole, whole_width = text_cache.elided(7.5, False, title, 2000)
    assert whole.text() == title
    assert whole_width == pytest.approx(style.text_width(7.5, False, title))


def test_sprites_only_where_pixels_are_copied_one_to_one(tmp_path):
    image = QImage(QSize(50, 50), QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    assert sprites.sprite_ratio(painter) == 1.0
    painter.scale(2, 2)  # an export drawn larger would blur copied pixels
    assert sprites.sprite_ratio(painter) == 0.0
    painter.end()
    writer = QPdfWriter(str(tmp_path / "out.pdf"))
    painter = QPainter(writer)
    assert sprites.sprite_ratio(painter) == 0.0  # a PDF keeps vector shapes
    painter.end()


@pytest.mark.parametrize("width", [9.0, 14.0, 15.0, 40.0, 64.0, 65.0, 233.0])
def test_a_pill_from_sprites_matches_the_vector_pill(width):
    def draw(ratio: float) -> QImage:
        image = QImage(QSize(260, 30), QImage.Format_ARGB32_Premultiplied)
        image.fill(Qt.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        sprites.draw_pill(painter, ratio, QRectF(10, 8, width, 14), "#2ca02c")
        painter.end()
        return image

    vector, copied = draw(0.0), draw(1.0)
    worst = max(abs(vector.pixelColor(x, y).value() - copied.pixelColor(x, y).value())
                for x in range(260) for y in range(30))
    assert worst <= 8  # antialiasing where the halves meet, never a missing edge or fill
    assert vector.pixelColor(10 + int(width / 2), 15) == copied.pixelColor(10 + int(width / 2), 15)


class RecordingPainter:
    """Stands in for a QPainter and records which text calls a drawing makes."""

    def __init__(self):
        self.calls = []

    def drawStaticText(self, *args):
        self.calls.append("drawStaticText")

    def drawText(self, *args):
        self.calls.append(("drawText", args[-1]))


@pytest.mark.parametrize("draw", [
    lambda p, raster, text: text_cache.draw_at_baseline(p, raster, 7.5, False, text, 10, 20),
    lambda p, raster, text: text_cache.draw_centred(p, raster, 7.5, False, text, 30, 10, 20),
    lambda p, raster, text: text_cache.draw_left_centred(p, raster, 7.5, False, text, 10, 20),
])
def test_laid_out_text_only_where_sprites_are_used(draw):
    # a PDF resolves fonts at its own resolution: text laid out for the screen would
    # sit off its baseline there, so it gets the same drawText calls as ever
    laid_out, _ = text_cache.static_text(7.5, False, "Talks in Cairo")
    on_screen, in_pdf = RecordingPainter(), RecordingPainter()
    draw(on_screen, True, laid_out)
    draw(in_pdf, False, laid_out)
    assert on_screen.calls == ["drawStaticText"]
    assert in_pdf.calls == [("drawText", "Talks in Cairo")]
