"""The `.screener-bundle` file: writing it (streamed, atomic) and reading it (two passes).

Byte layout: the whole file is one standard age v1 file (X25519 recipient: the office for
field bundles, the device for office bundles), so `age -d -i office.key FILE | tar -x`
unpacks it. Its plaintext is a ustar archive of, in this order:

    changes/000001.jsonl ...   changes.jsonl in pieces of at most 1 MiB (whole lines)
    manifest.json              counts, sequence range, SHA-256 and size of changes.jsonl
    signature.json             {"algorithm": "Ed25519", "signer": <device id>,
                                "signature": base64 Ed25519 over
                                b"screener-bundle signature v1\\n" + manifest.json bytes}

The signature is inside the encryption, so a bundle does not reveal which device wrote it.
Reading makes two streaming passes and never writes plaintext anywhere:
1. `verify_bundle`: decrypt, hash changes.jsonl, parse the manifest, check the signature
   against the enrolled signer's key and the hash against the manifest. Nothing is imported
   before this has passed.
2. `read_records`: decrypt again and hand each line to the importer; the hash is checked
   again at the end, so a file swapped between the passes is caught before commit.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import pyrage

from screener.errors import BundleError, FileWriteError
from screener.store.atomic import atomic_output
from screener.sync.container import (
    CHUNK_BYTES,
    END_OF_ARCHIVE,
    StreamReader,
    TarPushReader,
    chunk_name,
    member,
)
from screener.sync.keys import sign, verify
from screener.sync.manifest import Manifest, parse_manifest

SUFFIX = ".screener-bundle"
SIGNATURE_DOMAIN = b"screener-bundle signature v1\n"
_MAX_SMALL_MEMBER = 64 << 10

#: Called with (bytes done, bytes total) while a bundle file is read or written.
OnBytes = Callable[[int, int | None], None]


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature and payload hash checked out (pass 1)."""

    manifest: Manifest
    manifest_bytes: bytes
    signer: str


def write_bundle(
    path: Path,
    manifest: Manifest,
    lines: Iterable[tuple[str, bytes]],
    recipient: str,
    signing_key: bytes,
    mtime: int,
    on_bytes: OnBytes | None = None,
) -> Manifest:
    """Write a bundle of `lines` ((record type, changes.jsonl lines) pairs: one line or
    several consecutive ones, each ending in a newline) to `path`.

    `manifest` gives everything but the counts, chunks, size and hash, which are taken from
    the lines as they stream by. Encrypted as it streams, into a temporary file in the same
    folder that is fsynced and renamed over `path`; on failure nothing is left behind.
    """
    state: dict[str, Manifest] = {}
    pieces = _plaintext(manifest, lines, signing_key, mtime, state, on_bytes)
    reader = StreamReader(pieces)
    try:
        recipient_key = pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError:
        raise BundleError("The recipient's public key is malformed.") from None
    with _unconfirmed_removed(path), atomic_output(path) as out:
        sink = _RecordingWriter(out)
        try:
            pyrage.encrypt_io(reader, sink, [recipient_key])
        except pyrage.EncryptError:
            # pyrage hides what failed behind EncryptError: reading our records, or writing
            # the file (a full disk becomes FileWriteError in atomic_output).
            for error in (reader.error, sink.error):
                if error is not None:
                    raise error from None
            raise BundleError("The bundle could not be encrypted. Nothing was exported.") from None
    return state["manifest"]


@contextlib.contextmanager
def _unconfirmed_removed(path: Path) -> Iterator[None]:
    """A bundle the disk did not confirm is removed: the export is reported as failed."""
    try:
        yield
    except FileWriteError as exc:
        if exc.replaced:
            path.unlink(missing_ok=True)
        raise


class _RecordingWriter(io.RawIOBase):
    """The bundle file as pyrage writes it, keeping the OSError pyrage would wrap."""

    def __init__(self, out: BinaryIO) -> None:
        super().__init__()
        self._out = out
        self.error: BaseException | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        try:
            return self._out.write(data)
        except BaseException as exc:
            self.error = exc
            raise


