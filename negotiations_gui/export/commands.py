"""`negotiations-gui export-pdf` and `export-brief`: exports with no window.

They run with no display: when no Qt platform is chosen, Qt's offscreen
platform is used, which needs no X server or Wayland compositor.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..domain import DateError, PartialDate
from .page import Paper

_app = None  # the QGuiApplication these commands create, kept alive until exit


def ensure_gui_application() -> None:
    """A QGuiApplication (offscreen unless a platform is set) with the fonts registered.

    Raises `MissingFontsError` when a bundled font cannot be loaded: a PDF made
    with whatever fonts the machine has could silently lose Arabic or Hebrew text.
    """
    global _app
    from PySide6.QtGui import QGuiApplication

    from .fonts import require_bundled_fonts

    if QGuiApplication.instance() is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _app = QGuiApplication([sys.argv[0] if sys.argv else "negotiations-gui"])
    require_bundled_fonts()


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _known_on(text: str) -> str:
    from ..domain.revisions import KnownOnError, parse_known_on

    try:
        return parse_known_on(text)
    except KnownOnError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser(prog: str, description: str, since_required: bool,
            out_help: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"negotiations-gui {prog}", description=description)
    parser.add_argument("case", type=Path, help="the case file to read (opened read-only)")
    parser.add_argument("--as-of", required=True, type=_date, metavar="D",
                        help="positions as of this date: 2025, 2025-08 or 2025-08-20")
    parser.add_argument("--since", required=since_required, type=_date, metavar="C",
                        help="mark what changed after this date")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                        help=out_help)
    parser.add_argument("--known-on", type=_known_on, metavar="K",
                        help="the case as recorded up to this date or moment (UTC): "
                        "2025-08-20 (end of that day), or the moment an earlier export "
                        "printed, e.g. '2025-08-20 14:02:03.123456 UTC' (default: now)")
    parser.add_argument("--paper", choices=[p.value for p in Paper], default=Paper.A4.value,
                        help="landscape paper size (default: a4)")
    parser.add_argument("--pax-codes", action="store_true",
                        help="show each issue's PA-X code under its name (explained in the legend)")
    return parser


def _check_order(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.since is not None and args.since > args.as_of:
        parser.error(f"--since {args.since} is after --as-of {args.as_of}")


def export_pdf_command(argv: Sequence[str]) -> int:
    parser = _parser("export-pdf", "Write the position grid as of a date to a PDF snapshot.",
                     False, "the PDF file to write")
    args = parser.parse_args(argv)
    _check_order(parser, args)
    ensure_gui_application()
    from ..store import CaseStore
    from .document import pdf_bytes
    from .save import write_atomically
    from .snapshot import snapshot_document

    with CaseStore.open(args.case, read_only=True) as live, \
            live.as_known_on(args.known_on) as store:
        snapshot = store.grid_snapshot(args.as_of, args.since)
        info = store.case_info()
        known_on = store.known_on_stamp()
    document = snapshot_document(snapshot, info, Paper(args.paper), pax_codes=args.pax_codes,
                                 known_on=known_on)
    write_atomically(args.output, pdf_bytes(document))
    print(f"Exported the grid as of {args.as_of.display} to {args.output} "
          f"({document.page_count} pages)", file=sys.stderr)
    return 0


def export_brief_command(argv: Sequence[str]) -> int:
    parser = _parser("export-brief",
                     "Write what changed between two dates, with the grid as of the later, "
                     "to PDF or Markdown (chosen by the output's suffix).",
                     True, "the file to write: .pdf or .md")
    args = parser.parse_args(argv)
    _check_order(parser, args)
    suffix = args.output.suffix.lower()
    if suffix not in (".pdf", ".md", ".markdown"):
        parser.error("the output must end in .pdf or .md")
    ensure_gui_application()
    from ..store import CaseStore
    from .brief_content import build_brief
    from .brief_markdown import brief_markdown
    from .brief_pdf import brief_document
    from .document import pdf_bytes
    from .save import write_atomically

    with CaseStore.open(args.case, read_only=True) as live, \
            live.as_known_on(args.known_on) as store:
        brief = build_brief(store, args.since, args.as_of)
    if suffix == ".pdf":
        document = brief_document(brief, Paper(args.paper), pax_codes=args.pax_codes)
        write_atomically(args.output, pdf_bytes(document))
        what = f"{document.page_count} pages"
    else:
        write_atomically(args.output, brief_markdown(brief).encode("utf-8"))
        what = "Markdown"
    print(f"Exported the brief {args.since.display} → {args.as_of.display} to {args.output} "
          f"({what})", file=sys.stderr)
    return 0
