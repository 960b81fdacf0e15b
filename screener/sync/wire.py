"""`changes.jsonl`: one JSON object per line, one record per object.

    {"type":"answer","id":"…","intake_id":"…","field_id":"release_date","value":"2026-09-20",
     "reason":null,"entered_at":"…Z","entered_by":"ana","updated_at":"<HLC>",
     "device_id":"…","vv":{}}

Keys are the table's columns (without the local `seq`) plus `type`; `value`, `trace` and
`vv` are JSON values, `program_ids` a list, `signature_png` base64. Lines are ASCII.
Decoding checks every key and type (ids are UUIDs, field ids identifiers, dates real dates,
timestamps and HLCs well formed), cleans every text with the input limits every other path
uses (`screener.limits`: NFC, no bidirectional controls, no control characters, lengths per
kind of text), and names the record on failure, never its values.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import lru_cache
from json.encoder import encode_basestring as _quote_unicode
from json.encoder import encode_basestring_ascii as _quote
from typing import Any

from screener.domain import IDENTITY_FIELDS
from screener.errors import BundleError
from screener.limits import MAX_ANSWER_JSON, TextKind, TextLimitError, clean_text, identity_kind
from screener.store.sync_changes import record_values
from screener.store.sync_records import (
    SYNCED_TABLES,
    ChangeRecord,
    DocumentRecord,
    RecordType,
    make_record,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")
_TIME = r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}"
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})T" + _TIME + "Z")
_HLC = re.compile(
    r"(\d{4}-\d{2}-\d{2})T" + _TIME + r"Z-[0-9a-f]{4}-" + _UUID.pattern
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOC_PATH = re.compile(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.yaml")
#: The path each kind of document may have.
_DOC_PATHS = {"forms": _DOC_PATH, "rules": _DOC_PATH,
              "pack": re.compile(r"v[0-9]{4}\.screener-content"),
              "merges": re.compile(r"client-merges\.json")}
_PNG = b"\x89PNG\r\n\x1a\n"
_MAX_JSON = MAX_ANSWER_JSON
#: A signature answer: a base64 PNG (not text; checked as an image when it was entered).
_BASE64_PNG = re.compile(r"iVBORw0KGgo[A-Za-z0-9+/]*={0,2}")
_MAX_PNG = 2 << 20
_MAX_DOCUMENT = 1 << 20


class Invalid(ValueError):
    """One field of a record is wrong (the message never holds the value)."""


@lru_cache(maxsize=4096)
def real_date(text: str) -> bool:
    """True if `text` (YYYY-MM-DD) is a date that exists."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _uuid(v: Any) -> str:
    if isinstance(v, str) and _UUID.fullmatch(v):
        return v
    raise Invalid("is not a lower-case UUID")


def _ident(v: Any) -> str:
    if isinstance(v, str) and _IDENT.fullmatch(v):
        return v
    raise Invalid("is not an identifier (letters, digits, '_' and '.')")


def _timestamp(v: Any) -> str:
    m = _TIMESTAMP.fullmatch(v) if isinstance(v, str) else None
    if m and real_date(m[1]):
        return str(v)
    raise Invalid("is not a UTC timestamp YYYY-MM-DDTHH:MM:SS.mmmZ")


def _hlc(v: Any) -> str:
    m = _HLC.fullmatch(v) if isinstance(v, str) else None
    if m and real_date(m[1]):
        return str(v)
    raise Invalid("is not a hybrid logical clock timestamp")


def _date(v: Any) -> str:
    if isinstance(v, str) and _DATE.fullmatch(v) and real_date(v):
        return v
    raise Invalid("is not a real date YYYY-MM-DD")


def _limited(kind: TextKind) -> Callable[[Any], str]:
    """The check of one kind of text: cleaned as the services clean it (`screener.limits`)."""
    def check(v: Any) -> str:
        if not isinstance(v, str):
            raise Invalid("is not text")
        try:
            return clean_text(v, kind)
        except TextLimitError as exc:
            raise Invalid(exc.reason) from None
    return check


_text = _limited(TextKind.TEXT)
_name = _limited(TextKind.NAME)
_note = _limited(TextKind.NOTE)


