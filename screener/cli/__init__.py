"""The `screener` command: every capability of the app, scriptable.

Each area's sub-commands live in their own module with a `register(subparsers)` function;
every sub-command is a small function that calls `screener.services` and returns an exit code
(0 ok, 1 failure, 2 bad input). With no sub-command, `screener` starts the desktop app.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

import screener
from screener.errors import ScreenerError
from screener.hardening import harden_process

#: Modules contributing sub-commands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "screener.cli.store_commands",
    "screener.cli.forms_commands",
    "screener.cli.rules_commands",
    "screener.cli.packet_commands",
    "screener.cli.demo_commands",
    "screener.cli.sync_commands",
)


class _VersionAction(argparse.Action):
    """`--version`: looks the version up only when asked (it costs start-up time)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"Screener {screener.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screener",
        description="Screener: reentry intake, eligibility screening and referral packets.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the version and exit")
    parser.add_argument("--db", help="database file (default: the per-user data folder)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo database")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from screener.ui.app import run_app  # only now: the command line never needs Qt

            return run_app(db=args.db, demo=args.demo)
        return int(handler(args))
    except ScreenerError as exc:
        print(f"screener: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("screener: interrupted", file=sys.stderr)
        return 1
