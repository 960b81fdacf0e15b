"""Test-only settings cannot weaken a real installation (issue 20, finding 7): the
installed app ignores `SCREENER_KDF_FAST` (and strengthens a cheap slot at sign-in), and no
Screener uses it with a real database (one with slots of the real cost)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.errors import StoreError
from screener.store.keyslots import KdfParams, keys_path_for, load_keys_file
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD


def test_the_installed_app_ignores_the_fast_kdf_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENER_KDF_FAST", "1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert not KdfParams.new().weak


def test_a_cheap_slot_is_strengthened_at_sign_in_by_the_installed_app(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_keys_file(keys_path_for(db_path)).slot(ADMIN).kdf.weak  # made by the tests
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock).close()
    assert not load_keys_file(keys_path_for(db_path)).slot(ADMIN).kdf.weak


def test_the_fast_kdf_setting_is_refused_with_a_real_database(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "screener.db"
    monkeypatch.delenv("SCREENER_KDF_FAST")
    services.create_database(real, ADMIN, ADMIN_PASSWORD, clock)  # the real cost
    before = keys_path_for(real).read_bytes()
    monkeypatch.setenv("SCREENER_KDF_FAST", "1")
    with pytest.raises(StoreError, match="SCREENER_KDF_FAST is a setting for the test suite"):
        services.open_session(real, ADMIN, ADMIN_PASSWORD, clock)
    assert keys_path_for(real).read_bytes() == before
