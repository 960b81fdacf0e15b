"""The one way a typed date is read: MM/DD/YYYY (how US staff write it), YYYY-MM-DD, M/D/YY.

Used wherever answers are parsed (the intake, New client, search, the command line), so
"04/12/1988", "4/12/88" and "1988-04-12" are the same day everywhere. Every accepted date can
be read back in words ("April 12, 1988" / "12 de abril de 1988") so a slip shows at once.
"""

from __future__ import annotations

import re
from datetime import date

#: M/D/YY: years 00–49 are 2000–2049, 50–99 are 1950–1999 (dates of birth and releases).
TWO_DIGIT_PIVOT = 50

_US = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = {
    "en": ("January February March April May June July August September October November "
           "December").split(),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
           "diciembre").split(),
}


class NotADate(ValueError):
    """The text is not written as a date (`impossible` when it is, but no such day exists)."""

    def __init__(self, text: str, impossible: bool) -> None:
        super().__init__(text)
        self.impossible = impossible


def read_date(text: str) -> date:
    """The day `text` names: MM/DD/YYYY, M/D/YY or YYYY-MM-DD (NotADate otherwise)."""
    text = text.strip()
    iso = _ISO.fullmatch(text)
    us = None if iso else _US.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif us:
        month, day = int(us[1]), int(us[2])
        year = int(us[3])
        if len(us[3]) == 2:
            year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    else:
        raise NotADate(text, impossible=False)
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(text, impossible=True) from None


def looks_like_date(text: str) -> bool:
    """True when `text` is written as a date (possible or not): search uses it to decide."""
    text = text.strip()
    return bool(_ISO.fullmatch(text) or _US.fullmatch(text))


def date_in_words(day: date, lang: str) -> str:
    """"April 12, 1988" in English, "12 de abril de 1988" in Spanish."""
    if lang == "es":
        return f"{day.day} de {_MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"
