"""The cells of a CSV row that an import reads, taken from the row in one go.

A row is read through a dozen fields, party, issue and template columns; a
look-up per field and row (which column, is it mapped, is the row short, did
the user fix it) was most of the reader's time over a million rows. The
columns are worked out once per file, and each row's cells are taken at once
(`RowCells.texts`), stripped, with the user's fixes in place.
"""

from __future__ import annotations

from operator import itemgetter

from .csv_file import CsvTable
from .problems import RowProblem

_BLANK = ("",)


class RowCells:
    """Which cells of `table`'s rows are read, in the order `texts` gives them: the
    fields, then the party cells, the issue code cells and the template's cells (a
    field no column feeds reads the blank put after the row's cells)."""

    def __init__(self, table: CsvTable, fixes: dict[tuple[int, str], str],
                 fields: list[int | None], parties: list[int | None],
                 issues: list[int | None], template: list[int | None]):
        # (each a list of column indexes, None for a field no column feeds)
        self._width = blank = len(table.header)
        self.field_count = len(fields)
        columns = fields + parties + issues + template
        self.parties_at = slice(len(fields), len(fields) + len(parties))
        self.issues_at = slice(self.parties_at.stop, self.parties_at.stop + len(issues))
        self.template_at = slice(self.issues_at.stop, len(columns))
        at = [blank if i is None else i for i in columns]
        self._take = itemgetter(*at)  # (always more than one cell: a tuple)
        # row -> (place among the cells read, the user's text) of each fix (a fix names
        # its column by its header)
        self._fixed: dict[int, list[tuple[int, str]]] = {}
        for (row, column), text in fixes.items():
            self._fixed.setdefault(row, []).extend(
                (n, text) for n, i in enumerate(at) if i < blank and table.header[i] == column)

    def texts(self, number: int, cells: tuple[str, ...], problems: list[RowProblem]
              ) -> tuple[str, ...]:
        """The cells row `number` is read from, stripped, with the user's fixes; a row with
        more cells than the header has columns (not all blank) is a problem."""
        width = self._width
        if len(cells) != width:
            if len(cells) > width:
                if any(c.strip() for c in cells[width:]):
                    problems.append(RowProblem(
                        number, "", "", f"the row has {len(cells)} cells but the header has "
                        f"{width} columns (an unquoted delimiter inside a value?)"))
                cells = cells[:width]
            else:
                cells += ("",) * (width - len(cells))
        texts = tuple(map(str.strip, self._take(cells + _BLANK)))
        fixed = self._fixed.get(number)
        if fixed is not None:
            edited = list(texts)
            for n, text in fixed:
                edited[n] = text.strip()
            texts = tuple(edited)
        return texts
