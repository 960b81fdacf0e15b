"""`manifest.json`: what a bundle is, without any personal data.

It names the bundle, the sending installation and the one it is for, the schema and the
forms/rules versions it was written with, how many records of each type it holds, the
sequence range it covers, the SHA-256 and size of `changes.jsonl`, and (field to office)
the sender's audit-log checkpoints: the hash its log has NOW at the head of each of its
recent exports, and at its current head, so the office can tell whether rows it was told
about before were changed or dropped since (`services/audit_heads.py`), and the proof that
its newest audit row is signed under its root admin key (`signing`: the root record, the
grants of that row's author and the row itself, checked against the key the office pinned
when the laptop joined). The signature in
`signature.json` is over these exact bytes, so it covers the whole payload through the hash.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from screener.errors import BundleError

FORMAT = "screener-bundle"
FORMAT_VERSION = 1
FIELD_TO_OFFICE = "field-to-office"
OFFICE_TO_FIELD = "office-to-field"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_KEYS = frozenset((
    "format", "format_version", "bundle_id", "kind", "device_id", "device_name",
    "recipient_id", "created_at", "app_version", "schema_version", "forms", "rules", "counts",
    "since_seq", "until_seq", "full", "chunks", "payload_bytes", "payload_sha256",
))
#: Entries a manifest may have or not (bundles from before them are still read).
_OPTIONAL = frozenset(("audit", "signing"))
_MAX_CHECKPOINTS = 100
_MAX_SIGNING = 64 << 10

Versions = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Manifest:
    """The parsed manifest of a bundle."""

    bundle_id: str
    kind: str
    device_id: str
    device_name: str
    recipient_id: str
    created_at: str
    app_version: str
    schema_version: int
    forms: Versions
    rules: Versions
    counts: tuple[tuple[str, int], ...]
    since_seq: int
    until_seq: int
    full: bool
    chunks: int
    payload_bytes: int
    payload_sha256: str
    #: (audit seq, hash of that row now) for recent export heads, the current head last.
    audit: tuple[tuple[int, str], ...] = ()
    #: The sender's root record, grants and head audit row as canonical JSON ("" if none).
    signing: str = ""

    def count(self, record_type: str) -> int:
        """How many records of one type the bundle holds."""
        return dict(self.counts).get(record_type, 0)

    @property
    def total(self) -> int:
        """How many records the bundle holds."""
        return sum(n for _, n in self.counts)

    def to_bytes(self) -> bytes:
        """The manifest as written into the bundle (sorted keys, indented, UTF-8)."""
        body: dict[str, Any] = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "bundle_id": self.bundle_id,
            "kind": self.kind, "device_id": self.device_id, "device_name": self.device_name,
            "recipient_id": self.recipient_id, "created_at": self.created_at,
            "app_version": self.app_version, "schema_version": self.schema_version,
            "forms": dict(self.forms), "rules": dict(self.rules), "counts": dict(self.counts),
            "since_seq": self.since_seq, "until_seq": self.until_seq, "full": self.full,
            "chunks": self.chunks, "payload_bytes": self.payload_bytes,
            "payload_sha256": self.payload_sha256,
        }
        if self.audit:
            body["audit"] = [[seq, digest] for seq, digest in self.audit]
        if self.signing:
            body["signing"] = json.loads(self.signing)
        return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _versions(value: object, name: str) -> Versions:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) < 100 and len(v) < 100
        for k, v in value.items()
    ):
        raise BundleError(f"The bundle's manifest is damaged ({name}).")
    return tuple(sorted(value.items()))


def _int(body: dict[str, Any], key: str) -> int:
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BundleError(f"The bundle's manifest is damaged ({key}).")
    return value


def _str(body: dict[str, Any], key: str, pattern: re.Pattern[str] | None = None) -> str:
    value = body[key]
    if not isinstance(value, str) or len(value) > 200 or (pattern and not pattern.fullmatch(value)):
        raise BundleError(f"The bundle's manifest is damaged ({key}).")
    return value


def parse_manifest(data: bytes, schema_version: int) -> Manifest:
    """Check and parse manifest bytes; a newer format or schema is refused by name."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError("The bundle's manifest is not JSON: the bundle is damaged.") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BundleError("This is not a Screener bundle (its manifest says otherwise).")
    version = body.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleError(
            f"The bundle was written by a newer version of Screener (bundle format "
            f"{version}; this version reads format {FORMAT_VERSION}). Update Screener first."
        )
    if not _KEYS <= set(body) <= _KEYS | _OPTIONAL:
        raise BundleError("The bundle's manifest has missing or unknown entries.")
    schema = _int(body, "schema_version")
    if schema > schema_version:
        raise BundleError(
            f"The bundle was written by a newer version of Screener (schema {schema}; this "
            f"version understands up to {schema_version}). Update Screener on this computer "
            "first; nothing was imported."
        )
    kind = body["kind"]
    if kind not in (FIELD_TO_OFFICE, OFFICE_TO_FIELD) or not isinstance(body["full"], bool):
        raise BundleError("The bundle's manifest is damaged (kind).")
    counts = body["counts"]
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
        for k, v in counts.items()
    ):
        raise BundleError("The bundle's manifest is damaged (counts).")
    since, until = _int(body, "since_seq"), _int(body, "until_seq")
    if since > until:
        raise BundleError("The bundle's manifest is damaged (sequence range).")
    return Manifest(
        bundle_id=_str(body, "bundle_id", _UUID), kind=kind,
        device_id=_str(body, "device_id", _UUID), device_name=_str(body, "device_name"),
        recipient_id=_str(body, "recipient_id", _UUID), created_at=_str(body, "created_at"),
        app_version=_str(body, "app_version"), schema_version=schema,
        forms=_versions(body["forms"], "forms"), rules=_versions(body["rules"], "rules"),
        counts=tuple(sorted(counts.items())), since_seq=since, until_seq=until,
        full=body["full"], chunks=_int(body, "chunks"),
        payload_bytes=_int(body, "payload_bytes"),
        payload_sha256=_str(body, "payload_sha256", _SHA256),
        audit=_checkpoints(body.get("audit", [])), signing=_signing(body.get("signing")),
    )


def _signing(value: object) -> str:
    """The `signing` entry as canonical JSON (its content is checked by the office,
    `services/audit_heads.py`)."""
    if value is None:
        return ""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    if not isinstance(value, dict) or len(text) > _MAX_SIGNING:
        raise BundleError("The bundle's manifest is damaged (signing).")
    return text


def _checkpoints(value: object) -> tuple[tuple[int, str], ...]:
    ok = isinstance(value, list) and len(value) <= _MAX_CHECKPOINTS and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], int)
        and not isinstance(item[0], bool) and item[0] >= 0 and isinstance(item[1], str)
        and (item[1] == "" or _SHA256.fullmatch(item[1])) for item in value)
    if not ok:
        raise BundleError("The bundle's manifest is damaged (audit).")
    assert isinstance(value, list)
    return tuple((int(seq), str(digest)) for seq, digest in value)
