"""`screener packet`, `screener packets`, `screener handout`, `screener rescreen`,
`screener consent`, `screener user profile`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from screener import services
from screener.cli.common import add_session_args, open_session, output_file
from screener.clock import local_date
from screener.domain import SENSITIVE_KINDS
from screener.errors import InputError
from screener.progress import TerminalProgress


def register(sub: Any) -> None:
    one = sub.add_parser("packet", help="write a referral packet PDF for one client")
    one.add_argument("--client", required=True, help="client id")
    one.add_argument("--program", required=True, action="append", dest="programs",
                     metavar="ID", help="program id (repeat for several programs)")
    one.add_argument("--lang", choices=["en", "es"],
                     help="language (default: the receiving provider's, from programs.yaml)")
    one.add_argument("--combined", action="store_true",
                     help="one packet for programs of several providers")
    one.add_argument("-o", "--output", required=True, type=Path,
                     help="PDF file to write, or a folder: one PDF per provider")
    add_session_args(one)
    one.set_defaults(handler=_packet)

    handout = sub.add_parser("handout", help="write the client's next-steps handout (PDF)")
    handout.add_argument("--client", required=True, help="client id")
    handout.add_argument("--program", action="append", dest="programs", metavar="ID",
                         help="program id (default: every program a packet was made for)")
    handout.add_argument("--lang", choices=["en", "es"],
                         help="language (default: the client's preferred language)")
    handout.add_argument("--show-health", action="store_true",
                         help="name health programs (only when the client asks, on their copy)")
    handout.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    add_session_args(handout)
    handout.set_defaults(handler=_handout)

    many = sub.add_parser("packets", help="write packets for every eligible client of a program")
    many.add_argument("--program", required=True, help="program id")
    many.add_argument("--since", type=_day, help="only intakes completed on or after this date")
    many.add_argument("-o", "--output", required=True, type=Path, help="folder to write into")
    add_session_args(many)
    many.set_defaults(handler=_packets)

    again = sub.add_parser("rescreen", help="re-evaluate every client after a rules change")
    add_session_args(again)
    again.set_defaults(handler=_rescreen)

    consent = sub.add_parser("consent", help="consents: capture, list, revoke")
    actions = consent.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="a client's consents")
    listing.add_argument("--client", required=True)
    add_session_args(listing)
    listing.set_defaults(handler=_consent_list)
    capture = actions.add_parser(
        "capture", help="record a consent signed on paper or a signature pad (PNG image)")
    capture.add_argument("--client", required=True, help="client id")
    capture.add_argument("--programs", required=True, nargs="+", metavar="TRACK",
                         help="program tracks the person agrees to share with")
    capture.add_argument("--kinds", nargs="*", default=[], choices=SENSITIVE_KINDS,
                         help="sensitive information the person agrees to share (none: "
                              "neither mental health nor substance use information)")
    capture.add_argument("--expires", required=True, type=_day, help="expiry date YYYY-MM-DD")
    capture.add_argument("--signature", required=True, type=Path, help="the signature, PNG")
    capture.add_argument("--signed-on", type=_day, help="date signed (default: today)")
    capture.add_argument("--representative", metavar="NAME",
                         help="a legal representative signed (give --authority too)")
    capture.add_argument("--authority", help="the representative's legal authority")
    capture.add_argument("--copy-not-offered", action="store_true",
                         help="the person was not offered a copy")
    add_session_args(capture)
    capture.set_defaults(handler=_consent_capture)
    revoke = actions.add_parser("revoke", help="record that a consent was revoked")
    revoke.add_argument("consent_id")
    add_session_args(revoke)
    revoke.set_defaults(handler=_consent_revoke)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _packet(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() == ".pdf":
        output_file(args.output)
        jobs = [(args.programs, args.output)]
    elif args.output.exists() and not args.output.is_dir():
        raise InputError(f"{args.output}: give a .pdf file, or a folder for one PDF per "
                         "provider")
    with open_session(args) as session:
        if args.output.suffix.lower() != ".pdf":
            groups = services.providers_of(session, args.programs)
            if args.combined:
                groups = {"combined": list(args.programs)}
            args.output.mkdir(parents=True, exist_ok=True)
            jobs = [(ids, args.output / f"{provider}-{args.client}.pdf")
                    for provider, ids in groups.items()]
        for program_ids, path in jobs:
            result = services.save_packet(session, args.client, program_ids, path,
                                          lang=args.lang, combined=args.combined)
            withheld = ", ".join(result.sections_withheld) or "none"
            print(f"Wrote {path} ({result.page_count} pages; {', '.join(program_ids)}; "
                  f"withheld: {withheld}).")
    return 0


def _handout(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise InputError(f"{args.output}: the handout file must end in .pdf")
    output_file(args.output)
    with open_session(args) as session:
        pages = services.save_handout(session, args.client, args.output,
                                      program_ids=args.programs, lang=args.lang,
                                      show_health=args.show_health)
    print(f"Wrote {args.output} ({pages} page{'s' if pages > 1 else ''}).")
    return 0


def register_profile(actions: Any) -> None:
    """`screener user profile [NAME] [--display-name ...]`: what packets print about you."""
    profile = actions.add_parser(
        "profile", help="show or set the name, agency, phone and e-mail packets print")
    profile.add_argument("name", nargs="?", help="whose profile (default: your own; admin)")
    for flag in ("display-name", "agency", "phone", "email"):
        profile.add_argument(f"--{flag}", help=f"set the {flag.replace('-', ' ')} ('' clears)")
    add_session_args(profile)
    profile.set_defaults(handler=_user_profile)


def _user_profile(args: argparse.Namespace) -> int:
    fields = {f: getattr(args, f) for f in ("display_name", "agency", "phone", "email")
              if getattr(args, f) is not None}
    with open_session(args) as session:
        if fields:
            profile = services.set_staff_profile(session, args.name, **fields)
        else:
            profile = services.staff_profile(session, args.name)
    for label, value in (("user", profile.username), ("display name", profile.display_name),
                         ("agency", profile.agency), ("phone", profile.phone),
                         ("e-mail", profile.email)):
        print(f"{label + ':':14} {value or '—'}")
    return 0


def _packets(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        result = services.save_packets_for_program(
            session, args.program, args.output, since=args.since, progress=TerminalProgress())
    print(f"Wrote {len(result.written)} packets to {args.output} "
          f"({result.skipped} clients not eligible or outside the dates).")
    return 0


def _rescreen(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        result = services.rescreen(session, progress=TerminalProgress())
    print(f"Re-screened {result.intakes} clients; {result.changed} determinations changed.")
    return 0


def _consent_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        consents = services.consents_of(session, args.client)
    for c in consents:
        state = "revoked" if c.revoked else f"expires {c.expires_on or 'on an event'}"
        print(f"{c.id}  signed {c.signed_at[:10]}  {state}  tracks: {', '.join(c.program_ids)}")
    if not consents:
        print("No consents on record.")
    return 0


def _consent_capture(args: argparse.Namespace) -> int:
    if (args.representative is None) != (args.authority is None):
        raise InputError("Give both --representative and --authority, or neither.")
    try:
        png = args.signature.read_bytes()
    except OSError as exc:
        raise InputError(f"{args.signature} cannot be read: {exc.strerror}.") from None
    with open_session(args) as session:
        consent = services.capture_consent(
            session, args.client, args.programs,
            mental_health="mental_health" in args.kinds,
            substance_use="substance_use" in args.kinds,
            expires_on=args.expires.isoformat(), signature_png=png,
            signed_on=args.signed_on.isoformat() if args.signed_on else None,
            representative=(None if args.representative is None
                            else (args.representative, args.authority)),
            copy_offered=not args.copy_not_offered,
        )
    print(f"Recorded consent {consent.id} for tracks: {', '.join(consent.program_ids)} "
          f"(expires {consent.expires_on}).")
    return 0


def _consent_revoke(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        consent = services.revoke_consent(session, args.consent_id)
    when = f" on {local_date(consent.revoked_at):%Y-%m-%d}" if consent.revoked_at else ""
    print(f"Consent {consent.id} was revoked{when} by {consent.revoked_by or 'unknown'}; "
          "packets no longer use it.")
    return 0
