"""Key derivation: what a password guess costs here, and that wrong keys never open anything.

Criterion: signing in with the real scrypt cost takes 0.3–2 s per guess on this machine (the
figure is printed); wrong passwords, tampered key slots, slots moved to another user and
wrong raw database keys are rejected 100 %.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from screener.errors import NotADatabase, WrongPassword
from screener.store.db import open_database
from screener.store.keyslots import (
    DEFAULT_SCRYPT,
    keys_path_for,
    load_keys_file,
    unwrap_key,
)
from tests.reliability.figures import scale
from tests.reliability.harness import ADMIN, ADMIN_PASSWORD, REPO

REAL_COST_CHILD = """
import json, sys, time
from pathlib import Path
from screener import services
from screener.clock import SystemClock
from screener.errors import WrongPassword
db = Path(sys.argv[1])
services.create_database(db, "admin", "a-real-password-1", SystemClock())
times = []
for _ in range(3):
    start = time.perf_counter()
    try:
        services.open_session(db, "admin", "a-wrong-guess-123", SystemClock())
    except WrongPassword:
        pass
    times.append(time.perf_counter() - start)
start = time.perf_counter()
services.open_session(db, "admin", "a-real-password-1", SystemClock()).close()
times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def test_a_guess_costs_between_a_third_of_a_second_and_two(
        tmp_path: Path, figures: Callable[[str], None]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SCREENER_KDF_FAST"}
    env["PYTHONPATH"] = str(REPO)
    db = tmp_path / "real.db"
    done = subprocess.run([sys.executable, "-c", REAL_COST_CHILD, str(db)], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    *guesses, unlock = json.loads(done.stdout)
    slot = load_keys_file(keys_path_for(db)).slots[0]
    n, r, p = DEFAULT_SCRYPT  # at least what a real install writes
    assert (slot.kdf.n, slot.kdf.r) == (n, r) and slot.kdf.p >= p
    per_guess = statistics.median(guesses)
    figures(f"scrypt n=2^{slot.kdf.n.bit_length() - 1} r={slot.kdf.r} p={slot.kdf.p}: "
            f"{per_guess:.2f} s per wrong guess (median of {len(guesses)}), "
            f"{unlock:.2f} s to unlock")
    assert 0.3 <= per_guess <= 2.0


def test_wrong_keys_are_always_rejected(fresh_db: Path, figures: Callable[[str], None]) -> None:
    keys = load_keys_file(keys_path_for(fresh_db))
    slot = keys.slot(ADMIN)
    assert slot is not None
    tries = scale(50, 500)
    accepted = 0
    for _ in range(tries):  # wrong passwords, some one character away
        guess = secrets.choice([secrets.token_urlsafe(12), ADMIN_PASSWORD[:-1] + "2",
                                ADMIN_PASSWORD.upper(), ADMIN_PASSWORD + " "])
        try:
            unwrap_key(keys, ADMIN, guess)
            accepted += guess != ADMIN_PASSWORD
        except WrongPassword:
            pass
    tampered = 0
    for field in ("nonce", "wrapped_key", "salt"):  # every byte of the slot is checked
        size = len(slot.kdf.salt) if field == "salt" else len(getattr(slot, field))
        for i in range(size):
            if field == "salt":
                salt = bytearray(slot.kdf.salt)
                salt[i] ^= 1
                bad = replace(slot, kdf=replace(slot.kdf, salt=bytes(salt)))
            else:
                data = bytearray(getattr(slot, field))
                data[i] ^= 1
                bad = replace(slot, **{field: bytes(data)})
            with pytest.raises(WrongPassword):
                unwrap_key(replace(keys, slots=(bad,)), ADMIN, ADMIN_PASSWORD)
            tampered += 1
    moved = replace(keys, slots=(replace(slot, username="ana"),))  # a slot copied to a name
    with pytest.raises(WrongPassword):
        unwrap_key(moved, "ana", ADMIN_PASSWORD)
    raw = 0
    for _ in range(scale(20, 200)):  # wrong raw database keys
        with pytest.raises(NotADatabase):
            open_database(fresh_db, secrets.token_bytes(32))
        raw += 1
    figures(f"{tries} wrong passwords, {tampered} tampered slots, 1 slot moved to another "
            f"user, {raw} wrong raw database keys: {accepted} accepted")
    assert accepted == 0