def _answer(kind: TextKind) -> Callable[[Any], str]:
    """The check of an answer's value: every text in it cleaned as `kind`, then canonical
    JSON (a signature's base64 image is not text)."""
    def clean(item: Any) -> Any:
        if isinstance(item, str):
            return item if _BASE64_PNG.fullmatch(item) else clean_text(item, kind)
        if isinstance(item, list):
            return [clean(v) for v in item]
        if isinstance(item, dict):
            return {k: clean(v) for k, v in item.items()}
        return item

    def check(v: Any) -> str:
        try:
            return _json(clean(v))
        except TextLimitError as exc:
            raise Invalid(exc.reason) from None
        except RecursionError:
            raise Invalid("is nested too deep") from None
    return check


def _user(v: Any) -> str:
    if isinstance(v, str) and 0 < len(v) <= 64 and "\x00" not in v:
        return v
    raise Invalid("is not a user name")


def _version(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v < 1_000_000:
        return v
    raise Invalid("is not a form version (a whole number from 1)")


def _status(v: Any) -> str:
    if v in ("draft", "complete"):
        return str(v)
    raise Invalid("is not draft or complete")


def _flag(v: Any) -> int:
    if v in (0, 1) and not isinstance(v, float):
        return int(v)
    raise Invalid("is not 0 or 1")


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, sort_keys=True,
                            separators=(",", ":"))


def _json(v: Any) -> str:
    # The same canonical text as `store.intakes.encode_json`, with one shared encoder.
    if isinstance(v, str):
        return str(_quote_unicode(v)) if len(v) <= _MAX_JSON else _too_large()
    try:
        text = _ENCODER.encode(v)
    except (TypeError, ValueError):
        raise Invalid("is not plain JSON data") from None
    if len(text) > _MAX_JSON:
        raise Invalid("is too large")
    return text


def _too_large() -> str:
    raise Invalid("is too large")


def _program_ids(v: Any) -> str:
    if isinstance(v, list) and all(isinstance(p, str) and _IDENT.fullmatch(p) for p in v):
        return json.dumps(v)
    raise Invalid("is not a list of program ids")


def _png(v: Any) -> bytes:
    try:
        data = base64.b64decode(v, validate=True) if isinstance(v, str) else b""
    except (binascii.Error, ValueError):
        data = b""
    if data.startswith(_PNG) and len(data) <= _MAX_PNG:
        return data
    raise Invalid("is not a base64 PNG image")


def _vv(v: Any) -> str:
    if v == {} and isinstance(v, dict):
        return "{}"
    if isinstance(v, dict) and len(v) <= 1000:
        for device, hlc in v.items():
            _uuid(device)
            _hlc(hlc)
        return json.dumps(v, separators=(",", ":"), sort_keys=True)
    raise Invalid("is not a version vector {device id: HLC}")


def _optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def optional(v: Any) -> Any:
        return None if v is None else check(v)
    return optional


_Spec = tuple[tuple[str, Callable[[Any], Any]], ...]
_STAMP: _Spec = (("updated_at", _hlc), ("device_id", _uuid), ("vv", _vv))
_SPECS: dict[RecordType, _Spec] = {
    RecordType.CLIENT: (
        ("id", _uuid), ("first_name", _name), ("last_name", _name),
        ("preferred_name", _optional(_name)), ("dob", _optional(_date)),
        ("phone", _optional(_text)), ("booking_number", _optional(_text)),
        ("cdcr_number", _optional(_text)), ("preferred_language", _optional(_text)),
        ("created_at", _timestamp), ("created_by", _user), *_STAMP,
    ),
    RecordType.INTAKE: (
        ("id", _uuid), ("client_id", _uuid), ("form_id", _ident), ("form_version", _version),
        ("status", _status), ("current_section", _optional(_ident)),
        ("current_question", _optional(_ident)), ("started_at", _timestamp),
        ("started_by", _user), ("completed_at", _optional(_timestamp)),
        ("completed_by", _optional(_user)), *_STAMP,
    ),
    RecordType.ANSWER: (
        ("id", _uuid), ("intake_id", _uuid), ("field_id", _ident),
        ("value", _answer(TextKind.LONG_ANSWER)), ("reason", _optional(_note)),
        ("entered_at", _timestamp), ("entered_by", _user),
        *_STAMP,
    ),
    RecordType.CONSENT: (
        ("id", _uuid), ("client_id", _uuid), ("intake_id", _optional(_uuid)),
        ("program_ids", _program_ids), ("signer", _text), ("signed_at", _timestamp),
        ("expires_on", _optional(_date)), ("signature_png", _optional(_png)),
        ("recorded_by", _user), ("revoked", _flag), ("revoked_at", _optional(_timestamp)),
        ("revoked_by", _optional(_user)), *_STAMP,
    ),
    RecordType.DETERMINATION: (
        ("id", _uuid), ("intake_id", _uuid), ("program_id", _ident), ("outcome", _ident),
        ("trace", _json), ("rules_version", _text), ("rules_hash", _text),
        ("evaluated_at", _timestamp), ("evaluated_by", _user), *_STAMP,
    ),
}
for _kind, _spec in _SPECS.items():  # the specs must list the record fields, in order
    assert tuple(n for n, _ in _spec) == tuple(f.name for f in fields(SYNCED_TABLES[_kind]))
