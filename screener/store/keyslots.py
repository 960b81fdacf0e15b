"""Key slots: one random database key, sealed once per staff account.

(`cryptography` and `pyrage` are imported where a key is derived or wrapped, not with this
module: the desktop app imports this module before its first window and needs a key only on
sign-in.)

The database is encrypted with a random 256-bit key. Each staff account has its own secret
keys (`store/account_keys.py`): an Ed25519 signing key (role grants and audit entries are signed with
it, see `store/grants.py`) and an age X25519 identity. A slot holds

- the account keys, wrapped with AES-256-GCM under a key derived (scrypt) from the person's
  password, and
- the database key sealed to the account's age recipient (public), so an admin can re-seal a
  NEW database key to every account without knowing their passwords (`screener db rekey`).

The slots live in a small JSON keys file next to the database (`screener.db.keys`). Adding a
person or changing a password rewrites one slot and never re-encrypts the database; removing
a person removes their slot, and the keys file keeps no backup copy of a removed or replaced
slot (a stale copy would still unwrap the key).

Slots written before version 2 ("legacy") wrap the database key itself and have no account
keys; signing in with one rewrites it as a version-2 slot (`open_session`).

What the keys file does NOT hold: roles. The AES-GCM associated data binds each slot to its
user name and to the database id, so a slot copied under another user's name (to sign in as
that person) or into another database's keys file does not unwrap.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from screener.errors import FileWriteError, InputError, KeysFileError, WrongPassword
from screener.store.account_keys import SEED_BYTES, AccountKeys, seal_key
from screener.store.atomic import atomic_write, fsync_dir, reason

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
FORMAT = "screener-keys"
FORMAT_VERSION = 2
#: Keys files this version reads (version 1: legacy slots only).
_READABLE_VERSIONS = (1, 2)
_AAD_PREFIX = b"screener-keyslot/v1"
_AAD_PREFIX_V2 = b"screener-keyslot/v2"
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{0,31}")

#: The least scrypt cost for real accounts: 64 MiB of memory, two lanes (about 0.3 s on the
#: reference laptop; n=2^16 alone was 0.18 s, n=2^17 0.54 s). A new slot takes more lanes
#: (p) on a faster machine, so that one guess costs about `TARGET_KDF_SECONDS` there
#: (KeePassXC calibrates the same way); the slot records what it used.
DEFAULT_SCRYPT = (2**16, 8, 2)
#: What one derivation should cost on the machine that makes the slot: inside the 0.3–0.6 s
#: wanted for unlocking, with room either side for a busy or a faster machine.
TARGET_KDF_SECONDS = 0.45
#: Cheap parameters for the test suite only (`SCREENER_KDF_FAST=1`).
FAST_SCRYPT = (2**10, 8, 1)
#: Bounds accepted from a keys file, so a tampered file cannot ask for 100 GB of memory.
_MAX_LOG_N, _MAX_R, _MAX_P = 22, 32, 16

WRONG_CREDENTIALS = "Unknown user name or wrong password."


def fast_kdf_requested() -> bool:
    """True when the test suite's cheap key derivation is asked for (`SCREENER_KDF_FAST=1`)
    and may be used: never in the installed (frozen) app. The services also refuse it with
    the real data folder (`services.session`)."""
    installed = bool(getattr(sys, "frozen", False) or getattr(sys, "_MEIPASS", None))
    return os.environ.get("SCREENER_KDF_FAST") == "1" and not installed


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters and salt of one slot (stored in the slot, so each can differ)."""

    n: int
    r: int
    p: int
    salt: bytes

    @classmethod
    def new(cls) -> KdfParams:
        """Fresh parameters for a new slot: the calibrated cost, or cheap ones under tests."""
        if fast_kdf_requested():
            n, r, p = FAST_SCRYPT
        else:
            n, r, p = calibrated_scrypt()
        return cls(n=n, r=r, p=p, salt=os.urandom(SALT_BYTES))

    def derive(self, password: str) -> bytes:
        """The key-encryption key for `password` (normalized to NFC, UTF-8)."""
        secret = unicodedata.normalize("NFC", password).encode("utf-8")
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # (start-up time)

        kdf = Scrypt(salt=self.salt, length=KEY_BYTES, n=self.n, r=self.r, p=self.p)
        return kdf.derive(secret)

    @property
    def weak(self) -> bool:
        """True if cheaper than a real account's least cost (a test-only slot)."""
        n, r, p = DEFAULT_SCRYPT
        return self.n < n or self.r < r or self.p < p


