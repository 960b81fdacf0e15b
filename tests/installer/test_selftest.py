"""`screener --self-test` from the source tree: every step passes, a failure is reported and
still cleaned up, and the person's own folders are never touched."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import build_installer
from screener import selftest, services
from screener.errors import ScreenerError

REPO = Path(__file__).resolve().parents[2]
STEPS = ("forms", "rules and rule tests", "program modules", "encrypted databases",
         "sample intake", "screening", "packet PDF", "bundle export and import",
         "desktop libraries", "no plaintext on disk", "clean up")


def test_self_test_passes_and_leaves_nothing_in_the_home_folder(tmp_path: Path) -> None:
    env = {**build_installer.scratch_env(tmp_path / "home"), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "screener", "--self-test"], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for step in STEPS:
        assert f"✓ {step}" in done.stdout, step
    assert "✗" not in done.stdout and "Self-test passed" in done.stdout
    assert build_installer.own_files_in(tmp_path / "home") == []
    assert not list((tmp_path / "home" / "tmp").iterdir())  # its temporary folder is gone


def test_a_failing_step_fails_the_self_test_and_it_still_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ScreenerError("no fonts")

    monkeypatch.setattr(services, "save_packet", broken)
    report = selftest.self_test(parent=tmp_path, desktop=False)
    results = {s.name: s for s in report.steps}
    assert not report.ok
    assert results["packet PDF"].ok is False and "no fonts" in results["packet PDF"].detail
    assert results["bundle export and import"].ok is None  # skipped
    assert results["clean up"].ok is True
    assert list(tmp_path.iterdir()) == []


def test_plaintext_on_disk_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = selftest._Run.step_bundle

    def leaky(run: selftest._Run) -> str:
        (run.folder / "cache.txt").write_text(f"client {selftest.LAST_NAME}", encoding="utf-8")
        return real(run)

    monkeypatch.setattr(selftest._Run, "step_bundle", leaky)
    out = io.StringIO()
    assert selftest.run_self_test(out, desktop=False) == 1
    assert "✗ no plaintext on disk" in out.getvalue() and "cache.txt" in out.getvalue()


def test_version_from_the_source_tree_has_no_build_date() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "screener", "--version"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("Screener ")
    assert "built" not in done.stdout