#: An answer to an identity question is held to that field's limits (a name: 200 characters).
_IDENTITY_ANSWERS: dict[str, _Spec] = {
    field: tuple((name, _answer(identity_kind(field)) if name == "value" else check)
                 for name, check in _SPECS[RecordType.ANSWER])
    for field in IDENTITY_FIELDS
}
_KEYS = {kind: frozenset(("type", *(n for n, _ in spec))) for kind, spec in _SPECS.items()}


def _spec_of(kind: RecordType, obj: dict[str, Any]) -> _Spec:
    field = obj.get("field_id") if kind is RecordType.ANSWER else None
    return _IDENTITY_ANSWERS.get(field, _SPECS[kind]) if isinstance(field, str) else _SPECS[kind]

_DOCUMENT_KEYS = frozenset(("type", "kind", "path", "sha256", "text"))
#: How each field is written: raw JSON text, base64 bytes, an integer, or a string.
_RAW = {"value", "trace", "vv", "program_ids"}


def _encode_value(name: str, value: object) -> str:
    if value is None:
        return "null"
    if name in _RAW:
        return str(value)
    if isinstance(value, bytes):
        return '"' + base64.b64encode(value).decode("ascii") + '"'
    if isinstance(value, int):
        return str(value)
    return str(_quote(str(value)))


_NAMES = {kind: tuple(n for n, _ in spec) for kind, spec in _SPECS.items()}


def encode_record(kind: RecordType, record: ChangeRecord) -> bytes:
    """One `changes.jsonl` line (UTF-8, ending in a newline) for a row of this installation.

    UTF-8, not ASCII: answers and traces are stored as JSON text with their accents kept
    (`store.intakes.encode_json`) and copied here as they are."""
    parts = [f'{{"type":"{kind.value}"']
    for name, value in zip(_NAMES[kind], record_values(record), strict=True):
        parts.append(f',"{name}":{_encode_value(name, value)}')
    parts.append("}")
    return ascii_line("".join(parts))


