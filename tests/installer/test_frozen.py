"""Build the desktop app with build_installer.py and check the built program itself.

One test, because the build is the expensive part (about half a minute with a warm
PyInstaller cache, a minute or two on a fresh machine) and pytest-xdist could otherwise build
it once per worker. It checks, in order: the build (which runs the frozen self-test
offscreen and fails above 120 MB), the stamped version, the self-test again on a real X
server (Xvfb: the xcb platform plugin and the X libraries it loads from the system), and that
every committed database fixture opens, upgrades and prints a packet in the built app
without leaving personal data on disk. Set SCREENER_SKIP_INSTALLER_TEST=1 to skip it locally.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import build_installer
from tests.installer.fixture_dbs import copy_fixture, manifests

pytestmark = [pytest.mark.slow, pytest.mark.installer]
REPO = Path(__file__).resolve().parents[2]
EXE = ".exe" if sys.platform.startswith("win") else ""


def _run(program: Path, *args: str, env: dict[str, str],
         timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout,
                          stdin=subprocess.DEVNULL)


@contextmanager
def _x_server() -> Iterator[str | None]:
    """A private Xvfb display (":N"), or None where Xvfb is not installed."""
    if shutil.which("Xvfb") is None or not sys.platform.startswith("linux"):
        yield None
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)


def _check_fixture(program: Path, manifest: dict[str, Any], folder: Path) -> None:
    """The built app opens (and upgrades) a committed database and prints a packet from it."""
    db = copy_fixture(manifest, folder / "data")
    env = {**build_installer.scratch_env(folder / "home"), "SCREENER_USER": "admin",
           "SCREENER_PASSPHRASE": manifest["users"]["admin"]["password"]}
    verify = _run(program, "--db", str(db), "audit", "verify", env=env)
    assert verify.returncode == 0, f"{manifest['database']}: {verify.stdout}{verify.stderr}"
    if manifest.get("packet"):
        pdf = folder / "packet.pdf"
        done = _run(program, "--db", str(db), "packet", "--client", manifest["packet"]["client"],
                    "--program", manifest["packet"]["program"], "-o", str(pdf), env=env)
        assert done.returncode == 0, f"{manifest['database']}: {done.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF-")
        pdf.unlink()
    names = [n["last_name"].encode("utf-8") for n in manifest["clients"].values()]
    leaks = [str(p) for p in folder.rglob("*") if p.is_file() and not p.is_relative_to(db.parent)
             and any(n in p.read_bytes() for n in names)]
    assert leaks == [], f"personal data in plaintext after using {manifest['database']}: {leaks}"


def test_installer_builds_and_the_frozen_app_works(tmp_path: Path) -> None:
    if os.environ.get("SCREENER_SKIP_INSTALLER_TEST") == "1":
        pytest.skip("SCREENER_SKIP_INSTALLER_TEST=1")
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [sys.executable, str(REPO / "build_installer.py"), "--dist", str(dist), "--work", str(work),
         "--max-mb", str(build_installer.SIZE_GOAL_MB)],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=1200)
    print(build.stdout, build.stderr)  # shown with -s or when the test fails
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Self-test passed" in build.stdout and " MB in " in build.stdout
    program = dist / "Screener" / f"screener{EXE}"
    assert not (REPO / "screener" / "_build_info.py").exists()

    env = build_installer.scratch_env(tmp_path / "home")
    version = _run(program, "--version", env=env)
    assert version.returncode == 0
    assert version.stdout.strip().startswith(
        f"Screener {build_installer.read_version()} (built {build_installer.build_date()[:4]}")

    with _x_server() as display:
        if display is not None:
            x11 = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"} | {"DISPLAY": display}
            on_x = _run(program, "--self-test", env=x11)
            assert on_x.returncode == 0, on_x.stdout + on_x.stderr
            assert "(xcb)" in on_x.stdout, on_x.stdout

    for number, manifest in enumerate(manifests()):
        _check_fixture(program, manifest, tmp_path / f"fixture{number}")
    assert build_installer.own_files_in(tmp_path / "home") == []
