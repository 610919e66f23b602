"""`negotiations-gui merge` and `export-changes`: merging case files with no window.

`merge CASE OTHER` brings into CASE what OTHER (a copy of the case, or an
exchange file) has and CASE lacks. Conflicts (a record changed in both since
their last common change) are listed; on the command line they are settled
all one way with `--keep ours|theirs`, or left for the window's merge dialog
(the merge is then refused and nothing is written). `--dry-run` reports and
writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .domain.revisions import describe, when_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui merge",
        description="Merge another copy of a case (or an exchange file) into a case file.")
    parser.add_argument("case", type=Path, help="the case file to merge into")
    parser.add_argument("other", type=Path, help="the other copy, or an exchange file")
    parser.add_argument("--dry-run", action="store_true",
                        help="report what would come in and the conflicts; write nothing")
    parser.add_argument("--keep", choices=("ours", "theirs"),
                        help="settle every conflict by keeping this file's version (ours) "
                        "or the other's (theirs); without it a merge with conflicts is refused")
    parser.add_argument("--other-case", action="store_true",
                        help="merge a file from another case (parties and issues matched "
                        "by name)")
    return parser


def _conflict_lines(plan) -> list[str]:
    lines = []
    for c in plan.conflicts:
        title = _title(c.ours or c.theirs or {})
        lines.append(f"  conflict: {c.kind} {title} ({c.reason})")
        for side, change in (("here", c.our_change), ("there", c.their_change)):
            if change is not None:
                lines.append(f"    {side}: {describe(change)}")
    return lines


def _title(values: dict) -> str:
    for name in ("title", "name", "summary"):
        if values.get(name):
            return f"“{values[name]}”"
    return values.get("id", "")


def merge_command(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    from .store import CaseStore
    from .store.merge import apply_merge, plan_from_file

    read_only = args.dry_run
    with CaseStore.open(args.case, read_only=read_only) as store:
        plan = plan_from_file(store, args.other, allow_other_case=args.other_case)
        if not plan.same_case and not args.other_case:
            print(f"negotiations-gui: {args.other} is a file of another case; nothing was "
                  "merged. Add --other-case to merge it, matching parties and issues by name.",
                  file=sys.stderr)
            return 1
        counts = plan.counts()
        print(f"{args.other} (copy {plan.other_replica_id}): {len(plan.new_changes)} "
              f"change(s) this case has not seen; {counts['added']} record(s) to add, "
              f"{counts['changed']} to change, "
              f"{counts['deleted']} to delete, {len(plan.conflicts)} conflict(s).")
        for line in _conflict_lines(plan):
            print(line)
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        if plan.conflicts and args.keep is None:
            print("negotiations-gui: the merge has conflicts; nothing was merged. Settle them "
                  "in the window (Case > Merge another case file…) or give --keep ours|theirs.",
                  file=sys.stderr)
            return 1
        choices = {(c.kind, c.record_id): args.keep for c in plan.conflicts}
        result = apply_merge(store, plan, choices, note=Path(args.other).name)
    skipped = f"; {len(result.skipped)} record(s) could not come in" if result.skipped else ""
    print(f"Merged {args.other} into {args.case}{skipped}.", file=sys.stderr)
    return 0


def export_changes_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui export-changes",
        description="Write an exchange file: only the changes another copy of the case lacks "
                    "(as known from the last merge with it). Merging it works like merging "
                    "the whole file.")
    parser.add_argument("case", type=Path, help="the case file to read")
    parser.add_argument("--since-merge-with", required=True, metavar="OTHER_ID",
                        help="the other copy's replica id (`negotiations-gui merge` prints "
                        "it; Case > Merge history in the window)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="F",
                        help="the exchange file to write (must not exist)")
    args = parser.parse_args(argv)
    from .store import CaseStore
    from .store.exchange import export_changes

    with CaseStore.open(args.case, read_only=True) as store:
        count = export_changes(store, args.since_merge_with, args.output)
    print(f"Wrote {count} change(s) to {args.output}", file=sys.stderr)
    return 0


def replicas_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui replicas",
        description="Show a case file's case id and copy (replica) id, and the copies it "
                    "was merged with.")
    parser.add_argument("case", type=Path)
    args = parser.parse_args(argv)
    from .store import CaseStore

    with CaseStore.open(args.case, read_only=True) as store:
        print(f"case id:    {store.case_id}")
        print(f"replica id: {store.replica_id}")
        for replica, merged_at in store.merge_peers():
            print(f"merged with {replica} on {when_text(merged_at)}")
    return 0
