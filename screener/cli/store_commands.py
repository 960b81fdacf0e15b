"""`screener init`, `screener user add|passwd|remove|list`, `screener clock confirm`,
`screener audit verify`,
`screener db check|rekey`.

Passwords come from a prompt (asked twice when one is being set) or, for scripts, from the
environment: `SCREENER_PASSPHRASE` is the signed-in user's password (and the first admin's
for `init`), `SCREENER_NEW_PASSPHRASE` the password being set by `user add` / `user passwd`.
The user is `--user NAME` or `SCREENER_USER`. Every input is checked before anything is
written.
"""

from __future__ import annotations

import argparse
import os
import sys

from screener import services
from screener.cli import packet_commands
from screener.cli.common import (
    PASSPHRASE_ENV,
    USER_ENV,
    acting_user,
    add_session_args,
    ask_password,
    db_path,
    open_session,
    passphrase,
)
from screener.clock import SystemClock
from screener.domain import Role, check_new_password
from screener.errors import InputError

NEW_PASSPHRASE_ENV = "SCREENER_NEW_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store's sub-commands to the `screener` parser."""
    init = subparsers.add_parser("init", help="create a new encrypted database and its first admin")
    add_session_args(init, user_help="the first admin's user name (default: admin)")
    init.set_defaults(handler=_init)

    user = subparsers.add_parser("user", help="staff accounts: add, passwd, remove, list")
    actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a staff account (admin)")
    add.add_argument("name", help="user name of the new account")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.INTAKE.value)
    add_session_args(add)
    add.set_defaults(handler=_user_add)
    passwd = actions.add_parser("passwd", help="change your password, or reset someone's (admin)")
    passwd.add_argument("name", nargs="?", help="whose password (default: your own)")
    add_session_args(passwd)
    passwd.set_defaults(handler=_user_passwd)
    packet_commands.register_profile(actions)
    remove = actions.add_parser("remove", help="remove a staff account (admin)")
    remove.add_argument("name")
    remove.add_argument("--rekey", action="store_true",
                        help="then re-encrypt the database under a new key (recommended)")
    add_session_args(remove)
    remove.set_defaults(handler=_user_remove)
    listing = actions.add_parser("list", help="list staff accounts (admin)")
    listing.add_argument("--all", action="store_true", help="include removed accounts")
    add_session_args(listing)
    listing.set_defaults(handler=_user_list)

    clock = subparsers.add_parser("clock", help="this computer's clock")
    clock_actions = clock.add_subparsers(dest="clock_action", metavar="ACTION", required=True)
    confirm = clock_actions.add_parser(
        "confirm", help="say the date and time are right after a warning that the clock "
                        "jumped ahead (changes are stamped with it again)")
    add_session_args(confirm)
    confirm.set_defaults(handler=_clock_confirm)

    audit = subparsers.add_parser("audit", help="the audit log")
    audit_actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = audit_actions.add_parser("verify", help="check the audit log's hash chain")
    add_session_args(verify)
    verify.set_defaults(handler=_audit_verify)

    database = subparsers.add_parser("db", help="the database file")
    db_actions = database.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = db_actions.add_parser("check", help="check every page of the database file")
    add_session_args(check)
    check.set_defaults(handler=_db_check)
    rekey = db_actions.add_parser(
        "rekey", help="re-encrypt the database under a new key (admin; after removing someone)")
    add_session_args(rekey)
    rekey.set_defaults(handler=_db_rekey)


def _new_password(prompt: str, env: str) -> str:
    """A password being set: from `env`, or asked twice; checked before anything is written."""
    from_env = os.environ.get(env)
    if from_env is not None:
        password = from_env
    else:
        password = ask_password(prompt)
        check_new_password(password)
        if ask_password("Again, to be sure: ") != password:
            raise InputError("The two passwords differ; nothing was changed.")
    check_new_password(password)
    return password


def _init(args: argparse.Namespace) -> int:
    user = getattr(args, "user", None) or os.environ.get(USER_ENV) or "admin"
    path = db_path(args)
    password = _new_password(f"New password for {user}: ", PASSPHRASE_ENV)
    keys = services.create_database(path, user, password, SystemClock())
    print(f"Created {path} (keys: {keys}); admin account: {user.strip().lower()}")
    return 0


def _user_add(args: argparse.Namespace) -> int:
    acting_password = passphrase(f"Password for {acting_user(args)}: ")
    new_password = _new_password(f"Password for the new account {args.name}: ", NEW_PASSPHRASE_ENV)
    path, user = db_path(args), acting_user(args)
    with services.open_session(path, user, acting_password, SystemClock()) as session:
        added = services.add_user(session, args.name, args.role, new_password)
    print(f"Added {added.username} ({added.role.value})")
    return 0


def _user_passwd(args: argparse.Namespace) -> int:
    acting = acting_user(args)
    acting_password = passphrase(f"Password for {acting}: ")
    target = args.name or acting
    new_password = _new_password(f"New password for {target}: ", NEW_PASSPHRASE_ENV)
    with services.open_session(db_path(args), acting, acting_password, SystemClock()) as session:
        own = target.strip().lower() == session.username
        services.change_password(
            session, new_password,
            username=None if own else target,
            current_password=acting_password if own else None,
        )
    print(f"Changed the password of {target.strip().lower()}")
    return 0


def _user_remove(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        services.remove_user(session, args.name)
        print(f"Removed {args.name.strip().lower()}")
        if args.rekey:
            _rekey(session)
        else:
            print("Their key slot is gone, but the database key is unchanged: run "
                  "`screener db rekey` so that an old copy of the keys file or of the key "
                  "no longer opens the database.")
    return 0


def _db_rekey(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        _rekey(session)
    return 0


def _rekey(session: services.Session) -> None:
    def progress(done: int, total: int) -> None:
        print(f"\rRe-encrypting: {min(100, 100 * done // total):3d} %", end="", file=sys.stderr,
              flush=True)

    accounts = services.rekey_database(session, progress)
    print(file=sys.stderr)
    print(f"The database is now encrypted under a new key, sealed to {accounts} account(s).")


def _user_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        users = services.list_users(session, include_removed=args.all)
    for u in users:
        status = f"removed {u.disabled_at}" if u.disabled else "active"
        print(f"{u.username:<32} {u.role.value:<7} created {u.created_at}  {status}")
    return 0


def _clock_confirm(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        ahead = session.clock_ahead
        session.confirm_clock()
    print("The date and time were confirmed: changes are stamped with them again." if ahead
          else "This computer's clock was not ahead of the database: nothing to confirm.")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        report = services.verify_audit(session)
    if report.ok:
        print(f"Audit log intact: {report.rows_checked} rows checked.")
        return 0
    print(f"Audit log DAMAGED: {len(report.problems)} problem(s) in {report.rows_checked} rows:",
          file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem.message}", file=sys.stderr)
    return 1


def _db_check(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        result = services.check_database(session)
    if result.ok:
        print(f"Database intact: every page checked in {result.seconds:.1f} s.")
        return 0
    print(f"Database DAMAGED: {len(result.problems)} problem(s):", file=sys.stderr)
    for problem in result.problems[:50]:
        print(f"  {problem}", file=sys.stderr)
    return 1
