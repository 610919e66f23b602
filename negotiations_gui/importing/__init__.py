"""Importing events and positions from CSV files (spreadsheets, data sets).

No Qt and no SQL here: reading and sniffing files (`csv_file`), dates as
people write them (`date_forms`), party names in cells (`party_names`), the
column mapping (`mapping`) and the plan of what an import adds (`plan`).
`store.csv_import` writes a plan; `ui.csv_import` drives it all.

The names below are imported on first use (PEP 562, `lazy_names`), not with the
package: the window needs only `date_forms` to start, and opening a case should
not wait for the CSV reader, the mapping and the planner to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import lazy_names

if TYPE_CHECKING:  # what type checkers see: the names as if imported here
    from .csv_file import CsvFileError, CsvFormat, CsvTable, read_csv, sniff_format
    from .date_forms import (
        AmbiguousDayOrder,
        DateFormError,
        DateOptions,
        DateSpan,
        DayOrder,
        parse_date_text,
        suggest_day_order,
    )
    from .mapping import ColumnMapping, IssueColumn, MappingError, PartyColumn, Target
    from .mapping_files import load_mapping, mapping_folder, save_mapping, saved_mapping_names
    from .party_names import NewParty, PartyDirectory, name_key, split_party_names
    from .plan import ImportPlan, PlanCancelled, check_mapping, missing_issues, plan_import
    from .problems import RowProblem
    from .row_reader import CaseContext, RowOutcome, find_issue
    from .stances import parse_stance

# each public name, by the module of this package that defines it
_HOMES = {
    "csv_file": ("CsvFileError", "CsvFormat", "CsvTable", "read_csv", "sniff_format"),
    "date_forms": ("AmbiguousDayOrder", "DateFormError", "DateOptions", "DateSpan", "DayOrder",
                   "parse_date_text", "suggest_day_order"),
    "mapping": ("ColumnMapping", "IssueColumn", "MappingError", "PartyColumn", "Target"),
    "mapping_files": ("load_mapping", "mapping_folder", "save_mapping", "saved_mapping_names"),
    "party_names": ("NewParty", "PartyDirectory", "name_key", "split_party_names"),
    "plan": ("ImportPlan", "PlanCancelled", "check_mapping", "missing_issues", "plan_import"),
    "problems": ("RowProblem",),
    "row_reader": ("CaseContext", "RowOutcome", "find_issue"),
    "stances": ("parse_stance",),
}
__all__ = [
    "AmbiguousDayOrder", "CaseContext", "ColumnMapping", "CsvFileError", "CsvFormat",
    "CsvTable", "DateFormError", "DateOptions", "DateSpan", "DayOrder", "ImportPlan",
    "IssueColumn", "MappingError", "NewParty", "PartyColumn", "PartyDirectory", "PlanCancelled",
    "RowOutcome", "RowProblem", "Target", "check_mapping", "find_issue", "load_mapping",
    "mapping_folder", "missing_issues", "name_key", "parse_date_text", "parse_stance",
    "plan_import", "read_csv", "save_mapping", "saved_mapping_names", "sniff_format",
    "split_party_names", "suggest_day_order",
]

__getattr__ = lazy_names(__name__, _HOMES)
