"""`screener forms check [FILES]`: every problem in the form files, as file:line:col."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `forms` command and its sub-commands."""
    forms = subparsers.add_parser("forms", help="questionnaire files")
    sub = forms.add_subparsers(dest="forms_command", metavar="SUBCOMMAND", required=True)
    check = sub.add_parser("check", help="check form files; print every problem")
    check.add_argument("files", nargs="*", type=Path,
                       help="form or instrument files (default: all under forms/)")
    check.add_argument("--forms-dir", type=Path, default=None,
                       help="the forms folder (default: the installed one)")
    check.set_defaults(handler=check_command)


def check_command(args: argparse.Namespace) -> int:
    """Print each problem as `file:line:col: message`; exit 2 if any is an error."""
    from screener.forms import check_files

    root = args.forms_dir
    if root is None and args.files:
        root = _common_forms_root(args.files)
    diagnostics = check_files(args.files or None, root)
    if not args.files and not any(d.is_error for d in diagnostics):
        diagnostics += _sensitivity_problems(root)
    for d in diagnostics:
        print(d, file=sys.stdout)
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 2 if errors else 0


def _sensitivity_problems(forms_dir: Path | None) -> list[Any]:
    """Fields that sensitive programs' rules read without a `sensitivity:` (DESIGN §7).

    Needs the rules too; when they do not load, `screener rules check` says why.
    """
    from screener.errors import ScreenerError
    from screener.services.screening import load_setup
    from screener.services.sensitivity import sensitivity_problems

    try:
        setup = load_setup(forms_dir=forms_dir)
    except ScreenerError:
        return []
    return sensitivity_problems(setup.forms, setup.rules)


def _common_forms_root(files: list[Path]) -> Path | None:
    """The forms folder the files belong to: the nearest folder named `forms` above them."""
    for parent in files[0].resolve().parents:
        if parent.name == "forms":
            return parent
    return files[0].resolve().parent
