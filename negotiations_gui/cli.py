"""Command line: `negotiations-gui [FILE] [--demo]` opens the window; the
subcommands in `COMMANDS` work with no window and no display.

Known problems (a bad file, a read-only folder) print one clear line to
stderr and exit with status 1; nothing is left half-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import APP_NAME, __version__
from .export.commands import export_brief_command, export_pdf_command
from .export.fonts import MissingFontsError
from .resources import ResourceMissing
from .store import CaseFileError


def _export_json(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui export-json",
        description="Write a whole case to a JSON file (lossless; see docs/json-format.md).")
    parser.add_argument("case", type=Path, help="the case file to read")
    parser.add_argument("out", type=Path, help="the JSON file to write ('-' for stdout)")
    args = parser.parse_args(argv)
    from .store import CaseStore
    from .store.json_io import dump_case, write_json

    with CaseStore.open(args.case, read_only=True) as store:
        document = dump_case(store.export_data())
    if str(args.out) == "-":
        sys.stdout.write(document)
    else:
        write_json(document, args.out)
        print(f"Exported {args.case} to {args.out}", file=sys.stderr)
    return 0


def _import_json(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui import-json",
        description="Create a case file from a JSON export. The import is all or nothing.")
    parser.add_argument("json", type=Path, help="the JSON file to read")
    parser.add_argument("case", type=Path, help="the case file to create (must not exist, "
                        "or be a case with no records yet)")
    args = parser.parse_args(argv)
    from .store.json_io import import_case_file

    count = import_case_file(args.json, args.case)
    print(f"Imported {count} records from {args.json} into {args.case}", file=sys.stderr)
    return 0


def _import_csv(argv: Sequence[str]) -> int:
    from .importing.command_line import import_csv_command

    return import_csv_command(argv)


# name -> (one-line help, handler taking the remaining arguments)
COMMANDS: dict[str, tuple[str, Callable[[Sequence[str]], int]]] = {
    "export-json": ("write a case to JSON", _export_json),
    "import-json": ("create a case from JSON", _import_json),
    "import-csv": ("import events/positions from CSV", _import_csv),
    "export-pdf": ("grid snapshot as of a date to PDF", export_pdf_command),
    "export-brief": ("what changed between dates, to PDF or Markdown", export_brief_command),
}


def _gui_parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:<14} {text}" for name, (text, _) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="negotiations-gui",
        description=f"{APP_NAME}: track multi-party peace negotiations.",
        epilog=f"commands with no window (run 'negotiations-gui COMMAND -h'):\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path,
                        help="case file to open (you are asked before a new one is created)")
    parser.add_argument("--demo", action="store_true",
                        help="open a fresh copy of the bundled demo case")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        _, handler = COMMANDS[argv[0]]
        try:
            return handler(argv[1:])
        except (CaseFileError, ResourceMissing, MissingFontsError) as exc:
            print(f"negotiations-gui: {exc}", file=sys.stderr)
            return 1
    args = _gui_parser().parse_args(argv)
    if args.demo and args.file:
        _gui_parser().error("give either a FILE or --demo, not both")
    from .app import run_gui

    return run_gui(args.file, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
