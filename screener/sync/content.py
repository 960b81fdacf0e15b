"""Content packs: the office's forms, rules and provider contacts, versioned and signed.

A pack file (`.screener-content`) is UTF-8 JSON:

    {"format": "screener-content-pack", "format_version": 1,
     "pack": {"office_id", "office_name", "version" (1, 2, ...), "published_at",
              "published_by", "changelog", "rules_hash",
              "files": {"forms/intake.yaml": text, "rules/housing.yaml": text, ...,
                        "resources/programs.yaml": text, "resources/documents.yaml": text}},
     "signature": base64 Ed25519 over b"screener-content-pack signature v1\\n" + the
                  canonical JSON of "pack" (sorted keys, no spaces, ASCII)}

It is not personal data, so it is signed but not encrypted; inside an office -> field bundle
it travels encrypted like everything else. An installation keeps its packs under
`<data folder>/content/`:

    v0002/pack.screener-content    the file as received (what `list` and `rollback` read)
    v0002/forms/ rules/ resources/ the files unpacked (what screening loads)
    state.json                     {"in_force": 2, "previous": 1, "rolled_back": [3]}

Only the pack in force and the previous one are kept. `state.json` is replaced atomically
and written last, so a crash during an install leaves the pack in force as it was.
"""

from __future__ import annotations

import base64
import binascii
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from screener.errors import ContentPackError
from screener.store.atomic import atomic_write
from screener.sync.keys import sign, verify

SUFFIX = ".screener-content"
FORMAT = "screener-content-pack"
FORMAT_VERSION = 1
SIGNATURE_DOMAIN = b"screener-content-pack signature v1\n"
PACK_FILE = "pack" + SUFFIX
STATE_FILE = "state.json"
#: The folders a pack holds, and the resource files screening reads from `resources/`.
TOP_FOLDERS = ("forms", "rules", "resources")
RESOURCE_FILES = ("programs.yaml", "documents.yaml")
_MAX_PACK = 8 << 20
_MAX_FILES = 500
_PACK_KEYS = frozenset(("office_id", "office_name", "version", "published_at", "published_by",
                        "changelog", "rules_hash", "files"))


@dataclass(frozen=True)
class ContentPack:
    """A signed content pack (its files as text, keyed by relative POSIX path)."""

    office_id: str
    office_name: str
    version: int
    published_at: str
    published_by: str
    changelog: str
    rules_hash: str
    files: Mapping[str, str]
    signature: bytes

    def body(self) -> dict[str, Any]:
        """The signed part, as a JSON object."""
        return {"office_id": self.office_id, "office_name": self.office_name,
                "version": self.version, "published_at": self.published_at,
                "published_by": self.published_by, "changelog": self.changelog,
                "rules_hash": self.rules_hash, "files": dict(sorted(self.files.items()))}

    def to_bytes(self) -> bytes:
        """The pack file's bytes."""
        doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "pack": self.body(),
               "signature": base64.b64encode(self.signature).decode("ascii")}
        return (json.dumps(doc, ensure_ascii=True, sort_keys=True, indent=1) + "\n").encode()


@dataclass(frozen=True)
class InstalledPack:
    """A pack kept in the data folder: what it is and where its files are."""

    version: int
    rules_hash: str
    changelog: str
    published_at: str
    published_by: str
    office_id: str
    office_name: str
    folder: Path
    in_force: bool

    @property
    def label(self) -> str:
        """How people name it: `v2`."""
        return f"v{self.version}"