def _plaintext(
    manifest: Manifest, lines: Iterable[tuple[str, bytes]], signing_key: bytes, mtime: int,
    state: dict[str, Manifest], on_bytes: OnBytes | None,
) -> Iterator[bytes]:
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    chunk = bytearray()
    chunks = size = 0
    for kind, block in lines:
        counts[kind] = counts.get(kind, 0) + block.count(b"\n")
        digest.update(block)
        size += len(block)
        while len(chunk) + len(block) > CHUNK_BYTES:
            # Fill the chunk with the block's whole lines that fit (a line longer than a
            # chunk is a chunk of its own), and write it.
            cut = block.rfind(b"\n", 0, CHUNK_BYTES - len(chunk)) + 1
            if not cut and not chunk:
                cut = block.find(b"\n") + 1 or len(block)
            chunk += block[:cut]
            block = block[cut:]
            chunks += 1
            yield member(chunk_name(chunks), bytes(chunk), mtime)
            chunk.clear()
            if on_bytes is not None:
                on_bytes(size - len(block), None)
        chunk += block
    if chunk:
        chunks += 1
        yield member(chunk_name(chunks), bytes(chunk), mtime)
    final = replace(manifest, counts=tuple(sorted(counts.items())), chunks=chunks,
                    payload_bytes=size, payload_sha256=digest.hexdigest())
    manifest_bytes = final.to_bytes()
    signature = {
        "algorithm": "Ed25519",
        "signer": final.device_id,
        "signature": base64.b64encode(
            sign(signing_key, SIGNATURE_DOMAIN + manifest_bytes)).decode("ascii"),
    }
    yield member("manifest.json", manifest_bytes, mtime)
    yield member("signature.json", (json.dumps(signature, indent=2) + "\n").encode(), mtime)
    yield END_OF_ARCHIVE
    state["manifest"] = final
    if on_bytes is not None:
        on_bytes(size, size)


class _Members:
    """Checks member order and collects the small members; streams changes.jsonl lines."""

    def __init__(self, on_lines: Callable[[int, list[bytes]], None] | None) -> None:
        self.on_lines = on_lines
        self.digest = hashlib.sha256()
        self.payload_bytes = 0
        self.lines = 0
        self.chunks = 0
        self.small: dict[str, bytearray] = {}
        self._current = ""
        self._partial = bytearray()
        self._cut = False  # pass 1: the changes so far end inside a line
        self.reader = TarPushReader(self._start, self._data, self._end)

    def _start(self, name: str, size: int) -> None:
        if "signature.json" in self.small:
            raise BundleError("The bundle's archive has files after its signature.")
        if name == chunk_name(self.chunks + 1) and "manifest.json" not in self.small:
            self.chunks += 1
        elif name == "manifest.json" and not self.small:
            pass
        elif name == "signature.json" and "manifest.json" in self.small:
            pass
        else:
            raise BundleError("The bundle's archive holds an unexpected file or is out of order.")
        if name in ("manifest.json", "signature.json"):
            if size > _MAX_SMALL_MEMBER:
                raise BundleError(f"The bundle's {name} is too large.")
            self.small[name] = bytearray()
        self._current = name

    def _data(self, piece: bytes) -> None:
        if self._current in self.small:
            self.small[self._current] += piece
            return
        self.digest.update(piece)
        self.payload_bytes += len(piece)
        if self.on_lines is None:  # pass 1 only counts the lines (and checks none is cut)
            self.lines += piece.count(b"\n")
            self._cut = not piece.endswith(b"\n")
            return
        self._partial += piece
        if b"\n" not in piece:
            return
        complete = bytes(self._partial).split(b"\n")
        self._partial = bytearray(complete.pop())
        if self.on_lines is not None:
            self.on_lines(self.lines + 1, complete)
        self.lines += len(complete)

    def _end(self) -> None:
        if self._current.startswith("changes/") and (self._partial or self._cut):
            raise BundleError("The bundle's changes.jsonl has a line cut in two.")


class _CountingReader(io.RawIOBase):
    def __init__(self, handle: io.BufferedReader, total: int, on_bytes: OnBytes | None) -> None:
        super().__init__()
        self._handle, self._total, self._on_bytes = handle, total, on_bytes
        self._done = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size if size and size > 0 else CHUNK_BYTES)
        self._done += len(data)
        if self._on_bytes is not None:
            try:
                self._on_bytes(self._done, self._total)
            except BaseException as exc:
                self.error = exc
                raise
        return data


