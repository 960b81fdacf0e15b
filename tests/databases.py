"""Template databases for the tests: each kind is built once per test run and copied, with its
keys file, into every test that needs one (`database_templates` in tests/conftest.py).

A kind is a function `build(folder) -> database path`. Under pytest-xdist the workers share one
build: the first to need a kind builds it under the run's common temporary folder while holding
a file lock; the others wait for the lock and copy the result (the recipe in pytest-xdist's
documentation). The 3,000-client demo database of the shell tests takes most of a minute.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock

from screener import services
from screener.clock import FixedClock
from screener.store.keyslots import keys_path_for

Build = Callable[[Path], Path]

ADMIN, ADMIN_PASSWORD = "admin", "admin-password-1"
WORKER, WORKER_PASSWORD = "ana", "worker-password-1"
#: A child pytest (tests/ui/xwindow) given this folder uses the templates its parent built.
FOLDER_ENV = "SCREENER_TEST_TEMPLATES"


def small(folder: Path) -> Path:
    """An admin and an intake worker, nothing else (created on November 1, 2026)."""
    path = folder / "screener.db"
    clock = FixedClock.on(date(2026, 11, 1))
    services.create_database(path, ADMIN, ADMIN_PASSWORD, clock)
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock) as session:
        services.add_user(session, WORKER, "intake", WORKER_PASSWORD)
    return path


def copy_database(source: Path, path: Path) -> Path:
    """Copy a database and its keys file to `path`; returns `path`."""
    shutil.copyfile(source, path)
    shutil.copyfile(keys_path_for(source), keys_path_for(path))
    return path


class Templates:
    """The template databases of this test run, built on first use into `folder`."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        given = os.environ.get(FOLDER_ENV)
        if given:
            self.folder = Path(given)
        elif os.environ.get("PYTEST_XDIST_WORKER"):
            self.folder = factory.getbasetemp().parent  # the run's folder, above every worker's
        else:
            self.folder = factory.getbasetemp()
        self._built: dict[str, Path] = {}

    def path(self, build: Build) -> Path:
        """The template built by `build` (never change it: copy it with `copy`)."""
        name = f"{build.__module__}.{build.__qualname__}"
        if name not in self._built:
            self._built[name] = self._build(name, build)
        return self._built[name]

    def copy(self, build: Build, folder: Path) -> Path:
        """A private copy of the template built by `build`, as `folder/screener.db`."""
        return copy_database(self.path(build), folder / "screener.db")

    def _build(self, name: str, build: Build) -> Path:
        built = self.folder / f"{name}.built"  # holds the database path once it is complete
        with FileLock(self.folder / f"{name}.lock"):
            if not built.is_file():
                # a fresh folder: a build that failed halfway is left where it stopped
                folder = Path(tempfile.mkdtemp(prefix=f"{name}.", dir=self.folder))
                built.write_text(str(build(folder)), encoding="utf-8")
        return Path(built.read_text(encoding="utf-8"))
