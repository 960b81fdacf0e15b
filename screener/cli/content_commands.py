"""`screener content publish | list | copy | install | rollback`: the forms, rules and provider
contacts in force, as versioned packs signed by the office (DESIGN §8)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screener import services
from screener.cli.common import add_session_args, in_words, open_session, output_file
from screener.progress import TerminalProgress


def register(subparsers: Any) -> None:
    """Add the `content` command."""
    parser = subparsers.add_parser(
        "content", help="forms, rules and provider contacts from the office (content packs)")
    sub = parser.add_subparsers(dest="content_action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="the pack in force and the one rollback returns to")
    listing.add_argument("--db", default=argparse.SUPPRESS, help="database file")
    listing.set_defaults(handler=_list)
    copy = sub.add_parser("copy", help="copy the forms, rules and resources in force to FOLDER")
    copy.add_argument("folder", type=Path)
    copy.add_argument("--db", default=argparse.SUPPRESS, help="database file")
    copy.set_defaults(handler=_copy)
    publish = sub.add_parser(
        "publish", help="office: test, sign and put in force the next pack (then export it)")
    publish.add_argument("--note", required=True, help="what changed, in one line")
    publish.add_argument("--forms-dir", type=Path, help="forms folder (default: those in force)")
    publish.add_argument("--rules-dir", type=Path, help="rules folder (default: those in force)")
    publish.add_argument("--resources-dir", type=Path,
                         help="folder with programs.yaml and documents.yaml (default: in force)")
    publish.add_argument("-o", "--output", type=Path, help="also save the pack file here")
    _with_session(publish, _publish)
    install = sub.add_parser("install", help="install a pack file by hand (admin)")
    install.add_argument("file", type=Path)
    _with_session(install, _install)
    rollback = sub.add_parser("rollback", help="put the previous pack back in force (admin)")
    _with_session(rollback, _rollback)


def _with_session(parser: argparse.ArgumentParser, handler: Any) -> None:
    add_session_args(parser)
    parser.set_defaults(handler=handler)


def _list(args: argparse.Namespace) -> int:
    packs = services.content_packs()
    if not any(p.in_force for p in packs):
        print("In force: the forms and rules built into the app.")
    for p in packs:
        state = "in force" if p.in_force else "previous (rollback returns to it)"
        print(f"{p.label}  {state}  published {p.published_at[:10]} by {p.published_by} at "
              f"{p.office_name}  rules hash {p.rules_hash[:16]}")
        print(f"    {p.changelog}")
        print(f"    {p.folder}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    folder = services.copy_content(args.folder)
    print(f"Copied the forms, rules and resources in force to {folder}/ (forms, rules, "
          "resources). Edit them, run `screener rules test --rules-dir "
          f"{folder}/rules`, then `screener content publish`.")
    return 0


def _publish(args: argparse.Namespace) -> int:
    if args.output is not None:
        output_file(args.output)
    progress = TerminalProgress()
    with open_session(args) as session:
        change = services.publish_content(
            session, args.note, forms_dir=args.forms_dir, rules_dir=args.rules_dir,
            resources_dir=args.resources_dir, output=args.output, progress=progress)
    progress.finish()
    print(f"Published content pack {change.label} and put it in force here; "
          f"{_rescreened(change)}. Every export to a laptop now carries it.")
    return 0


def _install(args: argparse.Namespace) -> int:
    progress = TerminalProgress()
    with open_session(args) as session:
        change = services.install_content(session, args.file, progress)
    progress.finish()
    print(f"Installed content pack {change.label}; {_rescreened(change)}.")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    progress = TerminalProgress()
    with open_session(args) as session:
        change = services.rollback_content(session, progress)
    progress.finish()
    print(f"Rolled back: {change.label} is in force; {_rescreened(change)}.")
    return 0


def _rescreened(change: services.ContentChange) -> str:
    r = change.rescreen
    return f"re-screened {in_words(r.intakes, 'client')}, {in_words(r.changed, 'outcome')} changed"
