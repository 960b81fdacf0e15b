"""The one set of limits on text that enters the database, whatever the path (DESIGN §10).

The services apply them to client identities, to every answer and to the reason for
changing one (the desktop app, the command line, answers files), and the importer cleans
every text of a bundle with the same functions and kinds (`sync/wire.py`), so whatever the
store accepts, export and import accept, and what the office stores obeys the same limits.

Text is normalised to Unicode NFC, and bidirectional controls (right-to-left overrides
and isolates, which can make a name display as something else) are removed. Control
characters (NUL, escape sequences, ...) are refused, except line breaks and tabs in
long answers. Each kind of text has a maximum length (`TextKind`): names 200 characters,
other identity text 2,000 (the importer's bound for identity fields), answers 50,000 (far
under the importer's 1 MiB per answer).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class TextKind(Enum):
    """What a piece of text is: how long it may be, and whether it may break lines."""

    NAME = (200, False)  # first, last and preferred names
    TEXT = (2000, False)  # other identity text: phone, booking and CDCR numbers, ...
    ANSWER = (50_000, False)  # a one-line text answer
    LONG_ANSWER = (50_000, True)  # a long text answer (line breaks and tabs allowed)
    NOTE = (2000, True)  # the reason for changing an answer of a completed intake

    @property
    def max_chars(self) -> int:
        """The most characters this kind of text may have."""
        return self.value[0]

    @property
    def multiline(self) -> bool:
        """True if line breaks and tabs are allowed."""
        return self.value[1]


#: Largest stored answer as JSON text (the importer refuses larger ones).
MAX_ANSWER_JSON = 1 << 20
#: Bidirectional formatting characters (embeddings, overrides, isolates, marks).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: C0 and C1 controls and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_LONG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class TextLimitError(ValueError):
    """Text that breaks a limit; `reason` says which, without repeating the text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(text: str, kind: TextKind = TextKind.TEXT) -> str:
    """`text` normalised (NFC, no bidirectional controls, Windows line ends as \\n), or
    TextLimitError if it has control characters or is too long for its kind."""
    if text.isascii() and text.isprintable() and len(text) <= kind.max_chars:
        return text  # most text: nothing to clean or refuse (checked at C speed)
    cleaned = _BIDI.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    check_text(cleaned, kind)
    return cleaned


def check_text(text: str, kind: TextKind = TextKind.TEXT) -> None:
    """TextLimitError unless `text` is within the limits of `kind` as it is (no cleaning)."""
    controls = _CONTROL_LONG if kind.multiline else _CONTROL
    if controls.search(text):
        raise TextLimitError("contains control characters (such as NUL or a line break "
                             "where none is allowed)")
    if len(text) > kind.max_chars:
        raise TextLimitError(f"is longer than {kind.max_chars:,} characters "
                             f"({len(text):,})")


def identity_kind(field_id: str) -> TextKind:
    """How long an identity field may be (names are shorter than other text)."""
    return TextKind.NAME if field_id.endswith("_name") else TextKind.TEXT


def shown_safely(text: str) -> str:
    """`text` for a terminal: control and bidirectional characters escaped as \\uXXXX
    (values stored before these limits may still hold them)."""
    return _CONTROL.sub(_escape, _BIDI.sub(_escape, text))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