@dataclass(frozen=True)
class KeySlot:
    """One user's way in: the account keys wrapped by the password, the database key sealed
    to the account (`sealed_key`). A legacy slot (`sealed_key` None) wraps the database key
    itself in `wrapped_key`."""

    username: str
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes
    sealed_key: bytes | None = None
    public_key: str = ""
    recipient: str = ""
    #: During `screener db rekey`: the NEW database key sealed to the account (the file is
    #: written before the database is swapped, so a crash leaves a key for either file).
    next_sealed_key: bytes | None = None

    @property
    def legacy(self) -> bool:
        """True for a slot written before version 2 (no account keys)."""
        return self.sealed_key is None

    def with_next(self, db_key: bytes | bytearray | None) -> KeySlot:
        """This slot with `db_key` sealed as the next key (None: without a next key)."""
        if self.legacy:
            raise ValueError("a legacy slot cannot be resealed")
        sealed = None if db_key is None else seal_key(db_key, self.recipient)
        return replace(self, next_sealed_key=sealed)

    def promoted(self) -> KeySlot:
        """This slot with its next key made current (the rekeyed database is in place)."""
        if self.next_sealed_key is None:
            return self
        return replace(self, sealed_key=self.next_sealed_key, next_sealed_key=None)


@dataclass(frozen=True)
class Unlocked:
    """What a password opens: the database key and, for a version-2 slot, the account keys."""

    key: bytearray
    account: AccountKeys | None
    #: The key of the rekeyed database while a rekey is unfinished, else None.
    next_key: bytearray | None = None


@dataclass(frozen=True)
class KeysFile:
    """The parsed keys file: which database it belongs to and its slots."""

    database_id: str
    slots: tuple[KeySlot, ...]

    def slot(self, username: str) -> KeySlot | None:
        """The slot of `username`, or None."""
        return next((s for s in self.slots if s.username == username), None)

    def with_slot(self, slot: KeySlot) -> KeysFile:
        """A copy with `slot` added, replacing any slot of the same user."""
        others = tuple(s for s in self.slots if s.username != slot.username)
        return replace(self, slots=(*others, slot))

    def without_slot(self, username: str) -> KeysFile:
        """A copy without the slot of `username`."""
        return replace(self, slots=tuple(s for s in self.slots if s.username != username))

    def to_bytes(self) -> bytes:
        """The JSON form written to disk."""
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "database_id": self.database_id,
            "slots": [_slot_to_json(s) for s in self.slots],
        }
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("ascii")


def keys_path_for(db_path: Path) -> Path:
    """The keys file that belongs to the database at `db_path`."""
    return db_path.with_name(db_path.name + ".keys")


def backup_path_for(keys_path: Path) -> Path:
    """Where versions before this one kept the previous keys file (removed on every save:
    it held removed and replaced slots)."""
    return keys_path.with_name(keys_path.name + ".bak")


def check_username(username: str) -> str:
    """The user name, lower-cased, or InputError saying what a user name may contain."""
    name = username.strip().lower()
    if not _USERNAME.fullmatch(name):
        raise InputError(
            "A user name is 1 to 32 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter."
        )
    return name


def new_database_key() -> bytearray:
    """A fresh random 256-bit database key."""
    return bytearray(os.urandom(KEY_BYTES))


def _aad(database_id: str, username: str, prefix: bytes = _AAD_PREFIX_V2) -> bytes:
    return b"\0".join((prefix, database_id.encode("ascii"), username.encode("utf-8")))


def wrap_key(
    db_key: bytes | bytearray,
    username: str,
    password: str,
    database_id: str,
    kdf: KdfParams | None = None,
    account: AccountKeys | None = None,
) -> KeySlot:
    """A new slot for `username`: `account` (new keys if None) wrapped under `password`,
    and `db_key` sealed to the account."""
    params = kdf or KdfParams.new()
    keys = account or AccountKeys.new()
    nonce = os.urandom(NONCE_BYTES)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # (start-up time)

    wrapped = AESGCM(params.derive(password)).encrypt(
        nonce, keys.to_bytes(), _aad(database_id, username)
    )
    recipient = keys.recipient
    return KeySlot(username=username, kdf=params, nonce=nonce, wrapped_key=wrapped,
                   sealed_key=seal_key(db_key, recipient), public_key=keys.public_key,
                   recipient=recipient)


