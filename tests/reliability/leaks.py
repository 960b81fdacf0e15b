"""Finding marker strings in files, the way an investigator with a hex editor would: as
UTF-8, UTF-16 (both byte orders) and base64 (at all three alignments)."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path


def encodings(text: str) -> list[bytes]:
    """`text` as it could appear in a file (base64 without the edge characters that depend
    on neighbouring bytes; runs shorter than 8 would turn up in random bytes now and then)."""
    raw = text.encode("utf-8")
    forms = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for pad in range(3):
        core = base64.b64encode(b"\0" * pad + raw)[3:-3]
        if len(core) >= 8:
            forms.append(core)
    return forms


def hits(data: bytes, markers: Iterable[str]) -> list[str]:
    """The markers found in `data`."""
    return [m for m in markers if any(form in data for form in encodings(m))]


def scan(files: Iterable[Path], markers: list[str]) -> dict[Path, list[str]]:
    """Every file holding a marker, with the markers it holds."""
    found: dict[Path, list[str]] = {}
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:  # a socket, or gone meanwhile
            continue
        inside = hits(data, markers)
        if inside:
            found[path] = inside
    return found
