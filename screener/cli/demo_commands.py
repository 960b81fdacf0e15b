"""`screener demo-data`: fill a database with synthetic clients (demos, benchmarks)."""

from __future__ import annotations

import argparse
from typing import Any

from screener import services
from screener.cli.common import add_session_args, open_session
from screener.errors import InputError
from screener.progress import TerminalProgress


def register(sub: Any) -> None:
    p = sub.add_parser("demo-data", help="add synthetic clients to a database (demos, benchmarks)")
    p.add_argument("--clients", type=int, required=True, metavar="N", help="how many clients")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same people")
    add_session_args(p)
    p.set_defaults(handler=_demo_data)


def _demo_data(args: argparse.Namespace) -> int:
    if args.clients < 0:
        raise InputError("--clients must be 0 or more.")
    with open_session(args) as session:
        result = services.fill_demo_data(session, args.clients, seed=args.seed,
                                         progress=TerminalProgress())
        # As `--demo` does: every completed intake shows its eligibility in the app.
        services.rescreen(session, progress=TerminalProgress())
    print(f"Added {result.clients} synthetic clients, {result.intakes} intakes "
          f"({result.consents} consents); eligibility worked out.")
    return 0
