"""Sources as numbered footnotes: one number per source across a document.

A source keeps the number it first got wherever it is cited again, and each
page lists, at its foot, the sources cited on it: outlet, date and Admiralty
grade with its meaning, so a page torn from the pack still says how far each
claim can be trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..domain import Source, palette
from ..domain.grid_text import source_line
from .fonts import export_font
from .page import pt
from .text_block import TextBlock, TextLine, stack

FOOTNOTE_POINTS = 7.0
_TITLE = "Sources (Admiralty grade: reliability A–F, credibility 1–6)"


class SourceNumbers:
    """Numbers sources in the order they are first cited."""

    def __init__(self, sources: Mapping[str, Source]):
        self.sources = dict(sources)
        self._numbers: dict[str, int] = {}

    def number(self, source_id: str) -> int | None:
        """The source's number, assigning the next one on first citation."""
        if source_id not in self.sources:
            return None
        return self._assign(source_id)

    def _assign(self, source_id: str) -> int:
        if source_id not in self._numbers:
            self._numbers[source_id] = len(self._numbers) + 1
        return self._numbers[source_id]

    def numbered(self, source_ids: Iterable[str]) -> list[str]:
        """The known sources among `source_ids`, best grade first, numbering new ones.

        Sorting first makes the numbers independent of the order the ids come in.
        """
        known = sorted({s for s in source_ids if s in self.sources}, key=self._rank)
        for source_id in known:
            self.number(source_id)
        return known

    def _rank(self, source_id: str) -> tuple:
        source = self.sources[source_id]
        return (source.grade_key, source.title.casefold(), source_id)

    def marks(self, source_ids: Iterable[str]) -> str:
        """"[1][4]" for the sources given (unknown ids skipped)."""
        numbers = sorted({n for n in (self.number(s) for s in source_ids) if n is not None})
        return "".join(f"[{n}]" for n in numbers)

    def ordered(self, source_ids: Iterable[str]) -> list[str]:
        """Known ids sorted by their numbers."""
        return sorted({s for s in source_ids if s in self._numbers}, key=self._numbers.__getitem__)

    def all_numbered(self) -> list[tuple[int, Source]]:
        return sorted((n, self.sources[s]) for s, n in self._numbers.items())


def footnote_text(number: int, source: Source) -> str:
    """"[3] B2 — Usually reliable, probably true: Title (Outlet, 12 Aug 2025)"."""
    return f"[{number}] {source_line(source)}"


class FootnoteArea:
    """Measures and lays out the footnotes of a page, at the body's width."""

    def __init__(self, numbers: SourceNumbers, width: float):
        self.numbers = numbers
        self.width = width
        self._blocks: dict[str, TextBlock] = {}
        self._title: TextBlock | None = None
        self.gap = pt(1.0)
        self.rule_space = pt(5.0)

    def _block(self, source_id: str) -> TextBlock:
        if source_id not in self._blocks:
            number = self.numbers._assign(source_id)
            self._blocks[source_id] = TextBlock.wrap(
                footnote_text(number, self.numbers.sources[source_id]),
                export_font(FOOTNOTE_POINTS), self.width, colour=palette.INK)
        return self._blocks[source_id]

    def _title_block(self) -> TextBlock:
        if self._title is None:
            self._title = TextBlock.wrap(_TITLE, export_font(FOOTNOTE_POINTS, bold=True),
                                         self.width, colour=palette.INK)
        return self._title

    def height(self, source_ids: Iterable[str]) -> float:
        """Height the footnotes of these sources take, rule and spacing included."""
        ids = self.numbers.ordered(source_ids)
        if not ids:
            return 0.0
        return (self.rule_space + self._title_block().height
                + sum(self._block(s).height + self.gap for s in ids))

    def lines(self, source_ids: Iterable[str]) -> list[TextLine]:
        """Fresh lines (title first) for drawing the footnotes of these sources."""
        ids = self.numbers.ordered(source_ids)
        if not ids:
            return []
        blocks = [TextBlock.wrap(_TITLE, export_font(FOOTNOTE_POINTS, bold=True), self.width,
                                 colour=palette.INK)]
        blocks += [TextBlock.wrap(footnote_text(self.numbers._assign(s), self.numbers.sources[s]),
                                  export_font(FOOTNOTE_POINTS), self.width, colour=palette.INK)
                   for s in ids]
        return stack(blocks, gap=self.gap)


class SourcesAtEnd(FootnoteArea):
    """No footnotes on the pages: the document lists its sources once, at the end
    (`source_list_lines`). A brief cites the same few sources on every page."""

    def height(self, source_ids: Iterable[str]) -> float:
        return 0.0

    def lines(self, source_ids: Iterable[str]) -> list[TextLine]:
        return []


SOURCES_TITLE = _TITLE
