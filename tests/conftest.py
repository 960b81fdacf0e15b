"""Shared test set-up. Qt must be told to run offscreen before it is first imported:
a Qt platform failure aborts the process instead of raising.

The reliability suite (`tests/reliability/`) runs a short version by default; `--long` (or
`SCREENER_RELIABILITY=long`) runs the full counts. Its figures are printed at the end of the
run (collected from every xdist worker).
"""

from __future__ import annotations

import os

import pytest

from tests.reliability import figures
from tests.shared_setup import sharing_loader

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCREENER_KDF_FAST", "1")  # tests use a cheap key derivation


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long", action="store_true", default=False,
        help="run the long reliability suite (500 kills, 1,000 flips, 100,000 examples...)",
    )


def pytest_configure(config: pytest.Config) -> None:
    figures.configure(config)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    figures.summary(terminalreporter)


@pytest.fixture(autouse=True, scope="session")
def _core_limit_stays_raisable() -> object:
    """Tests that call `screener.cli.main` in this process harden it like the app, which sets
    the *hard* core limit to 0 for good; the reliability suite then could no longer start the
    child that dumps core on purpose (its negative control). Here only the soft limit drops.
    The hardening itself is tested in child processes (tests/reliability/test_canary_scan.py).
    """
    from screener import hardening

    try:
        import resource
    except ImportError:  # Windows: the test run's python.exe is not excluded from crash reports

        def soft_only() -> None:
            pass
    else:

        def soft_only() -> None:
            limit = resource.getrlimit(resource.RLIMIT_CORE)[1]
            resource.setrlimit(resource.RLIMIT_CORE, (0, limit))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hardening, "disable_core_dumps", soft_only)
        yield


@pytest.fixture(autouse=True)
def _no_database_in_use() -> object:
    """Opening a session makes its database the one whose content pack is in force
    (`paths.use_database`); a test never inherits that from the test before it."""
    from screener import paths

    yield
    paths.use_database(None)


@pytest.fixture(autouse=True, scope="session")
def _built_in_setup_loaded_once() -> object:
    """Sessions share one loaded copy of the built-in forms and rules (tests/shared_setup.py)."""
    from screener.services import session

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(session, "load_setup_in_force", sharing_loader())
        yield
