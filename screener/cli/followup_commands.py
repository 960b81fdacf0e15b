"""`screener followup`: urgent flags of a client and who followed them up (the client page's
urgent lines and its "Record follow-up…" button)."""

from __future__ import annotations

import argparse
from typing import Any

from screener.cli.common import add_session_args, open_session
from screener.errors import InputError
from screener.services.urgent import FOLLOWUP_ACTIONS, record_followup, urgent_flags


def register(sub: Any) -> None:
    followup = sub.add_parser("followup", help="urgent flags and their follow-ups")
    actions = followup.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="a client's urgent flags, done or still to do")
    listing.add_argument("--client", required=True, help="client id")
    add_session_args(listing)
    listing.set_defaults(handler=_list)
    record = actions.add_parser("record", help="record who followed up an urgent flag, and how")
    record.add_argument("--client", required=True, help="client id (its latest intake)")
    record.add_argument("--flag", required=True, help="flag id, e.g. suicide_risk")
    record.add_argument("--how", required=True, choices=list(FOLLOWUP_ACTIONS),
                        help="the step taken")
    add_session_args(record)
    record.set_defaults(handler=_record)


def _list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        flags = urgent_flags(session, args.client)
    for flag in flags:
        print(f"{flag.flag_id}: {flag.label.en} ({'to do' if flag.open else 'followed up'})")
        for done in flag.followups:
            print(f"  {done.done_at}  {done.done_by}  {FOLLOWUP_ACTIONS[done.action].en}")
    if not flags:
        print("No urgent flags on the latest intake.")
    return 0


def _record(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        flags = {f.flag_id: f for f in urgent_flags(session, args.client)}
        flag = flags.get(args.flag)
        if flag is None:
            raise InputError(f"The client's latest intake raised no urgent flag {args.flag!r} "
                             f"(it raised: {', '.join(flags) or 'none'}).")
        done = record_followup(session, flag.intake_id, flag.flag_id, args.how)
    print(f"Recorded: {FOLLOWUP_ACTIONS[done.action].en} ({done.done_by}, {done.done_at}).")
    return 0
