"""What a new or changed password must be: one rule for the services, the command line and
the desktop app's password fields."""

from __future__ import annotations

import unicodedata

from screener.errors import InputError

MIN_PASSWORD_CHARS = 10


def check_new_password(password: str) -> None:
    """Raise InputError unless `password` is acceptable for a new or changed password."""
    if not password:
        raise InputError("The password is empty. Choose one of at least 10 characters.")
    length = len(unicodedata.normalize("NFC", password))
    if length < MIN_PASSWORD_CHARS:
        raise InputError(
            f"The password is too short ({length} characters); "
            f"it must be at least {MIN_PASSWORD_CHARS} characters."
        )
