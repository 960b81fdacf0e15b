"""Every failure Screener reports to a person is a ScreenerError.

Each subclass is one kind of failure. Where the failure comes from a file, the error carries
the file, line and column so the message reads `file:line:col: what was expected`.
`exit_code` is what the command line exits with: 2 for bad input, 1 for other failures.
"""

from __future__ import annotations


class ScreenerError(Exception):
    """Base class: a failure with a message meant for the person using Screener."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col

    def where(self) -> str:
        """`file:line:col` (as much of it as is known), or an empty string."""
        parts = [p for p in (self.file, self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(ScreenerError):
    """The person gave the command something it cannot use (bad argument, bad file)."""

    exit_code = 2


class ExprError(InputError):
    """An expression in a form or rule file does not parse or names something unknown."""


class FormError(InputError):
    """A form file is malformed."""


class RuleError(InputError):
    """A rule file (or a rule test file) is malformed."""


class AnswerError(InputError):
    """An answer does not fit its question (wrong type, impossible date, out of range)."""


class StoreError(ScreenerError):
    """The encrypted database cannot be created, opened, read or written."""


class WrongPassword(StoreError):
    """The user name or password does not unlock the database (exit 1: the command was
    well formed, signing in failed)."""


class PermissionDenied(StoreError):
    """The signed-in user's role does not allow the operation."""

    exit_code = 2


class NewerSchema(StoreError):
    """The database (or bundle) was written by a newer version of Screener."""


class BundleError(ScreenerError):
    """A sync bundle is damaged, tampered with, from an unknown device, or invalid."""

    exit_code = 2


class FileWriteError(ScreenerError):
    """A file could not be written (disk full, I/O error, no permission); a file it was
    replacing is left as it was, unless `replaced`: then the new file is in place but the
    disk did not confirm it (the folder's fsync failed), and the caller decides its fate."""

    def __init__(self, message: str, *, replaced: bool = False) -> None:
        super().__init__(message)
        self.replaced = replaced


class PacketError(ScreenerError):
    """A referral packet cannot be built."""


# --- The encrypted store (screener.store) -------------------------------------------------


class KeysFileError(StoreError):
    """The keys file next to the database is missing, unreadable or damaged."""

    exit_code = 2


class NotADatabase(StoreError):
    """The file is not a Screener database (or not one this keys file unlocks)."""

    exit_code = 2


class DatabaseNotFound(StoreError):
    """There is no database at the given path (Screener never creates one when opening)."""

    exit_code = 2


class DatabaseDamaged(StoreError):
    """A page of the database failed its integrity check (SQLCipher's HMAC) or its
    structure is broken: changed outside Screener, or the disk is failing."""


class SessionLocked(StoreError):
    """The session was locked or closed; unlock again to continue."""


class ReasonRequired(InputError):
    """Changing an answer of a completed intake needs a reason (it is kept in the history)."""


class ContentPackError(ScreenerError):
    """A content pack (forms, rules and provider contacts from the office) is refused:
    unsigned or altered, from another office, older than the one installed, or failing its
    own checks. Nothing is installed."""

    exit_code = 2
