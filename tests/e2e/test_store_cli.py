"""`screener init`, `screener user ...`, `screener audit verify`, run as a person or a script
would: `python -m screener` in a subprocess. Bad input exits 2 (or 1) and writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import connect
from tests.databases import ADMIN, ADMIN_PASSWORD, WORKER_PASSWORD

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, password: str | None = None, new_password: str | None = None,
        user: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env.update(PYTHONPATH=str(REPO), SCREENER_KDF_FAST="1", SCREENER_DATA_DIR="/nonexistent")
    for name, value in (("SCREENER_PASSPHRASE", password), ("SCREENER_NEW_PASSPHRASE", new_password),
                        ("SCREENER_USER", user)):
        if value is not None:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "screener", *args], capture_output=True, text=True, env=env,
        stdin=subprocess.DEVNULL, start_new_session=True, timeout=60,  # no tty: never prompts
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_accounts_lifecycle(db_path: Path) -> None:
    d = ("--db", str(db_path))
    listed = run("user", "list", *d, user=ADMIN, password=ADMIN_PASSWORD)
    assert listed.returncode == 0
    assert [line.split()[:2] for line in listed.stdout.splitlines()] == [["admin", "admin"],
                                                                        ["ana", "intake"]]
    denied = run("user", "list", *d, user="ana", password=WORKER_PASSWORD)
    assert denied.returncode == 2 and "Only admin" in denied.stderr
    changed = run("user", "passwd", *d, user="ana", password=WORKER_PASSWORD, new_password="ana-second-pw")
    assert changed.returncode == 0, changed.stderr
    assert run("audit", "verify", *d, user="ana", password=WORKER_PASSWORD).returncode == 1  # old password
    assert run("user", "remove", "ana", *d, user=ADMIN, password=ADMIN_PASSWORD).returncode == 0
    gone = run("user", "list", *d, user="ana", password="ana-second-pw")
    assert gone.returncode == 1 and gone.stderr.count("\n") == 1 and "wrong password" in gone.stderr
    verified = run("--db", str(db_path), "audit", "verify", user=ADMIN, password=ADMIN_PASSWORD)
    assert verified.returncode == 0 and "intact" in verified.stdout


def test_admin_resets_a_password(db_path: Path) -> None:
    reset = run("user", "passwd", "ana", "--db", str(db_path), user=ADMIN, password=ADMIN_PASSWORD,
                new_password="reset-by-boss")
    assert reset.returncode == 0, reset.stderr
    assert run("audit", "verify", "--db", str(db_path), user="ana", password="reset-by-boss").returncode == 2
    keys = load_keys_file(keys_path_for(db_path))
    assert unwrap_key(keys, "ana", "reset-by-boss") == unwrap_key(keys, ADMIN, ADMIN_PASSWORD)


def _break_keys(db_path: Path) -> None:
    keys_path_for(db_path).write_text("{ not json")


def _drop_keys(db_path: Path) -> None:
    keys_path_for(db_path).unlink()


def _newer_schema(db_path: Path) -> None:
    key = unwrap_key(load_keys_file(keys_path_for(db_path)), ADMIN, ADMIN_PASSWORD)
    conn = connect(db_path.as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def _not_a_database(db_path: Path) -> None:
    db_path.write_bytes(b"first_name,last_name\nJane,Doe\n" * 300)


@pytest.mark.parametrize(
    ("damage", "args", "env", "code", "message"),
    [
        (None, ("audit", "verify"), {"password": "not-the-password"}, 1, "wrong password"),
        (None, ("audit", "verify"), {"password": None}, 2, "No password"),
        (None, ("audit", "verify"), {"user": None}, 2, "Say who is signing in"),
        (_drop_keys, ("audit", "verify"), {}, 2, "screener.db.keys is missing"),
        (_break_keys, ("audit", "verify"), {}, 2, "screener.db.keys is damaged"),
        (_newer_schema, ("audit", "verify"), {}, 1, "newer version of Screener"),
        (_not_a_database, ("audit", "verify"), {}, 2, "not a Screener database"),
        (None, ("user", "add", "newbie"), {"new_password": "short"}, 2, "too short"),
        (None, ("user", "add", "newbie"), {"new_password": ""}, 2, "empty"),
        (None, ("user", "add", "newbie"), {"password": "wrong-password!",
                                           "new_password": "long-enough-1"}, 1, "wrong password"),
        (None, ("init",), {}, 1, "already exists"),
    ],
    ids=["wrong-password", "no-password", "no-user", "missing-keys", "corrupt-keys",
         "newer-schema", "not-a-database", "short-new-password", "empty-new-password",
         "add-with-wrong-password", "init-over-existing"],
)
def test_bad_input_fails_clearly_and_writes_nothing(
    db_path: Path, damage: object, args: tuple[str, ...], env: dict[str, str | None], code: int,
    message: str,
) -> None:
    if callable(damage):
        damage(db_path)
    before = digest(db_path.parent)
    options: dict[str, str | None] = {"user": ADMIN, "password": ADMIN_PASSWORD}
    options.update(env)
    result = run(*args, "--db", str(db_path), **options)
    assert (result.returncode, message in result.stderr) == (code, True), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(db_path.parent) == before


def test_last_admin_cannot_be_removed(db_path: Path) -> None:
    result = run("user", "remove", ADMIN, "--db", str(db_path), user=ADMIN, password=ADMIN_PASSWORD)
    assert result.returncode == 2 and "last admin" in result.stderr
    assert ADMIN in run("user", "list", "--db", str(db_path), user=ADMIN, password=ADMIN_PASSWORD).stdout


@pytest.mark.parametrize("password", ["", "tooshort"])
def test_init_with_a_weak_password_creates_nothing(tmp_path: Path, password: str) -> None:
    result = run("init", "--db", str(tmp_path / "s.db"), password=password)
    assert result.returncode == 2 and "password" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_audit_verify_names_a_tampered_row(db_path: Path) -> None:
    key = unwrap_key(load_keys_file(keys_path_for(db_path)), ADMIN, ADMIN_PASSWORD)
    conn = connect(db_path.as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET details = ? WHERE seq = 2", (json.dumps({"role": "intake"}),))
    conn.close()
    result = run("audit", "verify", "--db", str(db_path), user=ADMIN, password=ADMIN_PASSWORD)
    assert result.returncode == 1
    assert "row 2 was changed" in result.stderr


def test_help_lists_the_store_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "user", "audit"):
        assert command in result.stdout


def test_version_is_looked_up_only_when_asked() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("Screener ")


def test_the_app_reports_its_first_window_for_the_start_up_benchmark(db_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env.update(PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", SCREENER_BENCH_STARTUP="1")
    result = subprocess.run([sys.executable, "-m", "screener", "--db", str(db_path)],
                            capture_output=True, text=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("screener-window-shown ")
