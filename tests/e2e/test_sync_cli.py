"""Sync on the command line, as the office and a field laptop would run it: office init,
device join/enroll, export, import, conflicts, duplicates; and Debian's `age` reading a
bundle with the office key."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.e2e.test_store_cli import run

PW = "sync-cli-password"


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sync-cli")
    office, field = folder / "office.db", folder / "field.db"
    for db, user in ((office, "boss"), (field, "fadmin")):
        _ok(run("init", "--db", str(db), "--user", user, password=PW))
    _ok(run("office", "init", "--name", "ODR Main", "-o", str(folder / "office.enroll"),
            "--db", str(office), user="boss", password=PW))
    joined = _ok(run("device", "join", str(folder / "office.enroll"), "--name", "Laptop 7",
                     "-o", str(folder / "laptop.device"), "--db", str(field), user="fadmin",
                     password=PW))
    assert "Fingerprint:" in joined
    _ok(run("device", "enroll", str(folder / "laptop.device"), "--db", str(office),
            user="boss", password=PW))
    _ok(run("office", "key", "-o", str(folder / "office.key"), "--db", str(office),
            user="boss", password=PW))
    return folder


def _field_data(db: Path) -> None:
    """One client with an intake, entered through the services (as the app would)."""
    from datetime import UTC, datetime

    from screener import services
    from screener.clock import FixedClock
    from screener.domain import ClientIdentity

    clock = FixedClock(datetime(2026, 11, 25, 18, tzinfo=UTC))
    with services.open_session(db, "fadmin", PW, clock) as s:
        c = services.create_client(s, ClientIdentity("Ana", "Ruiz", dob="1990-01-02"))
        intake = services.start_intake(s, c.id, "intake", 1)
        services.save_answer(s, intake.id, "housing_status", "unsheltered")


def test_field_to_office_round_trip_and_age_decrypts(setup: Path, tmp_path: Path) -> None:
    folder = tmp_path
    for name in ("office.db", "office.db.keys", "field.db", "field.db.keys"):
        shutil.copyfile(setup / name, folder / name)
    office, field = folder / "office.db", folder / "field.db"
    _field_data(field)
    bundle = folder / "one.screener-bundle"
    out = _ok(run("export", "-o", str(bundle), "--db", str(field), user="fadmin", password=PW))
    assert "1 client" in out and "1 answer" in out
    assert bundle.read_bytes().startswith(b"age-encryption.org/v1\n")
    empty = _ok(run("export", "-o", str(folder / "none.screener-bundle"), "--db", str(field),
                    user="fadmin", password=PW))
    assert "no changes since change " in empty and "changes 4-3" not in empty

    # Debian's age decrypts it with the office key: a tar of changes/, manifest, signature.
    plain = folder / "plain.tar"
    subprocess.run(["age", "-d", "-i", str(setup / "office.key"), "-o", str(plain),
                    str(bundle)], check=True)
    with tarfile.open(plain) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert names == ["changes/000001.jsonl", "manifest.json", "signature.json"]
    assert manifest["counts"] == {"answer": 1, "client": 1, "intake": 1}
    assert "Ruiz" not in json.dumps(manifest)  # no personal data in the manifest

    imported = _ok(run("import", str(bundle), "--db", str(office), user="boss", password=PW))
    assert "added 1 answer, 1 client, 1 intake" in imported
    again = _ok(run("import", str(bundle), "--db", str(office), user="boss", password=PW))
    assert "already imported" in again and "nothing changed" in again
    listed = _ok(run("device", "list", "--db", str(office), user="boss", password=PW))
    assert "Laptop 7" in listed and "bundles 1" in listed


def test_bad_bundle_exits_2_and_names_the_problem(setup: Path, tmp_path: Path) -> None:
    for name in ("office.db", "office.db.keys", "field.db", "field.db.keys"):
        shutil.copyfile(setup / name, tmp_path / name)
    _field_data(tmp_path / "field.db")
    bundle = tmp_path / "b.screener-bundle"
    _ok(run("export", "-o", str(bundle), "--db", str(tmp_path / "field.db"), user="fadmin",
            password=PW))
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    result = run("import", str(bundle), "--db", str(tmp_path / "office.db"), user="boss",
                 password=PW)
    assert result.returncode == 2 and "damaged" in result.stderr
    # The field laptop cannot read its own bundle.
    own = run("import", str(bundle), "--db", str(tmp_path / "field.db"), user="fadmin",
              password=PW)
    assert own.returncode == 2


def test_intake_staff_cannot_set_up_the_office(setup: Path, tmp_path: Path) -> None:
    shutil.copyfile(setup / "field.db", tmp_path / "field.db")
    shutil.copyfile(setup / "field.db.keys", tmp_path / "field.db.keys")
    denied = run("device", "revoke", "0" * 8, "--db", str(tmp_path / "field.db"),
                 user="fadmin", password=PW)
    assert denied.returncode == 2 and "office" in denied.stderr


def test_export_at_the_office_without_to_says_add_to(setup: Path, tmp_path: Path) -> None:
    shutil.copyfile(setup / "office.db", tmp_path / "office.db")
    shutil.copyfile(setup / "office.db.keys", tmp_path / "office.db.keys")
    out = run("export", "-o", str(tmp_path / "x.screener-bundle"), "--db",
              str(tmp_path / "office.db"), user="boss", password=PW)
    assert out.returncode == 2 and "--to DEVICE_ID" in out.stderr
    assert not (tmp_path / "x.screener-bundle").exists()
    alone = run("export", "--client", "c1", "-o", str(tmp_path / "x.screener-bundle"), "--db",
                str(tmp_path / "office.db"), user="boss", password=PW)
    assert alone.returncode == 2 and "--client needs --to" in alone.stderr


def test_joining_again_renames_the_laptop_and_counts_are_words(setup: Path,
                                                               tmp_path: Path) -> None:
    for name in ("office.db", "office.db.keys", "field.db", "field.db.keys", "office.enroll"):
        shutil.copyfile(setup / name, tmp_path / name)
    office, field = tmp_path / "office.db", tmp_path / "field.db"
    renamed = _ok(run("device", "join", str(tmp_path / "office.enroll"), "--name", "Laptop 8",
                      "-o", str(tmp_path / "laptop.device"), "--db", str(field),
                      user="fadmin", password=PW))
    assert "Device Laptop 8" in renamed
    assert json.loads((tmp_path / "laptop.device").read_text())["name"] == "Laptop 8"
    _ok(run("device", "enroll", str(tmp_path / "laptop.device"), "--db", str(office),
            user="boss", password=PW))
    listed = _ok(run("device", "list", "--db", str(office), user="boss", password=PW))
    assert "Laptop 8" in listed and "Laptop 7" not in listed

    _field_data(field)
    _field_data(field)  # a second client, so the counts are plural
    bundle = tmp_path / "two.screener-bundle"
    out = _ok(run("export", "-o", str(bundle), "--db", str(field), user="fadmin", password=PW))
    assert "2 answers, 2 clients, 2 intakes" in out
    imported = _ok(run("import", str(bundle), "--db", str(office), user="boss", password=PW))
    assert "added 2 answers, 2 clients, 2 intakes; updated nothing; no records unchanged; " \
           "no conflicts; 1 possible duplicate" in imported
