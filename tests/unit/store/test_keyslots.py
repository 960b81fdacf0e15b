"""Key slots and the keys file, below the services."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from screener.domain import check_new_password
from screener.errors import InputError, KeysFileError, WrongPassword
from screener.store import keyslots
from screener.store.keyslots import (
    DEFAULT_SCRYPT,
    KdfParams,
    KeysFile,
    backup_path_for,
    load_keys_file,
    new_database_key,
    save_keys_file,
    unwrap_key,
    wrap_key,
)

DB_ID = "0b9f0a55-3f5e-4a43-9f43-5b0f7f2f1d11"


def _keys(*slots: keyslots.KeySlot) -> KeysFile:
    return KeysFile(database_id=DB_ID, slots=slots)


def test_unwrap_gives_back_the_key_with_the_right_password_only() -> None:
    key = new_database_key()
    keys = _keys(wrap_key(key, "ana", "correct horse 1", DB_ID))
    assert unwrap_key(keys, "ana", "correct horse 1") == key
    with pytest.raises(WrongPassword):
        unwrap_key(keys, "ana", "correct horse 2")
    with pytest.raises(WrongPassword):
        unwrap_key(keys, "bob", "correct horse 1")


def test_slot_renamed_to_another_user_does_not_unwrap() -> None:
    """Copying your own slot under the admin's name must not sign you in as the admin."""
    slot = wrap_key(new_database_key(), "ana", "ana-password-1", DB_ID)
    forged = _keys(dataclasses.replace(slot, username="admin"))
    with pytest.raises(WrongPassword):
        unwrap_key(forged, "admin", "ana-password-1")


def test_slot_moved_to_another_database_does_not_unwrap() -> None:
    slot = wrap_key(new_database_key(), "ana", "ana-password-1", DB_ID)
    other = KeysFile(database_id="11111111-2222-3333-4444-555555555555", slots=(slot,))
    with pytest.raises(WrongPassword):
        unwrap_key(other, "ana", "ana-password-1")


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "empty"), ("short", "too short (5 characters)"), ("123456789", "at least 10")],
)
def test_weak_passwords_are_refused_with_a_clear_message(password: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_new_password(password)


def test_ten_character_password_is_accepted() -> None:
    check_new_password("0123456789")


def test_real_slots_use_the_tuned_cost_and_tests_the_cheap_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCREENER_KDF_FAST", raising=False)
    real = KdfParams.new()
    n, r, p = DEFAULT_SCRYPT
    assert (real.n, real.r) == (n, r) and real.p >= p
    monkeypatch.setenv("SCREENER_KDF_FAST", "1")
    fast = KdfParams.new()
    assert fast.n < real.n
    assert real.salt != fast.salt and len(real.salt) == 16


def test_keys_file_round_trips_and_keeps_no_copy_of_old_slots(tmp_path: Path) -> None:
    """Finding 2 of issue 20: a removed slot survived in `screener.db.keys.bak`."""
    path = tmp_path / "screener.db.keys"
    key = new_database_key()
    first = _keys(wrap_key(key, "admin", "admin-password", DB_ID),
                  wrap_key(key, "ana", "ana-password-1", DB_ID))
    save_keys_file(path, first)
    backup_path_for(path).write_bytes(first.to_bytes())  # left by an earlier version
    second = first.without_slot("ana")
    save_keys_file(path, second)
    assert load_keys_file(path) == second
    assert sorted(os.listdir(tmp_path)) == ["screener.db.keys"]
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(WrongPassword):
        unwrap_key(load_keys_file(path), "ana", "ana-password-1")


def test_legacy_slot_still_unwraps(tmp_path: Path) -> None:
    """Keys files of version 1 (slots wrapping the database key itself) still open."""
    legacy = Path(__file__).parents[2] / "fixtures" / "db_v1.sqlcipher.keys"
    keys = load_keys_file(legacy)
    assert all(s.legacy for s in keys.slots)
    save_keys_file(tmp_path / "k", keys)
    assert load_keys_file(tmp_path / "k") == keys


def test_slot_holds_account_keys_and_reseals_without_the_password() -> None:
    key, new = new_database_key(), new_database_key()
    slot = wrap_key(key, "ana", "ana-password-1", DB_ID)
    opened = keyslots.unlock_slot(_keys(slot), "ana", "ana-password-1")
    assert opened.key == key and opened.account is not None
    assert opened.account.public_key == slot.public_key
    assert unwrap_key(_keys(slot.with_next(new).promoted()), "ana", "ana-password-1") == new


def test_missing_keys_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "screener.db.keys"
    with pytest.raises(KeysFileError, match="screener.db.keys is missing"):
        load_keys_file(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\x01 not json", "not valid JSON"),
        (b'{"format": "other"}', "not a Screener keys file"),
        (b'{"format": "screener-keys", "version": 9, "database_id": "x", "slots": []}',
         "version 9"),
        (b'{"format": "screener-keys", "version": 1, "database_id": "x", "slots": [{}]}',
         "slot 1"),
    ],
)
def test_damaged_keys_file_is_named_with_the_problem(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "screener.db.keys"
    path.write_bytes(content)
    with pytest.raises(KeysFileError) as caught:
        load_keys_file(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_tampered_kdf_cost_is_refused_before_deriving(tmp_path: Path) -> None:
    path = tmp_path / "k"
    save_keys_file(path, _keys(wrap_key(new_database_key(), "ana", "ana-password-1", DB_ID)))
    doc = json.loads(path.read_text())
    doc["slots"][0]["kdf"]["n"] = 2**40
    path.write_text(json.dumps(doc))
    with pytest.raises(KeysFileError, match="out of range"):
        load_keys_file(path)


@pytest.mark.parametrize(("one_lane", "lanes"), [(0.5, 2), (0.2, 2), (0.15, 3), (0.05, 9),
                                                 (0.0001, 16)])
def test_a_new_slot_takes_lanes_to_cost_about_the_target_here(
        monkeypatch: pytest.MonkeyPatch, one_lane: float, lanes: int) -> None:
    monkeypatch.setattr(keyslots, "measure_kdf_seconds", lambda params: one_lane)
    assert keyslots.calibrated_scrypt.__wrapped__() == (*DEFAULT_SCRYPT[:2], lanes)
