"""`negotiations-gui demo OUT.nego` and `negotiations-gui new OUT.nego --title ...`.

The two ways to make a case file with no window, for scripted briefing packs.
Neither ever replaces a file: an existing OUT is refused with status 1 and
left as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .domain import CaseInfo
from .store import CaseFileError


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise CaseFileError(path, "a file already exists here; nothing was written. "
                            "Choose a new name (a new case never replaces a file).")
    if not path.parent.is_dir():
        raise CaseFileError(path, f"the folder {path.parent} does not exist; "
                            "nothing was written.")


def demo_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui demo",
        description="Write a fresh copy of the bundled demo case (Egyptian–Qatari mediation "
                    "between Israel and Hamas, August 2025) to a new case file.")
    parser.add_argument("out", type=Path, help="the case file to create (must not exist)")
    args = parser.parse_args(argv)
    from .demo import write_demo_case

    _refuse_existing(args.out)
    count = write_demo_case(args.out)
    print(f"Wrote the demo case ({count} records) to {args.out}", file=sys.stderr)
    return 0


def _default_marking() -> str:
    """The handling marking the window gives new cases (Edit > Preferences)."""
    from .ui.settings import DEFAULT_MARKING, Settings

    return Settings().get(DEFAULT_MARKING) or DEFAULT_MARKING.default


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def new_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="negotiations-gui new",
        description="Create an empty case file with the six default issues (Hostages, "
                    "Prisoners, Withdrawal, Disarmament, Ceasefire, Governance).")
    parser.add_argument("out", type=Path, help="the case file to create (must not exist)")
    parser.add_argument("--title", required=True, type=_text, help="the case's title")
    parser.add_argument("--marking", type=_text, metavar="TEXT",
                        help="handling marking printed on every export, e.g. "
                             "'UNCLASSIFIED // FOR INTERNAL USE' (default: the one set in "
                             "the window's Preferences, else UNCLASSIFIED)")
    parser.add_argument("--description", default="", help="a longer description")
    args = parser.parse_args(argv)
    from .store import CaseStore

    _refuse_existing(args.out)
    info = CaseInfo(title=args.title, description=args.description.strip(),
                    marking=args.marking or _default_marking())
    with CaseStore.create(args.out, info) as store:
        issues = len(store.issues())
    print(f"Created the case “{info.title}” ({info.marking}, {issues} issues) at {args.out}",
          file=sys.stderr)
    return 0
