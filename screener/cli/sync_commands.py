"""Sync between field laptops and the office (DESIGN §8, README "Sync between field and
office"):

    screener office init --name NAME -o office.screener-enroll     (office admin)
    screener office key -o office.key                               (office admin: age identity)
    screener device join OFFICE_FILE --name NAME -o laptop.screener-device   (field admin)
    screener device enroll DEVICE_FILE | list | revoke ID           (office)
    screener export [--full] -o FILE                                (field)
    screener export --to DEVICE_ID [--client ID ...] -o FILE        (office -> field)
    screener import FILE...
    screener conflicts list [--all] | resolve ID --keep local|remote|VALUE
    screener duplicates list | merge KEEP_ID OTHER_ID | dismiss ID
    screener updates list | install FOLDER                          (field: forms/rules received)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screener import services
from screener.cli.common import (
    add_session_args,
    counts_in_words,
    in_words,
    open_session,
    output_file,
)
from screener.errors import InputError, ScreenerError
from screener.progress import TerminalProgress


def register(subparsers: Any) -> None:
    """Add the sync sub-commands."""
    office = subparsers.add_parser("office", help="set up this installation as the office")
    office_sub = office.add_subparsers(dest="office_action", metavar="ACTION", required=True)
    init = office_sub.add_parser("init", help="make the office keys; write the enrollment file")
    init.add_argument("--name", default="Office", help="the office's name, shown on laptops")
    init.add_argument("-o", "--output", type=Path, required=True, help="enrollment file to write")
    _add(init, _office_init)
    key = office_sub.add_parser("key", help="save the office's age secret key (for `age -d`)")
    key.add_argument("-o", "--output", type=Path, required=True)
    _add(key, _office_key)

    device = subparsers.add_parser("device", help="field devices: join, enroll, list, revoke")
    dev = device.add_subparsers(dest="device_action", metavar="ACTION", required=True)
    join = dev.add_parser("join", help="(field laptop) join the office in OFFICE_FILE")
    join.add_argument("office_file", type=Path)
    join.add_argument("--name", required=True, help="this laptop's name, e.g. 'Laptop 7'")
    join.add_argument("-o", "--output", type=Path, required=True, help="device file to write")
    _add(join, _device_join)
    enroll = dev.add_parser("enroll", help="(office) enroll the device in DEVICE_FILE")
    enroll.add_argument("device_file", type=Path)
    _add(enroll, _device_enroll)
    _add(dev.add_parser("list", help="enrolled devices (or this laptop's office)"), _device_list)
    revoke = dev.add_parser("revoke", help="(office) refuse a device's bundles from now on")
    revoke.add_argument("device_id")
    _add(revoke, _device_revoke)

    export = subparsers.add_parser("export", help="write an encrypted, signed bundle")
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument("--full", action="store_true", help="everything, not only new changes")
    export.add_argument("--to", metavar="DEVICE_ID", help="(office) the field device to send to")
    export.add_argument("--client", action="append", default=[], metavar="ID",
                        help="(office) a client to send (repeat for more)")
    export.add_argument("--no-forms", action="store_true", help="(office) leave forms out")
    export.add_argument("--no-rules", action="store_true", help="(office) leave rules out")
    _add(export, _export)

    imp = subparsers.add_parser("import", help="verify and merge bundles")
    imp.add_argument("files", nargs="+", type=Path)
    _add(imp, _import)

    conflicts = subparsers.add_parser(
        "conflicts", help="answers, identities, statuses and consents both sides changed")
    con = conflicts.add_subparsers(dest="conflicts_action", metavar="ACTION", required=True)
    listing = con.add_parser("list", help="conflicts waiting for review")
    listing.add_argument("--all", action="store_true", help="include resolved ones")
    _add(listing, _conflicts_list)
    resolve = con.add_parser("resolve", help="keep local, remote, or a new value (JSON or text)")
    resolve.add_argument("conflict_id")
    resolve.add_argument("--keep", required=True, metavar="local|remote|VALUE")
    _add(resolve, _conflicts_resolve)

    dups = subparsers.add_parser("duplicates", help="clients that may be the same person")
    dup = dups.add_subparsers(dest="duplicates_action", metavar="ACTION", required=True)
    _add(dup.add_parser("list", help="pairs flagged by imports"), _duplicates_list)
    merge = dup.add_parser("merge", help="merge OTHER_ID into KEEP_ID (keeps every intake)")
    merge.add_argument("keep_id")
    merge.add_argument("other_id")
    _add(merge, _duplicates_merge)
    dismiss = dup.add_parser("dismiss", help="two different people: close the pair")
    dismiss.add_argument("duplicate_id")
    _add(dismiss, _duplicates_dismiss)

    updates = subparsers.add_parser("updates", help="forms/rules files received from the office")
    upd = updates.add_subparsers(dest="updates_action", metavar="ACTION", required=True)
    _add(upd.add_parser("list", help="received files"), _updates_list)
    install = upd.add_parser("install", help="write them under FOLDER/forms and FOLDER/rules")
    install.add_argument("folder", type=Path)
    _add(install, _updates_install)


def _add(parser: argparse.ArgumentParser, handler: Any) -> None:
    add_session_args(parser)
    parser.set_defaults(handler=handler)


def _office_init(args: argparse.Namespace) -> int:
    output_file(args.output)
    with open_session(args) as session:
        info = services.init_office(session, args.name, args.output)
    print(f"Office {info.name} ({info.device_id}): enrollment file {info.path}")
    print(f"Fingerprint: {info.fingerprint}  (compare it on each laptop that joins)")
    return 0


def _office_key(args: argparse.Namespace) -> int:
    output_file(args.output)
    with open_session(args) as session:
        path = services.export_office_key(session, args.output)
    print(f"Wrote the office's age secret key to {path}. Keep it as safe as the database.")
    return 0


def _device_join(args: argparse.Namespace) -> int:
    output_file(args.output)
    with open_session(args) as session:
        info = services.join_office(session, args.office_file, args.name, args.output)
        office = services.list_devices(session)[0]
    print(f"Joined office {office.peer.name}; its fingerprint is {office.fingerprint} "
          "(check it matches what the office printed).")
    print(f"Device {info.name} ({info.device_id}): device file {info.path}")
    print(f"Fingerprint: {info.fingerprint}  (the office compares it when enrolling)")
    return 0


def _device_enroll(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        status = services.enroll_device(session, args.device_file)
    print(f"Enrolled {status.peer.name} ({status.peer.device_id}), "
          f"fingerprint {status.fingerprint}")
    return 0


def _device_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        devices = services.list_devices(session)
    for d in devices:
        state = f"revoked {d.peer.revoked_at}" if d.peer.revoked else "active"
        missing = ", ".join(f"{a}-{b}" for a, b in d.missing)
        print(f"{d.peer.device_id}  {d.peer.kind:<6} {d.peer.name:<24} {state:<8} "
              f"bundles {d.bundles_imported}  up to change {d.highest_seq}"
              + (f"  MISSING changes {missing}" if missing else "")
              + f"  fingerprint {d.fingerprint}")
    return 0


def _device_revoke(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        status = services.revoke_device(session, args.device_id)
    print(f"Revoked {status.peer.name} ({status.peer.device_id}); its bundles are refused.")
    return 0


def _export(args: argparse.Namespace) -> int:
    output_file(args.output)
    progress = TerminalProgress()
    with open_session(args) as session:
        if args.to:
            summary = services.export_to_device(
                session, args.output, args.to, args.client, forms=not args.no_forms,
                rules=not args.no_rules, progress=progress)
        else:
            if args.client:
                raise InputError("--client needs --to DEVICE_ID: the office sends clients to "
                                 "a field device.")
            identity = services.sync_identity(session)
            if identity is not None and identity.role == "office":
                raise InputError("The office exports to one field device: add --to DEVICE_ID "
                                 "(`screener device list` shows the ids).")
            summary = services.export_bundle(session, args.output, full=args.full,
                                             progress=progress)
    counts = counts_in_words(summary.counts, "no changes")
    if summary.until_seq > summary.since_seq:
        what = f"{counts} (changes {summary.since_seq + 1}-{summary.until_seq}; "
    elif summary.records:  # the office's forms, rules and content pack
        what = f"{counts} ("
    else:
        what = f"no changes since change {summary.since_seq} ("
    print(f"Wrote {summary.path} for {summary.recipient}: {what}bundle {summary.bundle_id})")
    return 0


def _import(args: argparse.Namespace) -> int:
    worst = 0
    with open_session(args) as session:
        for path in args.files:
            progress = TerminalProgress()
            try:
                summary = services.import_bundle(session, path, progress)
            except ScreenerError as exc:
                TerminalProgress.end_line()  # the message starts its own line
                print(f"screener: {exc}", file=sys.stderr)
                worst = max(worst, exc.exit_code)
                continue
            progress.finish()
            print(_describe(summary))
    return worst


def _describe(s: services.ImportSummary) -> str:
    if s.already_imported_at:
        return (f"{s.path.name}: already imported on {s.already_imported_at}; nothing changed "
                f"(bundle {s.bundle_id}).")
    text = (f"{s.path.name} from {s.device_name}: added {counts_in_words(s.added)}; "
            f"updated {counts_in_words(s.updated)}; {in_words(s.unchanged, 'record')} "
            f"unchanged; {in_words(s.conflicts, 'conflict')}; "
            f"{in_words(s.duplicates, 'possible duplicate')}")
    if s.merged:
        text += f"; {in_words(s.merged, 'client')} merged as the office did"
    if s.documents:
        text += f"; {in_words(s.documents, 'forms/rules file')}"
    if s.content is not None:
        r = s.content.rescreen
        text += (f"; content pack {s.content.label} is now in force (re-screened "
                 f"{in_words(r.intakes, 'client')}, {in_words(r.changed, 'outcome')} changed)")
    if s.content_refused:
        text += f"; the content pack received was NOT installed: {s.content_refused}"
    if s.missing:
        text += ("; WARNING: changes " + ", ".join(f"{a}-{b}" for a, b in s.missing)
                 + " from this device have not been imported yet")
    return text + "."


def _value(v: object) -> str:
    return json.dumps(v, ensure_ascii=False)


def _conflicts_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        conflicts = services.list_conflicts(session, include_closed=args.all)
    for c in conflicts:
        intake = f"  intake {c.intake_id}" if c.intake_id else ""
        print(f"{c.id}  {c.status}  {c.kind}  client {c.client_id}{intake}  {c.field_id}")
        for side, v in (("local ", c.local), ("remote", c.remote)):
            print(f"    {side} {_value(v.value)}  by {v.entered_by or '(not recorded)'} at "
                  f"{v.entered_at} (device {v.device_id})")
    print(in_words(len(conflicts), "conflict"), file=sys.stderr)
    return 0


def _conflicts_resolve(args: argparse.Namespace) -> int:
    keep, value = args.keep, None
    if keep not in ("local", "remote"):
        try:
            value = json.loads(keep)
        except ValueError:
            value = keep
        keep = "value"
    with open_session(args) as session:
        c = services.resolve_conflict(session, args.conflict_id, keep, value)
    print(f"Resolved {c.id} ({c.field_id}): kept {c.resolution}.")
    return 0


def _duplicates_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        pairs = services.list_duplicates(session)
    for p in pairs:
        print(f"{p.id}  {'; '.join(p.reasons)}")
        for c in (p.a, p.b):
            print(f"    {c.id}  {c.last_name}, {c.first_name}  born {c.dob or '?'}")
    print(in_words(len(pairs), "possible duplicate"), file=sys.stderr)
    return 0


def _duplicates_merge(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        kept = services.merge_clients(session, args.keep_id, args.other_id)
    print(f"Merged {args.other_id} into {kept.id}.")
    return 0


def _duplicates_dismiss(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        services.dismiss_duplicate(session, args.duplicate_id)
    print(f"Dismissed {args.duplicate_id}.")
    return 0


def _updates_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        docs = services.received_documents(session)
    for kind, path, digest in docs:
        print(f"{kind}/{path}  sha256 {digest}")
    return 0


def _updates_install(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        count = services.install_documents(session, args.folder)
    print(f"Wrote {in_words(count, 'file')} under {args.folder}.")
    return 0
