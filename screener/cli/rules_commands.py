"""`screener rules check`, `screener rules test` and `screener screen` (no database needed)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from screener.errors import InputError


def register(subparsers: Any) -> None:
    """Add the `rules` command (check, test) and the `screen` command."""
    rules = subparsers.add_parser("rules", help="eligibility rule files")
    sub = rules.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)
    check = sub.add_parser("check", help="check the rule files; print every problem")
    _folders(check)
    check.set_defaults(handler=check_command)
    test = sub.add_parser("test", help="run the YAML rule tests (rules/tests/*.yaml)")
    test.add_argument("files", nargs="*", type=Path, help="test files (default: all)")
    test.add_argument("-v", "--verbose", action="store_true",
                      help="show the reasons of every case, not only failures")
    _folders(test)
    test.set_defaults(handler=test_command)

    screen = subparsers.add_parser(
        "screen", help="screen one client's answers (a YAML file) against every program")
    screen.add_argument("--answers", type=Path, required=True, metavar="FILE.yaml",
                        help="field ids and answers (or `today:` and `answers:`)")
    screen.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="evaluation date (default: the file's `today`, else today)")
    screen.add_argument("--json", action="store_true", help="print JSON instead of text")
    screen.add_argument("--lang", choices=("en", "es"), default="en", help="language of text")
    _folders(screen)
    screen.set_defaults(handler=screen_command)


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules-dir", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--forms-dir", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--resources-dir", type=Path, default=None, help=argparse.SUPPRESS)


def _dirs(args: argparse.Namespace) -> tuple[Path | None, Path | None, Path | None]:
    """The forms, rules and resources folders asked for; by default those in force (the
    content pack installed in the data folder, else the app's own)."""
    from screener.services.content import folders_in_force

    forms, rules, resources = folders_in_force()
    return (args.forms_dir or forms, args.rules_dir or rules, args.resources_dir or resources)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def check_command(args: argparse.Namespace) -> int:
    """Print each problem as `file:line:col: message`; exit 2 if there is an error."""
    from screener.services import check_rules

    forms, rules, resources = _dirs(args)
    report = check_rules(rules, forms, resources)
    for warning in report.warnings:
        print(f"{warning} (warning)")
    for error in report.errors:
        print(error)
    if report.ok:
        print(f"{len(report.files)} rule files, {report.programs} programs, "
              f"{len(report.warnings)} warning(s); rules hash {report.rules_hash}")
        return 0
    print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", file=sys.stderr)
    return 2


def test_command(args: argparse.Namespace) -> int:
    """Each case ✓/✗ with expected vs got, then totals. Exit 1 on any failure."""
    from screener.cli.rules_report import print_test_report
    from screener.services import load_setup, rule_test_files, run_rule_tests

    forms, rules, resources = _dirs(args)
    setup = load_setup(forms, rules, resources)
    report = run_rule_tests(args.files or rule_test_files(rules), setup=setup)
    print_test_report(report, verbose=args.verbose)
    if report.file_errors:
        return 2
    return 0 if report.ok else 1


def screen_command(args: argparse.Namespace) -> int:
    """Determinations with reasons per criterion and the questions still to ask."""
    from screener.cli.rules_report import print_screening
    from screener.clock import SystemClock
    from screener.services import load_setup, read_answers_file, screen_parsed, screening_json
    from screener.services.screening import load_setup_in_force

    if not args.answers.is_file():
        raise InputError(f"{args.answers}: no such answers file")
    chosen = (args.forms_dir, args.rules_dir, args.resources_dir)
    setup = load_setup(*chosen) if any(chosen) else load_setup_in_force()
    loaded = read_answers_file(args.answers, setup.forms)
    today = args.today or loaded.today or SystemClock().today()
    screening = screen_parsed(loaded.answers, today, setup)
    if args.json:
        out = screening_json(screening, loaded.answers, setup)
        out["content_pack"] = {"version": setup.pack.version if setup.pack else None,
                               "rules_hash": setup.rules.hash}
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_screening(screening, setup.rules, args.lang)
    return 0