#: Fields whose value travels as JSON (not as a JSON string holding JSON text).
JSON_FIELDS = frozenset(_RAW)
#: Record types whose rows SQLite can write as lines (`store.sync_changes.change_lines`):
#: every one without bytes (the consent's signature image is base64 here).
SQL_ENCODED = frozenset(kind for kind in _SPECS if kind is not RecordType.CONSENT)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def ascii_line(text: str) -> bytes:
    """A JSON line as ASCII bytes ending in a newline: other characters become \\u escapes.

    Outside strings a JSON text is ASCII already, so this changes only string contents and
    the value stays the same (raw JSON values of answers may hold "José").
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_escape, text)
    return (text + "\n").encode("ascii")


def encode_document(doc: DocumentRecord) -> bytes:
    """The line for a forms/rules file sent by the office."""
    body = {"type": RecordType.DOCUMENT.value, "kind": doc.kind, "path": doc.path,
            "sha256": doc.sha256, "text": doc.text}
    return (json.dumps(body, ensure_ascii=True, sort_keys=True) + "\n").encode("ascii")


def _describe(kind: str, obj: dict[str, Any]) -> str:
    record_id = obj.get("id")
    if isinstance(record_id, str) and _UUID.fullmatch(record_id):
        return f"{kind} {record_id}"
    return kind


_KIND_NAMED = {kind.value: kind for kind in _SPECS}


def decode_line(line: bytes, number: int) -> ChangeRecord | DocumentRecord:
    """The record on line `number` of changes.jsonl; BundleError naming it if invalid."""
    try:
        obj = json.loads(line.decode("utf-8"))  # str: json skips guessing the encoding
    except (UnicodeDecodeError, ValueError, RecursionError):  # (nested too deep)
        raise BundleError(f"changes.jsonl line {number} is not a JSON object.") from None
    if not isinstance(obj, dict):
        raise BundleError(f"changes.jsonl line {number} is not a JSON object.")
    type_name = obj.get("type")
    kind = _KIND_NAMED.get(type_name) if isinstance(type_name, str) else None
    if kind is None:
        if type_name == RecordType.DOCUMENT.value:
            return _decode_document(obj, number)
        raise BundleError(f"changes.jsonl line {number} has an unknown record type.")
    keys = obj.keys()
    if keys != _KEYS[kind]:
        missing = sorted(_KEYS[kind] - keys)
        extra = sorted(k for k in keys - _KEYS[kind] if _IDENT.fullmatch(k))
        problem = f"lacks {', '.join(missing)}" if missing else (
            f"has unknown keys {', '.join(extra)}" if extra else "has unknown keys")
        raise BundleError(f"changes.jsonl line {number}: {_describe(kind.value, obj)} {problem}.")
    spec = _spec_of(kind, obj)
    try:
        # One pass with no bookkeeping: a million answers go through here.
        record = make_record(SYNCED_TABLES[kind], [check(obj[name]) for name, check in spec])
    except Invalid:
        raise _invalid_field(kind, obj, number) from None
    if record.updated_at[-36:] != record.device_id:
        raise BundleError(
            f"changes.jsonl line {number}: {_describe(kind.value, obj)}: updated_at was not "
            "stamped by device_id."
        )
    return record


#: What the office is told to do about a refused record: nothing of the bundle was imported.
_FIX_AND_RESEND = ("Nothing of this bundle was imported: correct that record on the laptop "
                   "that sent it (open the client, fix the answer) and export again.")


def _invalid_field(kind: RecordType, obj: dict[str, Any], number: int) -> BundleError:
    """The error naming the first invalid field of a record and the client, intake and
    question it belongs to (never its value), and how to get past it."""
    what = _describe(kind.value, obj) + _owner(obj)
    for name, check in _spec_of(kind, obj):
        try:
            check(obj[name])
        except Invalid as exc:
            return BundleError(f"changes.jsonl line {number}: {what}: {name} {exc}. "
                               f"{_FIX_AND_RESEND}")
    return BundleError(f"changes.jsonl line {number}: {what} is invalid. {_FIX_AND_RESEND}")


def _owner(obj: dict[str, Any]) -> str:
    """" (question F, client C, intake I)": whose record it is, from its well-formed ids."""
    parts = []
    field = obj.get("field_id")
    if isinstance(field, str) and _IDENT.fullmatch(field):
        parts.append(f"question {field}")
    for key, label in (("client_id", "client"), ("intake_id", "intake")):
        value = obj.get(key)
        if isinstance(value, str) and _UUID.fullmatch(value):
            parts.append(f"{label} {value}")
    return f" ({', '.join(parts)})" if parts else ""


def _decode_document(obj: dict[str, Any], number: int) -> DocumentRecord:
    where = f"changes.jsonl line {number}: document"
    if obj.keys() != _DOCUMENT_KEYS:
        raise BundleError(f"{where} has missing or unknown keys.")
    kind, path, digest, text = obj["kind"], obj["path"], obj["sha256"], obj["text"]
    if kind not in _DOC_PATHS:
        raise BundleError(f"{where}: kind is not forms, rules, pack or merges.")
    pattern = _DOC_PATHS[kind]  # pack: sync/content.py; merges: the office's, applying.py
    if not isinstance(path, str) or not pattern.fullmatch(path) or len(path) > 200:
        raise BundleError(f"{where}: path is not a relative .yaml path or a pack name.")
    if not isinstance(text, str) or len(text) > _MAX_DOCUMENT:
        raise BundleError(f"{where} {path}: text is missing or too large.")
    if digest != hashlib.sha256(text.encode("utf-8")).hexdigest():
        raise BundleError(f"{where} {path}: sha256 does not match its text.")
    return DocumentRecord(kind=kind, path=path, sha256=digest, text=text)
