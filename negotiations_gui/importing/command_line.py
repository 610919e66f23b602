"""`negotiations-gui import-csv IN.csv CASE --mapping NAME_OR_FILE.json`.

Refuses (exit status 1, nothing written) when any row has a problem, listing
row, column and problem for the first 100 and counting the rest; refuses a
file already imported into the case unless `--again` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..store.case_store import CaseStore
from ..store.csv_import import AlreadyImported, previous_imports
from .csv_file import CsvFileError, CsvFormat, read_csv, sniff_format
from .job import ImportOutcome, run_import
from .mapping import ColumnMapping, MappingError
from .mapping_files import load_mapping, mapping_folder
from .plan import ImportPlan

REPORT_LIMIT = 100


def import_csv_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui import-csv",
        description="Import events or positions from a CSV file into a case, all or nothing.",
        epilog=f"Named mappings are saved from the window's import dialog in {mapping_folder()}.")
    parser.add_argument("csv", type=Path, help="the CSV file to read")
    parser.add_argument("case", type=Path, help="the case file to import into")
    parser.add_argument("--mapping", required=True,
                        help="a saved mapping's name, or a mapping JSON file")
    parser.add_argument("--again", action="store_true",
                        help="import even if this same file (or the same rows) was imported "
                             "into the case before")
    parser.add_argument("--create-issues", action="store_true",
                        help="create the issues the mapping names that the case does not have")
    args = parser.parse_args(argv)
    try:
        mapping = load_mapping(args.mapping)
        if args.create_issues:
            mapping = replace(mapping, create_issues=True)
        table = read_csv(args.csv, _format(args.csv, mapping))
    except (MappingError, CsvFileError) as exc:
        print(f"negotiations-gui: {args.csv}: {exc}", file=sys.stderr)
        return 1
    if table.encoding_note:
        print(f"negotiations-gui: {args.csv}: read as {table.format.description.split(',')[0]} "
              f"({table.encoding_note})", file=sys.stderr)
    with CaseStore.open(args.case, lock_as="import-csv", shared_lock=True) as store:
        earlier = previous_imports(store, table.sha256, table.content_sha256)
        if earlier and not args.again:
            print(f"negotiations-gui: {args.csv} was already imported into {args.case} "
                  f"on {earlier[-1].imported_at[:16].replace('T', ' ')} UTC "
                  f"({earlier[-1].record_count:,} records); nothing was imported. "
                  "Give --again to import it once more.", file=sys.stderr)
            return 1
        try:
            outcome = run_import(store, table, mapping, again=args.again)
        except AlreadyImported as exc:
            print(f"negotiations-gui: {args.csv}: {exc}. Give --again to import it once more.",
                  file=sys.stderr)
            return 1
        except MappingError as exc:
            hint = " Give --create-issues to create it." if "has no issue" in str(exc) else ""
            print(f"negotiations-gui: {args.csv}: {exc}.{hint}", file=sys.stderr)
            return 1
        except CsvFileError as exc:  # a large file read again (csv_rows.py) had changed
            print(f"negotiations-gui: {args.csv}: {exc}; nothing was imported.",
                  file=sys.stderr)
            return 1
    plan = outcome.plan
    if not outcome.written:
        print(problem_report(args.csv, plan.problems), file=sys.stderr)
        _print_suggestions(plan)
        return 1
    _report_written(args.csv, args.case, outcome)
    return 0


def _report_written(csv_path: Path, case: Path, outcome: ImportOutcome) -> None:
    plan = outcome.plan
    data = outcome.result.named if outcome.result else plan.data
    print(f"Imported {plan.event_count:,} events and {plan.position_count:,} positions "
          f"from {csv_path} into {case}", file=sys.stderr)
    if data.parties:
        print(f"New parties: {', '.join(p.name for p in data.parties)}", file=sys.stderr)
        _print_suggestions(plan)
    if data.issues:
        print(f"New issues: {', '.join(i.name for i in data.issues)}", file=sys.stderr)
    if data.sources:
        print(f"New sources (not yet graded): {len(data.sources):,}", file=sys.stderr)


def _format(path: Path, mapping: ColumnMapping) -> CsvFormat | None:
    if mapping.encoding is None and mapping.delimiter is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CsvFileError(f"the file could not be read ({exc.strerror or exc})") from None
    sniffed = sniff_format(data, mapping.encoding)
    return CsvFormat(mapping.encoding or sniffed.encoding,
                     mapping.delimiter or sniffed.delimiter, sniffed.quotechar,
                     sniffed.line_endings)


def _print_suggestions(plan: ImportPlan) -> None:
    close = [p for p in plan.new_parties if p.close]
    if not close:
        return
    print("New parties that may be existing ones (to merge them, map each name to the party in "
          "the mapping's \"party_names\"):", file=sys.stderr)
    for party in close:
        print(f"  {party.name} → {' or '.join(party.close)}?", file=sys.stderr)


def problem_report(path: Path, problems) -> str:
    rows = len({p.row for p in problems})
    lines = [f"negotiations-gui: {path}: {rows:,} row(s) have problems; nothing was imported."]
    lines += [str(p) for p in problems[:REPORT_LIMIT]]
    if len(problems) > REPORT_LIMIT:
        lines.append(f"... and {len(problems) - REPORT_LIMIT:,} more problems.")
    return "\n".join(lines)