def _canonical(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode()


def collect_files(forms_dir: Path, rules_dir: Path, resources_dir: Path) -> dict[str, str]:
    """The YAML files a pack is made of: every form and instrument, every rule file and rule
    test, and the provider contacts and document names. ContentPackError if one is unreadable."""
    files: dict[str, str] = {}
    sources = ((forms_dir, "forms", "**/*.yaml"), (rules_dir, "rules", "**/*.yaml"))
    for folder, top, pattern in sources:
        if not folder.is_dir():
            raise ContentPackError(f"There is no folder {folder}.")
        for path in sorted(folder.glob(pattern)):
            files[f"{top}/{path.relative_to(folder).as_posix()}"] = _text(path)
    for name in RESOURCE_FILES:
        files[f"resources/{name}"] = _text(resources_dir / name)
    return files


def _text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise ContentPackError(f"There is no file {path}.") from None
    except (OSError, UnicodeDecodeError):
        raise ContentPackError(f"{path} cannot be read as UTF-8 text.") from None


def build_pack(files: Mapping[str, str], *, office_id: str, office_name: str, version: int,
               published_at: str, published_by: str, changelog: str, rules_hash: str,
               signing_key: bytes) -> ContentPack:
    """A pack of `files`, signed with the office's Ed25519 key."""
    unsigned = ContentPack(office_id, office_name, version, published_at, published_by,
                           changelog, rules_hash, dict(files), b"")
    _check_paths(unsigned.files, "the pack")
    signature = sign(signing_key, SIGNATURE_DOMAIN + _canonical(unsigned.body()))
    return ContentPack(**{**_fields(unsigned), "signature": signature})


def _fields(pack: ContentPack) -> dict[str, Any]:
    return {name: getattr(pack, name) for name in ContentPack.__dataclass_fields__}


def read_pack(data: bytes, source: str) -> ContentPack:
    """Parse a pack file's bytes (its signature is checked by `verify_pack`)."""
    bad = ContentPackError(f"{source} is not a Screener content pack, or it is damaged.")
    if len(data) > _MAX_PACK:
        raise ContentPackError(f"{source} is too large to be a content pack.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise bad
    if doc.get("format_version") != FORMAT_VERSION:
        raise ContentPackError(f"{source} is a content pack of a newer Screener: update the app.")
    body, signature = doc.get("pack"), doc.get("signature")
    if not isinstance(signature, str) or not signature:
        raise ContentPackError(f"{source} is not signed: only packs signed by the office are "
                               "installed.")
    try:
        raw_signature = base64.b64decode(signature, validate=True)
    except (ValueError, binascii.Error):
        raise bad from None
    if not isinstance(body, dict) or body.keys() != _PACK_KEYS:
        raise bad
    text_keys = ("office_id", "office_name", "published_at", "published_by", "changelog",
                 "rules_hash")
    files = body["files"]
    if (not all(isinstance(body[k], str) for k in text_keys)
            or type(body["version"]) is not int or body["version"] < 1
            or not isinstance(files, dict) or len(files) > _MAX_FILES
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())):
        raise bad
    _check_paths(files, source)
    return ContentPack(
        office_id=body["office_id"], office_name=body["office_name"], version=body["version"],
        published_at=body["published_at"], published_by=body["published_by"],
        changelog=body["changelog"], rules_hash=body["rules_hash"], files=files,
        signature=raw_signature,
    )


def _check_paths(files: Mapping[str, str], source: str) -> None:
    for name in files:
        parts = PurePosixPath(name).parts
        if (len(parts) < 2 or parts[0] not in TOP_FOLDERS or not name.endswith(".yaml")
                or any(p in ("", ".", "..") or p.startswith(".") for p in parts)
                or "\\" in name or len(name) > 200):
            raise ContentPackError(f"{source} holds a file with an unsafe name: {name!r}.")
    for required in ("forms", "rules"):
        if not any(n.startswith(required + "/") for n in files):
            raise ContentPackError(f"{source} holds no {required} files.")


def verify_pack(pack: ContentPack, office_id: str, office_key: bytes, source: str) -> None:
    """Check that `pack` was published by the office this installation belongs to, untouched."""
    if pack.office_id != office_id:
        raise ContentPackError(
            f"{source} was published by another office ({pack.office_name}); this "
            "installation takes packs only from its own office. Nothing was installed.")
    if not verify(office_key, pack.signature, SIGNATURE_DOMAIN + _canonical(pack.body())):
        raise ContentPackError(
            f"{source} has a signature that does not match the office's key: it was altered "
            "after it was published, or forged. Nothing was installed.")


# --- the packs kept in a data folder ---------------------------------------------------------

def _state(root: Path) -> dict[str, Any]:
    try:
        state = json.loads((root / STATE_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ContentPackError(f"{root / STATE_FILE} cannot be read ({exc}); move it away to "
                               "screen with the built-in forms and rules.") from None
    return state if isinstance(state, dict) else {}


def _write_state(root: Path, in_force: int | None, previous: int | None,
                 rolled_back: list[int]) -> None:
    state = {"in_force": in_force, "previous": previous, "rolled_back": sorted(set(rolled_back))}
    atomic_write(root / STATE_FILE, (json.dumps(state, indent=1) + "\n").encode(), mode=0o644)


def _folder(root: Path, version: int) -> Path:
    return root / f"v{version:04d}"


def _installed(root: Path, version: object, in_force: bool) -> InstalledPack | None:
    if type(version) is not int:
        return None
    folder = _folder(root, version)
    try:
        pack = read_pack((folder / PACK_FILE).read_bytes(), str(folder / PACK_FILE))
    except FileNotFoundError:
        return None
    return InstalledPack(pack.version, pack.rules_hash, pack.changelog, pack.published_at,
                         pack.published_by, pack.office_id, pack.office_name, folder, in_force)


#: root -> (state.json's identity, the pack in force then): screening asks on every answer
#: saved, and reading the pack file each time would cost milliseconds.
_IN_FORCE: dict[Path, tuple[tuple[int, int, int], InstalledPack | None]] = {}


def in_force(root: Path) -> InstalledPack | None:
    """The pack screening uses here, or None (the forms and rules built into the app)."""
    try:
        stat = (root / STATE_FILE).stat()
    except FileNotFoundError:
        return None
    except OSError:
        stat = None
    key = (stat.st_ino, stat.st_mtime_ns, stat.st_size) if stat else None
    known = _IN_FORCE.get(root)
    if key is not None and known is not None and known[0] == key:
        return known[1]
    pack = _installed(root, _state(root).get("in_force"), True)
    if key is not None:
        _IN_FORCE[root] = (key, pack)  # state.json is replaced, never edited: a new inode
    return pack


def installed(root: Path) -> tuple[InstalledPack, ...]:
    """The pack in force and the previous one (the one `rollback` returns to), newest first."""
    state = _state(root)
    packs = (_installed(root, state.get("in_force"), True),
             _installed(root, state.get("previous"), False))
    return tuple(sorted((p for p in packs if p is not None), key=lambda p: -p.version))


def latest_version(root: Path) -> int:
    """The highest pack version this installation has had in force (0: none)."""
    state = _state(root)
    seen = [state.get("in_force"), state.get("previous"), *state.get("rolled_back", ())]
    return max((v for v in seen if type(v) is int), default=0)


def rolled_back(root: Path) -> frozenset[int]:
    """Versions rolled back here: a bundle does not bring them back (an explicit install does)."""
    return frozenset(v for v in _state(root).get("rolled_back", ()) if type(v) is int)


def install(root: Path, pack: ContentPack, source: str,
            check: Callable[[Path], None]) -> InstalledPack:
    """Unpack a verified pack into `root`, run `check(folder)` on the unpacked files (forms
    check, rules check, the pack's own rule tests: it raises to refuse), and put it in force.

    The pack in force until now becomes the previous one; older packs are removed. Refused
    (ContentPackError, nothing changed) if it is not newer than the pack in force.
    """
    state = _state(root)
    current = state.get("in_force")
    if type(current) is int and pack.version <= current:
        what = "already in force" if pack.version == current else f"older than v{current}, in force"
        raise ContentPackError(f"{source} is content pack v{pack.version}, {what} here. "
                               "Nothing was installed.")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        for name, text in pack.files.items():
            target = staging.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        (staging / PACK_FILE).write_bytes(pack.to_bytes())
        check(staging)
        final = _folder(root, pack.version)
        if final.exists():  # a leftover of an earlier install of this version (rolled back)
            shutil.rmtree(final)
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    keep = {pack.version, current}
    _write_state(root, pack.version, current if type(current) is int else None,
                 [v for v in state.get("rolled_back", ()) if v != pack.version])
    _prune(root, keep)
    result = in_force(root)
    assert result is not None
    return result


def rollback(root: Path) -> InstalledPack | None:
    """Put the previous pack back in force (None: back to the built-in forms and rules).

    The pack rolled back from is kept aside as rolled back: a later bundle carrying it does
    not install it again. ContentPackError if there is no pack to roll back from.
    """
    state = _state(root)
    current = state.get("in_force")
    if type(current) is not int:
        raise ContentPackError("No content pack is installed here: the built-in forms and rules "
                               "are in force. Nothing to roll back.")
    previous = state.get("previous")
    previous = previous if type(previous) is int and _folder(root, previous).is_dir() else None
    _write_state(root, previous, None, [*state.get("rolled_back", ()), current])
    _prune(root, {previous})
    return in_force(root)


def _prune(root: Path, keep: set[object]) -> None:
    names = {_folder(root, v).name for v in keep if type(v) is int}
    for child in root.iterdir():
        if child.is_dir() and child.name not in names and (
                child.name.startswith("v") or child.name.startswith(".installing-")):
            shutil.rmtree(child, ignore_errors=True)
