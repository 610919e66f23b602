"""The grid model's data roles."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class GridRole(IntEnum):
    """Custom data roles; every value is a plain str, bool or None."""

    KIND = Qt.ItemDataRole.UserRole + 1  # "position", "empty" or "gap"
    PARTY_ID = KIND + 1
    ISSUE_ID = KIND + 2
    POSITION_ID = KIND + 3
    STANCE = KIND + 4  # Stance value ("rejects"), None when no position
    STANCE_TEXT = KIND + 5  # "✘ Rejects"
    SUMMARY = KIND + 6
    DATE_TEXT = KIND + 7
    CHANGED = KIND + 8
    CHANGE_TEXT = KIND + 9  # "Demands, 1 Aug 2025 → Rejects, 12 Aug 2025"
    CHANGE_TAG = KIND + 17  # "NEW" or "CHANGED" on a changed cell, "" otherwise
    PREVIOUS_TEXT = KIND + 18  # "was ! Demands, 1 Aug 2025" on a changed cell, "" otherwise
    GAP_LABEL = KIND + 19  # "○ Wide": the gap alone, whoever judged it
    DISPUTED = KIND + 20  # analysts' positions on the shown date differ (merged files)
    SOURCE_BADGE = KIND + 10  # best grade, "B2"
    DIMMED = KIND + 11  # "changes only" is on and the cell did not change
    GAP = KIND + 12  # Gap value ("wide")
    GAP_BY_ANALYST = KIND + 13
    GAP_NOTE = KIND + 14  # the analyst's note, "" when none
    GROUP = KIND + 15  # header: the party's role group ("Principals"), "" otherwise
    GROUP_START = KIND + 16  # the first cell of a new role group (or of the Gap line)
