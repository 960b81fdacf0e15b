"""The `screener` command: every capability of the app, scriptable.

Each area's sub-commands live in their own module with a `register(subparsers)` function;
every sub-command is a small function that calls `screener.services` and returns an exit code
(0 ok, 1 failure, 2 bad input). With no sub-command, `screener` starts the desktop app.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from screener import paths, version_text
from screener.errors import ScreenerError
from screener.hardening import harden_process
from screener.progress import TerminalProgress
from screener.services import driver_failure

#: Set to 1 to see the full traceback of an unexpected error (developers only: it may show
#: values, which is why people using Screener never see one).
DEBUG_ENV = "SCREENER_DEBUG"

#: Modules contributing sub-commands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "screener.cli.store_commands",
    "screener.cli.forms_commands",
    "screener.cli.client_commands",
    "screener.cli.rules_commands",
    "screener.cli.packet_commands",
    "screener.cli.followup_commands",
    "screener.cli.demo_commands",
    "screener.cli.sync_commands",
    "screener.cli.content_commands",
)


class _VersionAction(argparse.Action):
    """`--version`: looks the version up only when asked (it costs start-up time)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(version_text())
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
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this installation on throwaway data (your data is not touched); exit 0 if sound",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    desktop: Callable[[str | None, bool], int] | None = None,
    self_test: Callable[[], int] | None = None,
) -> int:
    """Run the command line; returns the exit code. `desktop(db, demo)` opens the app when no
    sub-command is given and `self_test()` runs `--self-test` (screener.launcher passes both:
    the command line itself never imports the desktop app)."""
    harden_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if getattr(args, "db", None):  # the content pack installed for it is in force
            paths.use_database(Path(args.db).expanduser())
        if args.self_test and self_test is not None:
            return self_test()
        if handler is None and desktop is not None:
            return desktop(args.db, args.demo)
        if handler is None or args.self_test:
            parser.error("start the desktop app and the self-test with `screener` itself")
        return int(handler(args))
    except ScreenerError as exc:
        _fail(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _fail("interrupted")
        return 1
    except BrokenPipeError:
        # The reader went away (`screener screen --json | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        # A file or folder named on the command line cannot be read or written.
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: never a traceback (DESIGN §6)
        failure = driver_failure(exc)  # a damaged database, read outside a transaction
        if failure is None:
            return _unexpected(exc)
        _fail(str(failure))
        return failure.exit_code


def _unexpected(exc: Exception) -> int:
    if os.environ.get(DEBUG_ENV) == "1":
        raise exc
    _fail(f"unexpected error ({type(exc).__name__} at {_origin(exc)}). Please report it; "
          f"{DEBUG_ENV}=1 shows the details.")
    return 1


def _fail(message: str) -> None:
    TerminalProgress.end_line()
    print(f"screener: {message}", file=sys.stderr)


def _origin(exc: BaseException) -> str:
    """Where an exception was raised, as `module.py:line` (no values: it may be reported)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"{os.path.basename(last.filename)}:{last.lineno}"
