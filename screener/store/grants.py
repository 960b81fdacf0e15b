"""Signed role grants: a role counts only if an admin's key signed it.

Anyone who can sign in holds the database key and can edit the `users` table, so the role
written there is not trusted on its own. Each account has an Ed25519 key (in its key slot,
opened only by its password, `store/keyslots.py`). Kept in `settings`:

- `signing.root`: the root admin's name and public key, and the audit sequence number up to
  which entries predate signing (`since_seq`), signed by that key. Made when the database
  is created, or by the first admin to sign in after an upgrade (what that trusts:
  docs/SECURITY.md).
- `grant.<user>`: user, role, public key (null until the account first signs in with keys
  of its own), removed or not, and who signed it; signed by the root or by an admin whose
  own grant checks out.
- `key.<user>`: the key an account showed when its grant had none (trust on first use);
  the next admin sign-in signs it into the grant.

A role is what a grant that checks out says, never what `users.role` says.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from screener.domain import Role
from screener.store.account_keys import AccountKeys, verify_signature

ROOT_SETTING = "signing.root"
_GRANT = "grant."
_BOUND = "key."
#: How many admins may stand between the root and a grant (a cycle or a long forged chain
#: is refused rather than followed).
_MAX_DEPTH = 16


@dataclass(frozen=True)
class Root:
    """The root admin key of this database."""

    username: str
    public_key: str
    since_seq: int


@dataclass(frozen=True)
class Grant:
    """A signed role grant (public_key None: bound on the account's first sign-in)."""

    username: str
    role: Role
    public_key: str | None
    disabled: bool
    by: str
    #: Keys the account had before an admin reset its password (its older audit rows are
    #: signed with them).
    former_keys: tuple[str, ...] = ()


class Settings(Protocol):
    """Where grants are kept: the `settings` table (`store.accounts.SettingsRepo`), or the
    copies a bundle carries (`Grants.of_evidence`)."""

    def get(self, key: str) -> str | None: ...

    def with_prefix(self, prefix: str) -> tuple[str, ...]: ...

    def set(self, key: str, value: str) -> None: ...


class _Carried:
    """Grants and the root record as a bundle carried them: read only."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def get(self, key: str) -> str | None:
        return self._values.get(key)

    def with_prefix(self, prefix: str) -> tuple[str, ...]:
        return tuple(sorted(k for k in self._values if k.startswith(prefix)))

    def set(self, key: str, value: str) -> None:
        raise TypeError("grants carried by a bundle are read only")


def _canonical(*parts: object) -> bytes:
    return json.dumps(parts, ensure_ascii=True, separators=(",", ":")).encode("ascii")


class Grants:
    """Reading, signing and checking role grants of one database."""

    def __init__(self, settings: Settings, database_id: str) -> None:
        self._settings = settings
        self._database_id = database_id

    # -- what a bundle carries to the office --------------------------------------------
    def evidence(self, username: str) -> dict[str, object] | None:
        """What the office needs to check that `username`'s key was granted under this
        database's root: the root record, the grants from `username`'s up to the root's
        signature, and the key bound on first use where a grant names none (all as stored,
        signatures included). None before signing began."""
        root = self._settings.get(ROOT_SETTING)
        if root is None:
            return None
        carried = {ROOT_SETTING: root}
        name = username
        for _ in range(_MAX_DEPTH + 1):
            doc = self._load(_GRANT + name)
            if doc is None or _GRANT + name in carried:
                break
            carried[_GRANT + name] = str(self._settings.get(_GRANT + name))
            bound = self._settings.get(_BOUND + name)
            if bound is not None:
                carried[_BOUND + name] = bound
            signer = doc.get("by")
            if not isinstance(signer, str) or signer == name:
                break
            name = signer
        return {"database_id": self._database_id, "settings": carried}

    @classmethod
    def of_evidence(cls, evidence: object) -> Grants | None:
        """The grants a bundle carried (`evidence`), to check them at the office; None if
        they are not shaped like what `evidence` writes."""
        if not isinstance(evidence, dict):
            return None
        database_id, values = evidence.get("database_id"), evidence.get("settings")
        if not isinstance(database_id, str) or not isinstance(values, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in values.items()):
            return None
        return cls(_Carried(values), database_id)

    # -- the root ----------------------------------------------------------------------
    def root(self) -> Root | None:
        """The root key if it exists and its self-signature checks out, else None."""
        doc = self._load(ROOT_SETTING)
        if doc is None:
            return None
        try:
            root = Root(str(doc["username"]), str(doc["public_key"]), int(str(doc["since_seq"])))
            sig = _b64decode(doc["sig"])
        except (KeyError, TypeError, ValueError):
            return None
        ok = verify_signature(root.public_key, sig, self._root_message(root))
        return root if ok else None

    def has_root(self) -> bool:
        """True once signing started (even if the root record was since damaged)."""
        return self._settings.get(ROOT_SETTING) is not None

    def establish_root(self, username: str, account: AccountKeys, since_seq: int) -> Root:
        """Make `username`'s key the root (database creation, or the first admin sign-in
        after an upgrade). Joins the caller's transaction."""
        root = Root(username, account.public_key, since_seq)
        sig = account.sign(self._root_message(root))
        self._settings.set(ROOT_SETTING, json.dumps({
            "username": username, "public_key": root.public_key, "since_seq": since_seq,
            "sig": _b64(sig)}, sort_keys=True))
        return root

    def _root_message(self, root: Root) -> bytes:
        return _canonical("screener-root/v1", self._database_id, root.username,
                          root.public_key, root.since_seq)

    # -- grants ------------------------------------------------------------------------
    def sign(self, signer: str, signer_keys: AccountKeys, grant: Grant) -> None:
        """Store `grant`, signed by `signer` (who must hold a valid admin grant or be the
        root; checked by `check` when the grant is read)."""
        grant = replace(grant, by=signer)
        sig = signer_keys.sign(self._grant_message(grant))
        self._settings.set(_GRANT + grant.username, json.dumps({
            "username": grant.username, "role": grant.role.value,
            "public_key": grant.public_key, "disabled": grant.disabled, "by": signer,
            "former_keys": list(grant.former_keys), "sig": _b64(sig)}, sort_keys=True))

    def check(self, username: str) -> Grant | None:
        """`username`'s grant if its signature chain reaches the root, else None."""
        root = self.root()
        return None if root is None else self._check(root, username, 0)

    def _check(self, root: Root, username: str, depth: int) -> Grant | None:
        doc = self._load(_GRANT + username)
        if doc is None or depth > _MAX_DEPTH:
            return None
        try:
            key = doc["public_key"]
            former = doc["former_keys"]
            if not isinstance(former, list):
                return None
            grant = Grant(str(doc["username"]), Role(str(doc["role"])),
                          None if key is None else str(key), bool(doc["disabled"]),
                          str(doc["by"]), tuple(str(k) for k in former))
            sig = _b64decode(doc["sig"])
        except (KeyError, TypeError, ValueError):
            return None
        if grant.username != username:
            return None
        if grant.by == root.username:
            signer_key: str | None = root.public_key
        else:
            signer = self._check(root, grant.by, depth + 1)
            signer_key = None if signer is None or signer.role is not Role.ADMIN else (
                self.key_of_grant(signer))
        if signer_key is None or not verify_signature(
                signer_key, sig, self._grant_message(grant)):
            return None
        return grant

    def key_of_grant(self, grant: Grant) -> str | None:
        """The public key that speaks for the grant's account (bound on first use if the
        grant names none)."""
        return grant.public_key or self._settings.get(_BOUND + grant.username)

    def keys_of(self, username: str) -> tuple[str, ...]:
        """Every key that may have signed `username`'s audit rows, from a grant that
        checks out (empty if none does)."""
        grant = self.check(username)
        if grant is None:
            return ()
        current = self.key_of_grant(grant)
        return (*([current] if current else []), *grant.former_keys)

    def bind_first_key(self, username: str, public_key: str) -> None:
        """Record the key an account first signs in with, for a grant that names none."""
        self._settings.set(_BOUND + username, public_key)

    def unbound(self) -> tuple[Grant, ...]:
        """Grants (checking out) that name no key but whose account has since bound one:
        the next admin sign-in signs the bound key into them."""
        found = []
        for name in self._grant_names():
            grant = self.check(name)
            if grant is not None and grant.public_key is None and self.key_of_grant(grant):
                found.append(grant)
        return tuple(found)

    def _grant_names(self) -> list[str]:
        rows = self._settings.with_prefix(_GRANT)
        return [key[len(_GRANT):] for key in rows]

    def _grant_message(self, grant: Grant) -> bytes:
        return _canonical("screener-grant/v1", self._database_id, grant.username,
                          grant.role.value, grant.public_key, grant.disabled, grant.by,
                          list(grant.former_keys))

    def _load(self, key: str) -> dict[str, object] | None:
        raw = self._settings.get(key)
        if raw is None:
            return None
        try:
            doc = json.loads(raw)
        except ValueError:
            return None
        return doc if isinstance(doc, dict) else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64decode(value: object) -> bytes:
    try:
        return base64.b64decode(str(value), validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
