"""Sources as numbered footnotes: one number per source across a document.

A source keeps the number it first got wherever it is cited again, and each
page lists, at its foot, the sources cited on it: outlet, date and Admiralty
grade with its meaning, so a page torn from the pack still says how far each
claim can be trusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QFont

from ..domain import Source, palette
from ..domain.bidi import isolate
from ..domain.grid_text import source_line
from .fonts import export_font
from .page import pt
from .text_block import TextBlock, TextLine, stack, wrap_within

FOOTNOTE_POINTS = 7.0
# A shortened text up to this long is given in full in its footnote; a longer one
# (which could fill the page) at the end of the document, the footnote pointing there.
FOOTNOTE_TEXT_LIMIT = 600
_TITLE = "Sources (Admiralty grade: reliability A–F, credibility 1–6)"


class FullTexts:
    """Texts shortened on the pages (a long title or name), each marked "[a]", "[b]", …
    where it is cut, and given in full in a note. A note's id stands among the
    source ids a line carries, so a page footnotes the notes it shows marks of."""

    def __init__(self) -> None:
        self._notes: dict[str, tuple[str, str]] = {}  # id -> (what it is, the full text)

    def note(self, what: str, text: str) -> str:
        """The id of the note giving `text` (a `what`: "Party name") in full."""
        for note_id, known in self._notes.items():
            if known == (what, text):
                return note_id
        note_id = f"full-text:{len(self._notes)}"
        self._notes[note_id] = (what, text)
        return note_id

    def wrap(self, what: str, text: str, font: QFont, width: float, max_lines: int,
             **options) -> TextBlock:
        """`text` wrapped, and if longer than `max_lines` shortened, marked and noted."""
        block = TextBlock.wrap(text, font, width, **options)
        if len(block.lines) <= max_lines:
            return block
        note_id = self.note(what, text)
        block, _ = wrap_within(text, font, width, max_lines, self.mark(note_id), **options)
        block.lines[-1].source_ids = (note_id,)
        return block

    def mark(self, note_id: str) -> str:
        return f"[{_letters(int(note_id.rpartition(':')[2]))}]"

    def ordered(self, ids: Iterable[str]) -> list[str]:
        """The note ids among `ids`, in the order the notes were made."""
        return [n for n in self._notes if n in set(ids)]

    def footnote_text(self, note_id: str) -> str:
        """The note as a footnote: the text in full, or where it is when too long."""
        what, text = self._notes[note_id]
        if len(text) > FOOTNOTE_TEXT_LIMIT:
            return (f"{self.mark(note_id)} {what} shortened ({len(text):,} characters): "
                    "given in full at the end of this document.")
        return self.full_text(note_id)

    def full_text(self, note_id: str) -> str:
        what, text = self._notes[note_id]
        return f"{self.mark(note_id)} {what} in full: {isolate(text)}"

    def at_end(self, every: bool = False) -> list[str]:
        """Notes to list at the end: those too long for a footnote (all when `every`)."""
        return [n for n, (_, text) in self._notes.items()
                if every or len(text) > FOOTNOTE_TEXT_LIMIT]


def _letters(index: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa": marks that never look like a source's [1]."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class SourceNumbers:
    """Numbers sources in the order they are first cited (and holds the document's
    shortened texts, which are footnoted beside them)."""

    def __init__(self, sources: Mapping[str, Source]):
        self.sources = dict(sources)
        self._numbers: dict[str, int] = {}
        self.full_texts = FullTexts()

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

    def _note_block(self, note_id: str) -> TextBlock:
        return TextBlock.wrap(self.numbers.full_texts.footnote_text(note_id),
                              export_font(FOOTNOTE_POINTS), self.width, colour=palette.INK)

    def height(self, source_ids: Iterable[str]) -> float:
        """Height the footnotes of these sources (and notes) take, rule and spacing included."""
        source_ids = set(source_ids)
        ids = self.numbers.ordered(source_ids)
        notes = self.numbers.full_texts.ordered(source_ids)
        if not ids and not notes:
            return 0.0
        height = self.rule_space + sum(self._note_block(n).height + self.gap for n in notes)
        if ids:
            height += self._title_block().height + sum(self._block(s).height + self.gap
                                                       for s in ids)
        return height

    def lines(self, source_ids: Iterable[str]) -> list[TextLine]:
        """Fresh lines (title first) for drawing the footnotes of these sources, then
        the notes of shortened texts."""
        source_ids = set(source_ids)
        ids = self.numbers.ordered(source_ids)
        blocks = []
        if ids:
            blocks.append(TextBlock.wrap(_TITLE, export_font(FOOTNOTE_POINTS, bold=True),
                                         self.width, colour=palette.INK))
        blocks += [TextBlock.wrap(footnote_text(self.numbers._assign(s), self.numbers.sources[s]),
                                  export_font(FOOTNOTE_POINTS), self.width, colour=palette.INK)
                   for s in ids]
        blocks += [self._note_block(n) for n in self.numbers.full_texts.ordered(source_ids)]
        return stack(blocks, gap=self.gap)


class SourcesAtEnd(FootnoteArea):
    """No footnotes on the pages: the document lists its sources once, at the end
    (`source_list_lines`). A brief cites the same few sources on every page."""

    def height(self, source_ids: Iterable[str]) -> float:
        return 0.0

    def lines(self, source_ids: Iterable[str]) -> list[TextLine]:
        return []


SOURCES_TITLE = _TITLE