def unlock_slot(keys: KeysFile, username: str, password: str) -> Unlocked:
    """The database key (and account keys) from `username`'s slot; WrongPassword if the
    password does not open it."""
    slot = keys.slot(username)
    if slot is None:
        # Spend the same time as a real attempt, so timing does not reveal who has an account.
        KdfParams.new().derive(password)
        raise WrongPassword(WRONG_CREDENTIALS)
    from cryptography.exceptions import InvalidTag  # (start-up time)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    prefix = _AAD_PREFIX if slot.legacy else _AAD_PREFIX_V2
    try:
        secret = AESGCM(slot.kdf.derive(password)).decrypt(
            slot.nonce, slot.wrapped_key, _aad(keys.database_id, username, prefix)
        )
    except InvalidTag:
        raise WrongPassword(WRONG_CREDENTIALS) from None
    if slot.sealed_key is None:
        account, key = None, secret
    else:
        try:
            account = AccountKeys.from_bytes(secret)
            key = account.open_sealed(slot.sealed_key)
        except Exception:  # noqa: BLE001 - pyrage raises its own types; all mean "damaged"
            raise WrongPassword(WRONG_CREDENTIALS) from None
        if account.public_key != slot.public_key or account.recipient != slot.recipient:
            raise WrongPassword(WRONG_CREDENTIALS)
    if len(key) != KEY_BYTES:
        raise WrongPassword(WRONG_CREDENTIALS)
    next_key = None
    if account is not None and slot.next_sealed_key is not None:
        try:
            next_key = bytearray(account.open_sealed(slot.next_sealed_key))
        except Exception:  # noqa: BLE001 - a damaged next key: the current one still opens
            next_key = None
    return Unlocked(bytearray(key), account, next_key)


def unwrap_key(keys: KeysFile, username: str, password: str) -> bytearray:
    """The database key from `username`'s slot; WrongPassword if it does not unwrap."""
    return unlock_slot(keys, username, password).key


