"""Keeping the whole Social Security number out of a packet.

A packet prints the last four digits only (HMIS 3.02 accepts that). The builder also passes
every data string through a `Redactor`, so the whole number cannot slip in through another
field (a note, an address line) whatever the caller puts there.
"""

from __future__ import annotations

import re

_NON_DIGIT = re.compile(r"\D")


def mask_ssn(ssn: str | None) -> str | None:
    """`***-**-1234` from any spelling of an SSN; None when fewer than four digits are given."""
    digits = _NON_DIGIT.sub("", ssn or "")
    if len(digits) < 4:
        return None
    return f"***-**-{digits[-4:]}"


class Redactor:
    """Replaces the client's whole SSN, with or without separators, by its masked form."""

    def __init__(self, ssn: str | None) -> None:
        digits = _NON_DIGIT.sub("", ssn or "")
        self._mask = mask_ssn(ssn) or ""
        self._pattern: re.Pattern[str] | None = None
        if len(digits) > 4:
            # Digits may be split by spaces, dots, dashes or slashes, never by other digits.
            body = r"[\s./-]*".join(re.escape(d) for d in digits)
            self._pattern = re.compile(rf"(?<!\d){body}(?!\d)")

    def __call__(self, text: str) -> str:
        """`text` with every occurrence of the whole SSN masked."""
        if self._pattern is None:
            return text
        return self._pattern.sub(self._mask, text)
