"""Turning what a person types into the search box into an FTS5 query.

Every word must match (AND). A word is read as:
  * a date ("1985-03-12", "3/12/1985", "03-12-1985", "3/12/85": `screener.dates`) -> the
    date of birth;
  * mostly digits, at least 4 of them ("5551234", "555-1234") -> phone digits (full
    number, last 7 or last 4) or a booking/CDCR number starting with them; a query made only
    of digits, spaces and phone punctuation ("(213) 555-1234") is one such number;
  * anything else -> the start of a name word or of a booking/CDCR number.
Words are always quoted, so FTS5 operators typed by the user are just text.
"""

from __future__ import annotations

import re
from datetime import date

from screener.dates import NotADate, read_date

_PHONEISH = re.compile(r"[\d()+.\-]+")
_PHONE_QUERY = re.compile(r"[\d()+.\-\s]+")
_MIN_PHONE_DIGITS = 4


def digits_of(text: str | None) -> str | None:
    """Only the digits of `text` (None when there are none)."""
    digits = "".join(c for c in (text or "") if c.isdigit())
    return digits or None


def _as_date(word: str) -> date | None:
    try:
        return read_date(word)
    except NotADate:
        return None


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(word: str) -> str | None:
    day = _as_date(word)
    if day is not None:
        return f"dob : {_quote(day.strftime('%Y%m%d'))}"
    digits = digits_of(word)
    if _PHONEISH.fullmatch(word) and digits and len(digits) >= _MIN_PHONE_DIGITS:
        return f"{{phone ids}} : {_quote(digits)}*"
    if not any(c.isalnum() for c in word):
        return None
    return f"{{name ids}} : {_quote(word)}*"


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for `query`, or None when it holds nothing searchable."""
    whole = query.strip()
    digits = digits_of(whole)
    if (_PHONE_QUERY.fullmatch(whole) and _as_date(whole) is None and digits
            and len(digits) >= _MIN_PHONE_DIGITS):
        return _term(digits)  # "(213) 555-0101": one number, spaces and all
    terms = [t for t in (_term(w) for w in query.split()) if t is not None]
    return " AND ".join(terms) if terms else None
