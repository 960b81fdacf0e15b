"""Record ids: UUIDs that start with their creation time (RFC 9562 version 7).

Every syncable record is keyed by a UUID text, the same on every device. Random (version 4)
ids land anywhere in the primary-key index, so once a table outgrows the page cache every
insert reads, decrypts, re-encrypts and writes some random page: importing a field laptop's
bundle at the office slowed down with every row. Time-ordered ids are inserted at the end of
the index, like a counter, on the device that makes them and at the office that imports them.
They remain ordinary lower-case UUIDs (any version is accepted everywhere), and the
creation time they carry is recorded beside every record anyway.
"""

from __future__ import annotations

import os
import threading
import time

_RANDOM_BITS = 74
_LOCK = threading.Lock()
_last = (0, 0)  # (milliseconds, random part) of the previous id: ids only ever increase


def new_id() -> str:
    """A new record id: 48 bits of Unix milliseconds, version 7, 74 random bits.

    Within one process each id is greater than the previous one (the random part counts up
    within a millisecond and when the clock steps back).
    """
    global _last
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big") >> (80 - _RANDOM_BITS)
    with _LOCK:
        last_millis, last_rand = _last
        if millis <= last_millis:
            millis, rand = last_millis, last_rand + 1
            if rand >> _RANDOM_BITS:
                millis, rand = millis + 1, 0
        _last = (millis, rand)
    value = (millis << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0x2 << 62) | (
        rand & ((1 << 62) - 1))
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