def _decrypt(path: Path, age_identity: str, members: _Members, on_bytes: OnBytes | None) -> None:
    identity = pyrage.x25519.Identity.from_str(age_identity)
    try:
        total = path.stat().st_size
        with path.open("rb") as handle:
            reader = _CountingReader(handle, total, on_bytes)
            try:
                pyrage.decrypt_io(reader, members.reader, [identity])
            except (pyrage.DecryptError, OSError) as exc:
                if reader.error is not None:
                    raise reader.error from None
                raise _decrypt_error(path, exc) from None
    except FileNotFoundError:
        raise BundleError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise BundleError(f"{path} is a folder, not a bundle.") from None
    members.reader.close()


def _decrypt_error(path: Path, exc: BaseException) -> BundleError:
    text = str(exc)
    if "No matching keys" in text:
        return BundleError(
            f"{path.name} is not for this installation: it is encrypted for another office "
            "(or device), or its header is damaged. Nothing was imported."
        )
    if isinstance(exc, pyrage.DecryptError):
        return BundleError(f"{path.name} is not a Screener bundle, or it is damaged. "
                           "Nothing was imported.")
    return BundleError(
        f"{path.name} is damaged or incomplete (cut short, or changed after it was written). "
        "Nothing was imported."
    )


def verify_bundle(
    path: Path,
    age_identity: str,
    signer_key: Callable[[str], bytes],
    schema_version: int,
    on_bytes: OnBytes | None = None,
) -> VerifiedBundle:
    """Pass 1: decrypt, check the manifest, the signature and the payload hash.

    `signer_key(device_id)` returns the enrolled public key or raises BundleError (unknown
    or revoked device).
    """
    members = _Members(None)
    _decrypt(path, age_identity, members, on_bytes)
    if "signature.json" not in members.small:
        raise BundleError(f"{path.name} has no signature: it is not a complete bundle.")
    manifest_bytes = bytes(members.small["manifest.json"])
    signer, signature = _parse_signature(bytes(members.small["signature.json"]))
    public = signer_key(signer)
    if not verify(public, signature, SIGNATURE_DOMAIN + manifest_bytes):
        raise BundleError(
            f"{path.name} has a signature that does not match device {signer}'s key: it was "
            "altered or forged. Nothing was imported."
        )
    manifest = parse_manifest(manifest_bytes, schema_version)
    if manifest.device_id != signer:
        raise BundleError(f"{path.name} was signed by another device than the one it names.")
    if (members.digest.hexdigest() != manifest.payload_sha256
            or members.payload_bytes != manifest.payload_bytes
            or members.chunks != manifest.chunks or members.lines != manifest.total):
        raise BundleError(f"{path.name}'s changes do not match its signed manifest.")
    return VerifiedBundle(manifest=manifest, manifest_bytes=manifest_bytes, signer=signer)


def _parse_signature(data: bytes) -> tuple[str, bytes]:
    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("algorithm") != "Ed25519":
            raise ValueError("algorithm")
        signer = body["signer"]
        signature = base64.b64decode(body["signature"], validate=True)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error,
            RecursionError):
        raise BundleError("The bundle's signature.json is damaged.") from None
    if not isinstance(signer, str) or len(signer) != 36 or len(signature) != 64:
        raise BundleError("The bundle's signature.json is damaged.")
    return signer, signature


def read_records(
    path: Path,
    age_identity: str,
    verified: VerifiedBundle,
    on_line: Callable[[int, bytes], None] | None,
    on_bytes: OnBytes | None = None,
    *,
    on_lines: Callable[[int, list[bytes]], None] | None = None,
) -> None:
    """Pass 2: decrypt again and call `on_line(number, line)` for each changes.jsonl line
    (or `on_lines(first number, lines)` for each run of consecutive lines).

    Raises BundleError if the file is no longer the one `verify_bundle` checked.
    """
    if on_lines is None:
        assert on_line is not None, "read_records needs on_line or on_lines"
        each = on_line

        def on_lines(first: int, lines: list[bytes]) -> None:
            for number, line in enumerate(lines, first):
                each(number, line)

    members = _Members(on_lines)
    _decrypt(path, age_identity, members, on_bytes)
    if (bytes(members.small.get("manifest.json", b"")) != verified.manifest_bytes
            or members.digest.hexdigest() != verified.manifest.payload_sha256):
        raise BundleError(f"{path.name} changed while it was being imported. Nothing was imported.")
