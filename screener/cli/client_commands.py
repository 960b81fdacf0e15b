"""`screener clients`, `screener client add|show`, `screener intake start|fill|complete`:
what the app's client list, client page and intake wizard do, for office scripts."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from screener import services
from screener.cli.common import add_session_args, open_session
from screener.clock import local_date
from screener.errors import InputError
from screener.limits import shown_safely
from screener.services.eligibility import INTAKE_FORM


def register(sub: Any) -> None:
    find = sub.add_parser("clients", help="search clients (name, date of birth, phone, numbers)")
    find.add_argument("text", nargs="?", default="",
                      help="what to look for, as in the app's search box (blank: everyone)")
    find.add_argument("--limit", type=int, default=50, help="at most this many (1-500)")
    add_session_args(find)
    find.set_defaults(handler=_clients)

    client = sub.add_parser("client", help="one client: add, show")
    actions = client.add_subparsers(dest="client_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a client record")
    add.add_argument("--first-name", required=True)
    add.add_argument("--last-name", required=True)
    add.add_argument("--dob", help="date of birth, MM/DD/YYYY (or YYYY-MM-DD)")
    add.add_argument("--phone")
    add.add_argument("--booking-number")
    add.add_argument("--cdcr-number")
    add.add_argument("--language", help="preferred language: en or es")
    add.add_argument("--anyway", action="store_true",
                     help="create it even though similar clients exist")
    add_session_args(add)
    add.set_defaults(handler=_client_add)
    show = actions.add_parser("show", help="a client's record, intakes and eligibility")
    show.add_argument("client_id")
    add_session_args(show)
    show.set_defaults(handler=_client_show)

    intake = sub.add_parser("intake", help="questionnaires: start, fill, complete")
    steps = intake.add_subparsers(dest="intake_action", metavar="ACTION", required=True)
    start = steps.add_parser("start", help="start a draft intake; prints its id")
    start.add_argument("client_id")
    start.add_argument("--form", default=INTAKE_FORM, help="form id (intake or consent)")
    start.add_argument("--quick", action="store_true",
                       help="quick screen: ask only what can still change a program's outcome, "
                            "one question at a time (blank skips, '.' stops)")
    start.add_argument("--lang", choices=("en", "es"), default="en",
                       help="language of the questions (with --quick)")
    add_session_args(start)
    start.set_defaults(handler=_intake_start)
    fill = steps.add_parser("fill", help="save the answers of a YAML file (FIELD: value lines)")
    fill.add_argument("intake_id")
    fill.add_argument("--answers", type=Path, required=True, metavar="FILE")
    fill.add_argument("--reason", help="why answers of a completed intake change")
    add_session_args(fill)
    fill.set_defaults(handler=_intake_fill)
    done = steps.add_parser("complete", help="complete an intake (eligibility is worked out)")
    done.add_argument("intake_id")
    add_session_args(done)
    done.set_defaults(handler=_intake_complete)


def _line(c: services.Client) -> str:
    # Values stored before the input limits may hold control or right-to-left characters.
    return shown_safely(f"{c.id}  {c.last_name}, {c.first_name}  born {c.dob or '?'}  "
                        f"phone {c.phone or '-'}")


def _clients(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        page = services.find_clients(session, args.text, limit=args.limit)
    for c in page.clients:
        print(_line(c))
    more = " (more: narrow the search or raise --limit)" if page.has_more else ""
    print(f"{len(page.clients)} client(s){more}.")
    return 0


def _client_add(args: argparse.Namespace) -> int:
    identity = services.ClientIdentity(
        first_name=args.first_name, last_name=args.last_name, dob=args.dob, phone=args.phone,
        booking_number=args.booking_number, cdcr_number=args.cdcr_number,
        preferred_language=args.language,
    )
    with open_session(args) as session:
        similar = services.possible_duplicates(session, identity.first_name,
                                               identity.last_name, identity.dob, identity.phone)
        if similar and not args.anyway:
            for candidate in similar:
                print(f"{_line(candidate.client)}  ({'; '.join(candidate.reasons)})")
            raise InputError(f"{len(similar)} client(s) above may be this person: open one "
                             "of them, or add --anyway to create a new record.")
        client = services.create_client(session, identity)
    print(shown_safely(f"Created client {client.id} ({client.last_name}, {client.first_name})."))
    return 0


def _client_show(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        c = services.get_client(session, args.client_id)
        intakes = services.intakes_of(session, c.id)
        screening = services.client_screening(session, c.id)
        consents = services.consents_of(session, c.id)
    print(_line(c))
    print(f"  booking {c.booking_number or '-'}  CDCR {c.cdcr_number or '-'}  language "
          f"{c.preferred_language or '-'}  created {local_date(c.created_at):%Y-%m-%d} "
          f"by {c.created_by}")
    for i in intakes:
        print(f"  intake {i.id}  {i.form_id} v{i.form_version}  {i.status.value}  started "
              f"{local_date(i.started_at):%Y-%m-%d} by {i.started_by}")
    live = sum(1 for x in consents if not x.revoked)
    print(f"  consents: {live} in force, {len(consents) - live} revoked")
    if screening is None:
        print("  eligibility: none yet (no completed intake)")
        return 0
    for d in screening.determinations:
        print(f"  {d.outcome.value:<18} {d.track_id}/{d.program_id}")
    return 0


def _intake_start(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        form = session.setup.forms.form(args.form)
        intake = services.start_intake(session, args.client_id, form.id, form.version,
                                       from_record=True)
        print(f"Started intake {intake.id} ({form.id} v{form.version}).")
        if args.quick:
            from screener.cli.quick_commands import run_quick_screen

            return run_quick_screen(session, intake.id, args.lang)
    return 0


def _intake_fill(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        saved = services.save_answers_file(session, args.intake_id, args.answers, args.reason)
    print(f"Saved {saved} answer(s) to intake {args.intake_id}.")
    return 0


def _intake_complete(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        intake = services.complete_intake(session, args.intake_id)
        screening = services.client_screening(session, intake.client_id)
    counts = Counter(d.outcome.value for d in (screening.determinations if screening else ()))
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    print(f"Intake {intake.id} is complete" + (f"; eligibility: {summary}." if summary else "."))
    return 0
