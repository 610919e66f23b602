"""Command line: `negotiations-gui [FILE] [--demo]` opens the window; the
subcommands in `COMMANDS` work with no window and no display.

Exit status: 0 done; 1 a known problem (a bad file, a read-only folder, a file
that is not there, no display for the window), said in one line on stderr with
nothing left half-written; 2 a mistake in the arguments (argparse's usage).
Before Qt starts, the window's start is checked (the file to open, a display),
because Qt aborts the whole process when it finds no display.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import APP_NAME, __version__
from .resources import ResourceMissing
from .store import CASE_SUFFIX, CaseFileError, NotACaseFile
from .store.revisions import set_session_author
from .store.upgrade import announce_upgrades

# The export commands load Qt's painting (PySide6, ~0.8 s); the other commands
# (import-csv above all, timed by benchmarks/import_csv.py) must not wait for it,
# so each command's module is imported when that command runs.


def _demo(argv: Sequence[str]) -> int:
    from .case_commands import demo_command

    return demo_command(argv)


def _new(argv: Sequence[str]) -> int:
    from .case_commands import new_command

    return new_command(argv)


def _export_pdf(argv: Sequence[str]) -> int:
    from .export.commands import export_pdf_command

    return export_pdf_command(argv)


def _export_brief(argv: Sequence[str]) -> int:
    from .export.commands import export_brief_command

    return export_brief_command(argv)


def _known_problems() -> tuple[type[Exception], ...]:
    """The errors a command reports in one line. A missing font can only have been
    raised once the export code that checks fonts was loaded."""
    fonts = sys.modules.get("negotiations_gui.export.fonts")
    missing_fonts = (fonts.MissingFontsError,) if fonts is not None else ()
    return (CaseFileError, ResourceMissing, *missing_fonts)


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


def _recover(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui recover",
        description="Salvage every readable record of a damaged case into a new case file. "
        "The damaged file is only read.")
    parser.add_argument("damaged", type=Path, help="the damaged case file")
    parser.add_argument("new", type=Path, help="the new case file to create (must not exist)")
    args = parser.parse_args(argv)
    from .store.salvage import salvage_case

    report = salvage_case(args.damaged, args.new)
    print(f"Recovered {report.total:,} rows from {args.damaged} into {args.new}"
          + (f"; {report.damaged_ranges:,} damaged stretch(es) skipped"
             if report.damaged_ranges else "")
          + (f"; {sum(report.dropped_orphans.values()):,} rows left out because what they "
             "refer to was lost" if report.dropped_orphans else ""), file=sys.stderr)
    return 0


def _merge(argv: Sequence[str]) -> int:
    from .merge_command import merge_command

    return merge_command(argv)


def _export_changes(argv: Sequence[str]) -> int:
    from .merge_command import export_changes_command

    return export_changes_command(argv)


def _replicas(argv: Sequence[str]) -> int:
    from .merge_command import replicas_command

    return replicas_command(argv)


# name -> (one-line help, handler taking the remaining arguments)
COMMANDS: dict[str, tuple[str, Callable[[Sequence[str]], int]]] = {
    "demo": ("write a fresh copy of the demo case", _demo),
    "new": ("create an empty case with the default issues", _new),
    "export-json": ("write a case to JSON", _export_json),
    "import-json": ("create a case from JSON", _import_json),
    "import-csv": ("import events/positions from CSV", _import_csv),
    "export-pdf": ("grid snapshot as of a date to PDF", _export_pdf),
    "export-brief": ("what changed between dates, to PDF or Markdown", _export_brief),
    "merge": ("merge another copy of a case (or an exchange file)", _merge),
    "export-changes": ("write only the changes another copy lacks", _export_changes),
    "replicas": ("show a case file's case id and copy id", _replicas),
    "recover": ("salvage what can be read of a damaged case", _recover),
}


def _gui_parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:<14} {text}" for name, (text, _) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="negotiations-gui",
        description=f"{APP_NAME}: track multi-party peace negotiations.",
        epilog=f"commands with no window (run 'negotiations-gui COMMAND -h'):\n{listing}\n\n"
               "exit status: 0 done, 1 a problem (said on stderr; nothing half-written), "
               "2 wrong arguments",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path,
                        help="case file to open (you are asked before a new one is created)")
    parser.add_argument("--demo", action="store_true",
                        help="open your copy of the bundled demo case")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--author", metavar="NAME",
                        help="the analyst name recorded with changes (also before a COMMAND; "
                        "default: $NEGOTIATIONS_GUI_AUTHOR, else your user name)")
    return parser


def _headless_commands() -> str:
    return ", ".join(COMMANDS) + " (negotiations-gui --help)"


def _looks_like_json(path: Path) -> bool:
    if not path.is_file():  # reading a pipe or a device would wait forever
        return False
    try:
        with path.open("rb") as f:
            start = f.read(64)
    except OSError:
        return False
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def _json_hint(path: Path) -> str:
    target = path.with_suffix(CASE_SUFFIX)
    new_case = _quoted(target) if not target.exists() else f"NEW_CASE{CASE_SUFFIX}"
    return (f"“{path}” is not a case file: it looks like a case exported as JSON. Create a "
            f"case from it with: negotiations-gui import-json {_quoted(path)} {new_case}")


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c in text for c in " '\"$&;()") else text


def _problem_opening(path: Path) -> str | None:
    """Why FILE cannot be opened in the window, said before any window starts."""
    if path.is_dir():
        return f"“{path}” is a folder, not a case file."
    if path.exists():
        return _json_hint(path) if _looks_like_json(path) else None
    name = str(path)
    if not path.suffix and "/" not in name and "\\" not in name:
        # a bare word: most likely a mistyped command, not a case to create
        close = difflib.get_close_matches(name, COMMANDS, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        return (f"'{name}' is not a command, and there is no file of that name.{guess} "
                f"Commands: {_headless_commands()}; a case file to open or create ends "
                f"in {CASE_SUFFIX}.")
    if path.suffix.lower() != CASE_SUFFIX:
        return (f"there is no file “{path}”. To create a new case, give a name ending in "
                f"{CASE_SUFFIX}.")
    if not path.parent.is_dir():
        return f"there is no case file “{path}”, and its folder {path.parent} does not exist."
    return None


def _problem_starting(args: argparse.Namespace) -> str | None:
    if args.file is not None:
        problem = _problem_opening(args.file)
        if problem:
            return problem
    from .display import display_problem

    problem = display_problem()
    if problem:
        return (f"the window needs a display, and {problem}. With no display, use the "
                f"commands {_headless_commands()}.")
    return None


def _message(exc: Exception) -> str:
    """The one line a known problem prints; a JSON file given as a case says what to do."""
    if isinstance(exc, NotACaseFile) and exc.path is not None and _looks_like_json(exc.path):
        return _json_hint(exc.path)
    return str(exc)


def _take_author(argv: list[str]) -> list[str]:
    """`--author NAME` before anything else: the name changes are recorded under.

    Without it: $NEGOTIATIONS_GUI_AUTHOR, else the operating system's user name
    (the window uses the name kept in its Preferences).
    """
    if argv and argv[0].startswith("--author="):
        set_session_author(argv[0].partition("=")[2])
        return argv[1:]
    if len(argv) >= 2 and argv[0] == "--author":
        set_session_author(argv[1])
        return argv[2:]
    return argv


def _say_upgrading(path: Path, _version: int, in_memory: bool) -> None:
    """An older file's upgrade can take a while (half a minute at a million events)."""
    if in_memory:
        print(f"Reading {path}, saved by an older version: updating a copy in memory "
              "(the file itself is not changed)…", file=sys.stderr, flush=True)
    else:
        print(f"Updating {path} to the new format (a copy of it as it was is kept "
              "beside it)…", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = _take_author(list(sys.argv[1:] if argv is None else argv))
    if argv and argv[0] in COMMANDS:
        _, handler = COMMANDS[argv[0]]
        announce_upgrades(_say_upgrading)
        try:
            return handler(argv[1:])
        except Exception as exc:
            if not isinstance(exc, _known_problems()):
                raise
            print(f"negotiations-gui: {_message(exc)}", file=sys.stderr)
            return 1
    parser = _gui_parser()
    args = parser.parse_args(argv)
    if args.demo and args.file:
        parser.error("give either a FILE or --demo, not both")
    problem = _problem_starting(args)
    if problem:
        print(f"negotiations-gui: {problem}", file=sys.stderr)
        return 1
    from .app import run_gui

    return run_gui(args.file, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
