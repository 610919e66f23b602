"""A problem found in one cell or row of a CSV file, in the user's words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    """One bad cell (or row, when `column` is empty), in the user's words.

    `fixable` is False when typing another value cannot repair it (the row's
    cells themselves are in doubt, e.g. a quote that swallowed the next
    rows): the row must be skipped or the file corrected.
    """

    row: int  # spreadsheet row number: the header is row 1
    column: str
    value: str
    problem: str
    fixable: bool = True

    def __str__(self) -> str:
        where = f"row {self.row}, column '{self.column}'" if self.column else f"row {self.row}"
        return f"{where}: {self.problem}"