def load_keys_file(path: Path) -> KeysFile:
    """Read and validate the keys file; KeysFileError names the file and the problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeysFileError(
            f"The keys file {path} is missing: it holds the keys that unlock the database. "
            "Restore it from the same backup as the database."
        ) from None
    except OSError as exc:
        raise KeysFileError(f"The keys file {path} cannot be read: {exc.strerror}.") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
        return _parse(doc)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeysFileError(f"The keys file {path} is damaged: it is not valid JSON.") from None
    except _Malformed as exc:
        raise KeysFileError(f"The keys file {path} is damaged: {exc}.") from None


def save_keys_file(path: Path, keys: KeysFile) -> None:
    """Replace the keys file atomically and durably. No copy of the previous version is
    kept (it would keep removed and replaced slots), and the backup earlier versions kept
    is removed once the new file is on disk."""
    atomic_write(path, keys.to_bytes())
    backup = backup_path_for(path)
    if backup.exists():
        try:
            backup.unlink()
            fsync_dir(path.parent)
        except OSError as exc:
            raise FileWriteError(f"{backup} holds old key slots and could not be removed: "
                                 f"{reason(exc)}. Remove it by hand.", replaced=True) from None


@functools.cache
def calibrated_scrypt() -> tuple[int, int, int]:
    """DEFAULT_SCRYPT with as many lanes as make one derivation here cost about
    `TARGET_KDF_SECONDS` (measured once per process; never fewer than the default's)."""
    n, r, p = DEFAULT_SCRYPT
    one = KdfParams(n=n, r=r, p=1, salt=os.urandom(SALT_BYTES))
    one_lane = min(measure_kdf_seconds(one) for _ in range(2))  # the quicker: less noise
    lanes = math.ceil(TARGET_KDF_SECONDS / max(one_lane, 1e-3) - 0.25)
    return n, r, min(max(p, lanes), _MAX_P)


def measure_kdf_seconds(params: KdfParams | None = None) -> float:
    """Seconds one key derivation takes here with `params` (default: a new slot's cost)."""
    if params is None:
        n, r, p = calibrated_scrypt()
        params = KdfParams(n=n, r=r, p=p, salt=os.urandom(SALT_BYTES))
    start = time.perf_counter()
    params.derive("calibration password")
    return time.perf_counter() - start


class _Malformed(Exception):
    """Internal: what is wrong in a keys file's structure."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _slot_to_json(slot: KeySlot) -> dict[str, object]:
    doc: dict[str, object] = {
        "username": slot.username,
        "kdf": {"name": "scrypt", "n": slot.kdf.n, "r": slot.kdf.r, "p": slot.kdf.p,
                "salt": _b64(slot.kdf.salt)},
        "nonce": _b64(slot.nonce),
    }
    if slot.sealed_key is None:
        doc["wrapped_key"] = _b64(slot.wrapped_key)
    else:
        doc.update(wrapped_account=_b64(slot.wrapped_key), sealed_key=_b64(slot.sealed_key),
                   public_key=slot.public_key, recipient=slot.recipient)
        if slot.next_sealed_key is not None:
            doc["next_sealed_key"] = _b64(slot.next_sealed_key)
    return doc


def _get(doc: Mapping[str, object], key: str, kind: type, where: str) -> object:
    value = doc.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Malformed(f"{where}: '{key}' is missing or not a {kind.__name__}")
    return value


def _bytes(doc: Mapping[str, object], key: str, where: str, min_len: int) -> bytes:
    text = _get(doc, key, str, where)
    try:
        data = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise _Malformed(f"{where}: '{key}' is not base64") from None
    if len(data) < min_len:
        raise _Malformed(f"{where}: '{key}' is too short")
    return data


def _parse(doc: object) -> KeysFile:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _Malformed("it is not a Screener keys file")
    version = _get(doc, "version", int, "file")
    if version not in _READABLE_VERSIONS:
        raise _Malformed(f"format version {version} is not supported by this Screener")
    database_id = str(_get(doc, "database_id", str, "file"))
    raw_slots = _get(doc, "slots", list, "file")
    assert isinstance(raw_slots, list)
    slots: list[KeySlot] = []
    for i, item in enumerate(raw_slots, start=1):
        where = f"slot {i}"
        if not isinstance(item, dict):
            raise _Malformed(f"{where} is not an object")
        kdf = _get(item, "kdf", dict, where)
        assert isinstance(kdf, dict)
        username = str(_get(item, "username", str, where))
        kdf_params = _parse_kdf(kdf, where)
        nonce = _bytes(item, "nonce", where, NONCE_BYTES)
        if "sealed_key" not in item:
            slots.append(KeySlot(username, kdf_params, nonce,
                                 _bytes(item, "wrapped_key", where, KEY_BYTES + 16)))
            continue
        slots.append(KeySlot(
            username, kdf_params, nonce,
            wrapped_key=_bytes(item, "wrapped_account", where, SEED_BYTES + 16),
            sealed_key=_bytes(item, "sealed_key", where, KEY_BYTES),
            public_key=str(_get(item, "public_key", str, where)),
            recipient=str(_get(item, "recipient", str, where)),
            next_sealed_key=(_bytes(item, "next_sealed_key", where, KEY_BYTES)
                             if "next_sealed_key" in item else None),
        ))
    names = [s.username for s in slots]
    if len(set(names)) != len(names):
        raise _Malformed("two slots have the same user name")
    return KeysFile(database_id=database_id, slots=tuple(slots))


def _parse_kdf(kdf: Mapping[str, object], where: str) -> KdfParams:
    if kdf.get("name") != "scrypt":
        raise _Malformed(f"{where}: unknown key derivation {kdf.get('name')!r}")
    n, r, p = (int(str(_get(kdf, k, int, where))) for k in ("n", "r", "p"))
    if n < 2 or n & (n - 1) or n > 2**_MAX_LOG_N or not 1 <= r <= _MAX_R or not 1 <= p <= _MAX_P:
        raise _Malformed(f"{where}: scrypt parameters out of range")
    return KdfParams(n=n, r=r, p=p, salt=_bytes(kdf, "salt", where, SALT_BYTES))
