"""Content packs as files: signed by the office, checked, installed in the data folder with
the previous one kept, rolled back; refused (nothing changed) when unsigned, altered, foreign,
older or failing their checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener import paths
from screener.errors import ContentPackError
from screener.sync import content
from screener.sync.keys import generate_keys, public_signing_key

OFFICE = "0b8d3c1e-5f7a-4a51-9f0e-1c2d3e4f5a6b"
FILES = {"forms/intake.yaml": "id: intake\n", "rules/housing.yaml": "id: housing\n",
         "resources/programs.yaml": "{}\n"}


@pytest.fixture(scope="module")
def key() -> bytes:
    return generate_keys().signing_key


def _pack(key: bytes, version: int, files: dict[str, str] | None = None,
          office: str = OFFICE) -> content.ContentPack:
    return content.build_pack(
        files or FILES, office_id=office, office_name="ODR Main", version=version,
        published_at="2026-12-01T10:00:00Z", published_by="boss", changelog=f"pack {version}",
        rules_hash="ab" * 32, signing_key=key)


def _fine(folder: Path) -> None:
    assert (folder / "rules" / "housing.yaml").is_file()


def _snapshot(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_pack_round_trips_and_verifies(key: bytes) -> None:
    pack = _pack(key, 2)
    read = content.read_pack(pack.to_bytes(), "p")
    assert read == pack
    content.verify_pack(read, OFFICE, public_signing_key(key), "p")


@pytest.mark.parametrize("change", ["text", "version", "changelog"])
def test_an_altered_pack_is_refused(key: bytes, change: str) -> None:
    doc = json.loads(_pack(key, 2).to_bytes())
    if change == "text":
        doc["pack"]["files"]["rules/housing.yaml"] = "id: housing\nversion: 9\n"
    elif change == "version":
        doc["pack"]["version"] = 3
    else:
        doc["pack"]["changelog"] = "something else"
    read = content.read_pack(json.dumps(doc).encode(), "p")
    with pytest.raises(ContentPackError, match="altered"):
        content.verify_pack(read, OFFICE, public_signing_key(key), "p")


def test_unsigned_foreign_and_malformed_packs_are_refused(key: bytes) -> None:
    doc = json.loads(_pack(key, 2).to_bytes())
    doc["signature"] = ""
    with pytest.raises(ContentPackError, match="not signed"):
        content.read_pack(json.dumps(doc).encode(), "p")
    foreign = _pack(generate_keys().signing_key, 2, office="another-office")
    with pytest.raises(ContentPackError, match="another office"):
        content.verify_pack(foreign, OFFICE, public_signing_key(key), "p")
    for data in (b"\xff", b"[]", b'{"format": "zip"}', b"{" * 100000):
        with pytest.raises(ContentPackError, match="not a Screener content pack"):
            content.read_pack(data, "p")


@pytest.mark.parametrize("name", ["../evil.yaml", "rules/../../x.yaml", "bin/run.yaml",
                                  "rules/x.py", "/etc/x.yaml", "rules/.hidden.yaml"])
def test_unsafe_file_names_are_refused(key: bytes, name: str) -> None:
    with pytest.raises(ContentPackError, match="unsafe name"):
        _pack(key, 2, {**FILES, name: "x"})
    doc = json.loads(_pack(key, 2).to_bytes())
    doc["pack"]["files"][name] = "x"
    with pytest.raises(ContentPackError, match="unsafe name"):
        content.read_pack(json.dumps(doc).encode(), "p")


def test_install_keeps_the_previous_pack_and_rolls_back(key: bytes, tmp_path: Path) -> None:
    root = tmp_path / "screener.db.content"
    assert content.in_force(root) is None and content.installed(root) == ()
    for version in (1, 2, 3):
        installed = content.install(root, _pack(key, version), f"v{version}", _fine)
        assert installed.version == version and installed.in_force
    assert [(p.version, p.in_force) for p in content.installed(root)] == [(3, True), (2, False)]
    assert not (root / "v0001").exists()  # only the pack in force and the previous one
    assert (root / "v0003" / "rules" / "housing.yaml").read_text() == "id: housing\n"
    back = content.rollback(root)
    assert back is not None and back.version == 2
    assert content.rolled_back(root) == {3} and content.latest_version(root) == 3
    assert content.rollback(root) is None  # back to the built-in set
    with pytest.raises(ContentPackError, match="Nothing to roll back"):
        content.rollback(root)
    again = content.install(root, _pack(key, 3), "v3", _fine)  # by hand, a rolled-back one
    assert again.version == 3 and content.rolled_back(root) == {2}


def test_older_same_or_failing_packs_change_nothing(key: bytes, tmp_path: Path) -> None:
    root = tmp_path / "screener.db.content"
    content.install(root, _pack(key, 2), "v2", _fine)
    before = _snapshot(root)
    for version, what in ((1, "older than v2"), (2, "already in force")):
        with pytest.raises(ContentPackError, match=what):
            content.install(root, _pack(key, version), f"v{version}", _fine)

    def refuse(folder: Path) -> None:
        raise ContentPackError("it fails its own rule tests")

    with pytest.raises(ContentPackError, match="rule tests"):
        content.install(root, _pack(key, 3), "v3", refuse)
    assert _snapshot(root) == before


def test_the_content_folder_is_per_database_next_to_it(tmp_path: Path) -> None:
    db = tmp_path / "field.db"
    assert paths.content_dir(db) == tmp_path / "field.db.content"
    paths.use_database(db)
    try:
        assert paths.content_dir() == tmp_path / "field.db.content"
    finally:
        paths.use_database(None)
    assert paths.content_dir() == paths.default_db_path().with_name("screener.db.content")
