"""What every sub-command that opens the database shares: `--db`, `--user`, the password.

The password comes from `SCREENER_PASSPHRASE` (scripts) or a prompt; the user from `--user`
or `SCREENER_USER`; the database from `--db` (before or after the sub-command) or the
per-user data folder.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from screener import services
from screener.clock import SystemClock, local_minute
from screener.errors import InputError
from screener.paths import DB_FILENAME, default_db_path

PASSPHRASE_ENV = "SCREENER_PASSPHRASE"
USER_ENV = "SCREENER_USER"


def add_session_args(parser: argparse.ArgumentParser, user_help: str | None = None) -> None:
    # SUPPRESS: `screener --db X init` and `screener init --db X` both work.
    parser.add_argument("--db", default=argparse.SUPPRESS, help="database file")
    parser.add_argument(
        "--user", default=argparse.SUPPRESS,
        help=user_help or f"who is signing in (default: ${USER_ENV})",
    )


def db_path(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    if not db:
        return default_db_path()
    path = Path(db).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder: --db takes the database file, e.g. "
                         f"{path / DB_FILENAME}.")
    return path


def acting_user(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not name:
        raise InputError(f"Say who is signing in: --user NAME or {USER_ENV}.")
    return str(name)


def ask_password(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise InputError("No password was given.") from None


def passphrase(prompt: str) -> str:
    """The signed-in user's password: $SCREENER_PASSPHRASE or a prompt."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    return from_env if from_env is not None else ask_password(prompt)


def output_file(path: Path) -> Path:
    """`path` as a file to write: its folder must exist and it must not be a folder itself.

    Checked before the database is opened, so nothing is done that cannot be written out.
    """
    if path.is_dir():
        raise InputError(f"{path} is a folder: give the name of the file to write.")
    if not path.parent.is_dir():
        raise InputError(f"{path}: there is no folder {path.parent}.")
    return path


def open_session(args: argparse.Namespace) -> services.Session:
    user = acting_user(args)
    path = db_path(args)
    session = services.open_session(path, user, passphrase(f"Password for {user}: "),
                                    SystemClock())
    warn_about_clock(session)
    session.repos.db.on_wait = _say_waiting
    return session


def _say_waiting() -> None:
    print("Waiting for the database: another program is saving (an import of a big bundle "
          "can take a minute)...", file=sys.stderr, flush=True)


def warn_about_clock(session: services.Session) -> None:
    """Tell the person when this computer's clock went back, or jumped ahead, since the
    database was last used."""
    if session.clock_jump is None:
        return
    now, last = (local_minute(t) for t in session.clock_jump)
    if session.clock_ahead:
        print(f"Warning: this computer's clock says {now} (Los Angeles time), more than a day "
              f"after this database was last used ({last}). Until the date is confirmed, changes "
              "are stamped for sync no later than a day after that, so the office does not "
              "refuse them. If the date and time are right, run `screener clock confirm`; "
              "if not, set them.", file=sys.stderr)
        return
    print(f"Warning: this computer's clock says {now} (Los Angeles time), but this database "
          f"was last used at {last}. Check the date and time: every record is stamped "
          "with it.", file=sys.stderr)




#: Plurals that are not the noun plus "s".
_PLURALS = {"possible duplicate": "possible duplicates", "forms/rules file": "forms/rules files"}


def in_words(n: int, noun: str) -> str:
    """A count and what it counts: `1 client`, `17 answers`, `no conflicts`."""
    plural = _PLURALS.get(noun, noun + "s")
    if n == 0:
        return f"no {plural}"
    return f"{n:,} {noun if n == 1 else plural}"


def counts_in_words(counts: tuple[tuple[str, int], ...] | list[tuple[str, int]],
                    none: str = "nothing") -> str:
    """`17 answers, 1 client` from (record kind, count) pairs; `none` if there are none."""
    return ", ".join(in_words(n, _NOUNS.get(kind, kind)) for kind, n in counts if n) or none


#: How record kinds are named to people.
_NOUNS = {"document": "forms/rules file"}
