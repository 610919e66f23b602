"""The words under the preview: what the current mapping makes of the file."""

from __future__ import annotations

from ...importing import ImportPlan
from ..plain_text import isolate


def preview_status(plan: ImportPlan, file_rows: int, whole: bool, preview_rows: int) -> str:
    """Problems left (or none), and the issues the import would create."""
    rest = "" if whole else " The other rows are checked when you import."
    if plan.problems:
        rows = len({p.row for p in plan.problems})
        scope = "" if whole else f" of the first {preview_rows}"
        text = (f"{rows:,}{scope} of {file_rows:,} rows have problems: fix a value or skip "
                f"the row in the Problems tab, or change the mapping.{rest}")
    else:
        text = ("No problems: ready to import." if whole else
                f"No problems in the first {preview_rows} rows.{rest}")
    if plan.new_issues:
        names = ", ".join(f"“{isolate(i.name)}”" for i in plan.new_issues)
        text += (f" The case has no issue {names}: the import creates "
                 f"{'it' if len(plan.new_issues) == 1 else 'them'} once you confirm.")
    return text


def confirm_text(plan: ImportPlan) -> str:
    """The question asked before anything is written."""
    data = plan.data
    counts = [f"{plan.event_count:,} events" if plan.event_count else "",
              f"{plan.position_count:,} positions" if plan.position_count else "",
              f"{len(data.sources):,} sources (not yet graded)" if data.sources else ""]
    text = "Import " + ", ".join(t for t in counts if t) + \
        f" from {plan.row_count - len(plan.skipped_rows):,} rows"
    if plan.skipped_rows:
        text += f" ({len(plan.skipped_rows):,} rows skipped)"
    text += "?"
    if plan.new_parties:
        names = ", ".join(isolate(p.name) for p in plan.new_parties[:30])
        more = len(plan.new_parties) - 30
        text += (f"\n\n{len(plan.new_parties):,} new parties will be created: {names}"
                 + (f" and {more:,} more" if more > 0 else "") +
                 ".\nTo merge or rename any, choose Cancel and edit the New parties tab.")
        close = [f"{isolate(p.name)} (may be {' or '.join(isolate(c) for c in p.close)})"
                 for p in plan.new_parties
                 if p.close][:10]
        if close:
            text += "\nClose to existing parties: " + "; ".join(close) + "."
    if plan.new_issues:
        text += (f"\n\n{len(plan.new_issues):,} new issues will be created: "
                 + ", ".join(isolate(i.name) for i in plan.new_issues) + ".")
    return text
