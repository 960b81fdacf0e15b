"""A real X server (Xvfb) with a real window manager (openbox) for the keyboard tests that
need real windows: activation, focus after a window comes back, menus closing.

pytest-qt's application in the ordinary test processes is offscreen and a process has only
one, so `run_in_x` runs the cases of `keyboard_in_x.py` in a child pytest on the X display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import FOLDER_ENV, Templates

REPO = Path(__file__).resolve().parents[3]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xwindow: runs in a real X server with a window manager")


@pytest.fixture(scope="session")
def x_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`:N` of a fresh Xvfb with openbox managing its windows; both stop at the end."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the X server tests run on Linux")
    missing = [tool for tool in ("Xvfb", "openbox") if shutil.which(tool) is None]
    assert not missing, f"install {missing} (bin/_bootstrap.sh lists them)"
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    home = tmp_path_factory.mktemp("x-home")
    env = {**os.environ, "DISPLAY": display, "HOME": str(home)}
    wm = subprocess.Popen(["openbox", "--sm-disable"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield display
    finally:
        for process in (wm, xvfb):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_in_x(display: str, templates: Templates, *cases: str) -> subprocess.CompletedProcess[str]:
    """Run cases of `keyboard_in_x.py` (pytest node names) in a child pytest on `display`;
    it copies the databases `templates` holds (or builds them there) instead of its own."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "SCREENER_IN_X": "1", FOLDER_ENV: str(templates.folder)}
    env.pop("WAYLAND_DISPLAY", None)
    here = Path(__file__).parent / "keyboard_in_x.py"
    targets = [f"{here}::{case}" for case in cases] or [str(here)]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:randomly",
         "-p", "no:cacheprovider", *targets],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)
