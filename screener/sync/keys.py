"""Sync keys, the office enrollment file and the device file.

The office has an age X25519 identity (field bundles are encrypted to it) and an Ed25519
signing key (office bundles are signed with it). A field device has the same pair: its
Ed25519 key signs its bundles, its age identity decrypts what the office sends it. Private
keys are generated here and stored only inside the encrypted database.

Both files are small JSON documents signed by the key they carry (proof that the sender holds
it, and a check against damage); the person compares the fingerprint printed on both sides
(read it over the phone) to know the file came from the right place.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from screener.errors import InputError

ENROLLMENT_TYPE = "screener-office-enrollment"
DEVICE_TYPE = "screener-device"
FILE_VERSION = 1
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_MAX_NAME = 80
_DOMAIN = b"screener key file v1\n"


@dataclass(frozen=True)
class KeyPair:
    """Freshly generated private keys: age identity text and raw Ed25519 private bytes."""

    age_identity: str
    signing_key: bytes


@dataclass(frozen=True)
class PublicKeys:
    """What an enrollment or device file says about its sender."""

    kind: str  # "office" or "field"
    device_id: str
    name: str
    age_recipient: str
    signing_key: bytes
    office_id: str | None  # a device file names the office it joined
    #: A device file's root admin public key (hex), pinned by the office when it enrolls
    #: the laptop (services/audit_heads.py); None from a laptop before signed roles.
    root_key: str | None = None

    @property
    def fingerprint(self) -> str:
        """A short code to compare on both sides (e.g. read out over the phone)."""
        return fingerprint(self.signing_key, self.age_recipient)


def generate_keys() -> KeyPair:
    """New age and Ed25519 private keys."""
    identity = pyrage.x25519.Identity.generate()
    signing = Ed25519PrivateKey.generate().private_bytes_raw()
    return KeyPair(age_identity=str(identity), signing_key=signing)


def age_recipient_of(age_identity: str) -> str:
    """The public age recipient (age1...) of an identity."""
    return str(pyrage.x25519.Identity.from_str(age_identity).to_public())


def public_signing_key(signing_key: bytes) -> bytes:
    """The raw Ed25519 public key of a private key."""
    return Ed25519PrivateKey.from_private_bytes(signing_key).public_key().public_bytes_raw()


def sign(signing_key: bytes, message: bytes) -> bytes:
    """An Ed25519 signature."""
    return Ed25519PrivateKey.from_private_bytes(signing_key).sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True if `signature` is `public_key`'s signature of `message`."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(signing_key: bytes, age_recipient: str) -> str:
    """SHA-256 of both public keys, as 4 groups of 4 base32 letters."""
    digest = hashlib.sha256(signing_key + age_recipient.encode("ascii")).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def check_name(name: str) -> str:
    """A device or office name: 1 to 80 printable characters."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > _MAX_NAME or not cleaned.isprintable():
        raise InputError(f"A name must be 1 to {_MAX_NAME} printable characters.")
    return cleaned


def key_file(keys: PublicKeys, signing_key: bytes) -> bytes:
    """The enrollment file (office) or device file (field), signed by `signing_key`."""
    body = {
        "type": ENROLLMENT_TYPE if keys.kind == "office" else DEVICE_TYPE,
        "version": FILE_VERSION,
        "device_id": keys.device_id,
        "name": keys.name,
        "age_recipient": keys.age_recipient,
        "signing_key": base64.b64encode(keys.signing_key).decode("ascii"),
    }
    if keys.office_id is not None:
        body["office_id"] = keys.office_id
    if keys.root_key is not None:
        body["root_key"] = keys.root_key
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    body["signature"] = base64.b64encode(sign(signing_key, _DOMAIN + canonical)).decode("ascii")
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_key_file(data: bytes, expected: str, source: str) -> PublicKeys:
    """Parse and check an enrollment (`expected="office"`) or device (`"field"`) file."""
    want = ENROLLMENT_TYPE if expected == "office" else DEVICE_TYPE
    label = "an office enrollment file" if expected == "office" else "a device file"
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"{source} is not {label} (not JSON).") from None
    if not isinstance(body, dict) or body.get("type") != want:
        raise InputError(f"{source} is not {label}.")
    if body.get("version") != FILE_VERSION:
        raise InputError(f"{source} was written by another version of Screener.")
    allowed = {"type", "version", "device_id", "name", "age_recipient", "signing_key",
               "signature"} | ({"office_id"} if expected == "field" else set())
    if not allowed <= set(body) <= allowed | ({"root_key"} if expected == "field" else set()):
        raise InputError(f"{source} is damaged: it has missing or unknown entries.")
    signature_text = body.pop("signature")
    device_id, name, recipient = body["device_id"], body["name"], body["age_recipient"]
    office_id, root_key = body.get("office_id"), body.get("root_key")
    try:
        public = base64.b64decode(body["signing_key"], validate=True)
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise InputError(f"{source} is damaged: a key is not base64.") from None
    ok_ids = isinstance(device_id, str) and bool(_UUID.fullmatch(device_id)) and (
        office_id is None or (isinstance(office_id, str) and bool(_UUID.fullmatch(office_id))))
    if not ok_ids or not isinstance(name, str) or not isinstance(recipient, str):
        raise InputError(f"{source} is damaged: an id or name is malformed.")
    if not _AGE_RECIPIENT.fullmatch(recipient) or len(public) != 32 or not (
            root_key is None or isinstance(root_key, str) and _HEX_KEY.fullmatch(root_key)):
        raise InputError(f"{source} is damaged: a public key is malformed.")
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if not verify(public, signature, _DOMAIN + canonical):
        raise InputError(f"{source} is damaged or was altered: its signature does not match.")
    return PublicKeys(kind=expected, device_id=device_id, name=check_name(name),
                      age_recipient=recipient, signing_key=public, office_id=office_id,
                      root_key=root_key)
