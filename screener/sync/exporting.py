"""Writing bundles: a field device's changes for the office, or the office's forms/rules
and selected clients for one field device.

The rows are read inside one read transaction (a consistent snapshot while the app keeps
saving on other threads) and streamed straight into the encrypted file.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import screener
from screener import paths
from screener.errors import BundleError
from screener.store.atomic import reason
from screener.store.db import Database
from screener.store.migrations import latest_version
from screener.store.sqlite import Connection
from screener.store.stamps import current_seq, timestamp
from screener.store.sync_changes import change_blocks, changes_since, rows_of_clients
from screener.store.sync_records import (
    SYNCED_TABLES,
    DocumentRecord,
    Peer,
    RecordType,
    SyncIdentity,
)
from screener.sync.bundle import OnBytes, write_bundle
from screener.sync.manifest import FIELD_TO_OFFICE, OFFICE_TO_FIELD, Manifest, Versions
from screener.sync.wire import (
    JSON_FIELDS,
    SQL_ENCODED,
    ascii_line,
    encode_document,
    encode_record,
)


@dataclass(frozen=True)
class ExportResult:
    """A bundle that was written."""

    path: Path
    manifest: Manifest


_TOP_LEVEL = re.compile(r"^(id|version):[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def yaml_versions(folder: Path) -> Versions:
    """{id: version} of the YAML files directly in `folder`, from their top-level `id:` and
    `version:` lines (a full YAML parse of every form costs a tenth of a second)."""
    found: dict[str, str] = {}
    if folder.is_dir():
        for path in _yaml_files(folder, "*.yaml"):
            try:
                text = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            keys: dict[str, str] = {}
            for key, value in _TOP_LEVEL.findall(text):
                keys.setdefault(key, value[:99])
            if "id" in keys and "version" in keys:
                found[keys["id"]] = keys["version"]
    return tuple(sorted(found.items()))


def yaml_documents(kind: str, folder: Path) -> tuple[DocumentRecord, ...]:
    """Every YAML file under `folder` (forms and their instruments, or rules and tests)."""
    docs = []
    if folder.is_dir():
        for path in _yaml_files(folder, "**/*.yaml"):
            try:
                text = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                why = reason(exc) if isinstance(exc, OSError) else "it is not UTF-8 text"
                raise BundleError(f"{path} cannot be read: {why}. Nothing was exported.") from None
            relative = path.relative_to(folder).as_posix()
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            docs.append(DocumentRecord(kind=kind, path=relative, sha256=digest, text=text))
    return tuple(docs)


def _yaml_files(folder: Path, pattern: str) -> list[Path]:
    """The YAML files of a forms or rules folder; BundleError if it cannot be listed."""
    try:
        return sorted(folder.glob(pattern))
    except OSError as exc:
        raise BundleError(f"The folder {folder} cannot be read: {reason(exc)}. "
                          "Nothing was exported.") from None


def _manifest(identity: SyncIdentity, kind: str, recipient: str, now: datetime, since: int,
              until: int, full: bool, audit: tuple[tuple[int, str], ...] = (),
              signing: str = "") -> Manifest:
    return Manifest(
        bundle_id=str(uuid.uuid4()), kind=kind, device_id=identity.device_id,
        device_name=identity.name, recipient_id=recipient, created_at=timestamp(now),
        app_version=screener.__version__, schema_version=latest_version(),
        forms=yaml_versions(paths.forms_dir()), rules=yaml_versions(paths.rules_dir()),
        counts=(), since_seq=since, until_seq=until, full=full, chunks=0, payload_bytes=0,
        payload_sha256="", audit=audit, signing=signing,
    )


#: How many characters of lines `_since` hands on at once.
_BLOCK_CHARS = 64 << 10


def _since(conn: Connection, since: int, until: int) -> Iterator[tuple[str, bytes]]:
    """Every change after `since` up to `until` as (record type, lines), table by table.

    SQLite writes the lines of most tables itself (about 5x quicker than Python records),
    and they go on in blocks of about 64 KiB of whole lines (no Python step per line).
    """
    for kind in SYNCED_TABLES:
        name = kind.value
        if kind in SQL_ENCODED:
            for block in change_blocks(conn, kind, since, until, JSON_FIELDS, _BLOCK_CHARS):
                yield name, ascii_line("\n".join(block))
        else:
            for record in changes_since(conn, kind, since, until):
                yield name, encode_record(kind, record)


def _snapshot(db: Database) -> Connection:
    conn = db.conn
    conn.execute("BEGIN DEFERRED")
    return conn


def _end_snapshot(conn: Connection) -> None:
    if conn.in_transaction:
        conn.execute("COMMIT")


def export_changes(db: Database, path: Path, identity: SyncIdentity, office: Peer, since: int,
                   now: datetime, on_bytes: OnBytes | None = None,
                   audit: tuple[tuple[int, str], ...] = (), signing: str = "") -> ExportResult:
    """Write every change after `since` (0: everything) to a bundle for the office, with
    the audit checkpoints `audit` and the root's proof `signing` in its manifest."""
    conn = _snapshot(db)
    try:
        until = current_seq(conn)
        manifest = _manifest(identity, FIELD_TO_OFFICE, office.device_id, now, since, until,
                             since == 0, audit, signing)
        written = write_bundle(path, manifest, _since(conn, since, until),
                               office.age_recipient, identity.signing_key,
                               int(now.timestamp()), on_bytes)
    finally:
        _end_snapshot(conn)
    return ExportResult(path=path, manifest=written)


def export_for_device(db: Database, path: Path, identity: SyncIdentity, device: Peer,
                      client_ids: Sequence[str], documents: Sequence[DocumentRecord],
                      now: datetime, on_bytes: OnBytes | None = None) -> ExportResult:
    """Write forms/rules files and every record of the chosen clients for one field device."""

    def rows(conn: Connection) -> Iterator[tuple[str, bytes]]:
        for doc in documents:
            yield RecordType.DOCUMENT.value, encode_document(doc)
        for kind in SYNCED_TABLES:
            for record in rows_of_clients(conn, kind, client_ids):
                yield kind.value, encode_record(kind, record)

    conn = _snapshot(db)
    try:
        until = current_seq(conn)
        manifest = _manifest(identity, OFFICE_TO_FIELD, device.device_id, now, 0, until, False)
        written = write_bundle(path, manifest, rows(conn), device.age_recipient,
                               identity.signing_key, int(now.timestamp()), on_bytes)
    finally:
        _end_snapshot(conn)
    return ExportResult(path=path, manifest=written)
