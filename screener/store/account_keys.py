"""An account's own keys: an Ed25519 seed it signs role grants and audit rows with
(`store/grants.py`, `store/audit.py`), and an age identity the database key is sealed to.

They are kept wrapped in the account's key slot (`store/keyslots.py`), so only the
account's password opens them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

SEED_BYTES = 32


@dataclass(frozen=True)
class AccountKeys:
    """One account's secret keys: an Ed25519 signing seed and an age X25519 identity."""

    seed: bytes
    identity: str

    @classmethod
    def new(cls) -> AccountKeys:
        """Fresh keys for a new account (or an admin's password reset)."""
        import pyrage  # (start-up time)

        return cls(seed=os.urandom(SEED_BYTES), identity=str(pyrage.x25519.Identity.generate()))

    @property
    def public_key(self) -> str:
        """The Ed25519 public key (hex) that checks this account's signatures."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed).public_key().public_bytes_raw().hex()

    @property
    def recipient(self) -> str:
        """The age recipient the database key is sealed to."""
        import pyrage

        return str(pyrage.x25519.Identity.from_str(self.identity).to_public())

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of `data` by this account."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(data)

    def open_sealed(self, sealed: bytes) -> bytes:
        """The database key sealed to this account (age decryption)."""
        import pyrage

        return bytes(pyrage.decrypt(sealed, [pyrage.x25519.Identity.from_str(self.identity)]))

    def to_bytes(self) -> bytes:
        """The secret form wrapped in a slot."""
        return self.seed + self.identity.encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> AccountKeys:
        """The inverse of `to_bytes`."""
        return cls(seed=data[:SEED_BYTES], identity=data[SEED_BYTES:].decode("ascii"))


def verify_signature(public_key: str, signature: bytes, data: bytes) -> bool:
    """True if `signature` is `public_key`'s Ed25519 signature of `data`."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def seal_key(db_key: bytes | bytearray, recipient: str) -> bytes:
    """`db_key` encrypted to an account's age recipient (anyone may seal, only it may open)."""
    import pyrage

    return bytes(pyrage.encrypt(bytes(db_key), [pyrage.x25519.Recipient.from_str(recipient)]))
