"""What `screener`, `screener-gui` and `python -m screener` run.

A sub-command runs on the command line; with none the desktop app opens; `--self-test`
checks the installation. This module is the one place above both `screener.cli` and
`screener.ui` (and the self-test, which uses both), so neither of those imports the other
(the layers contract in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Sequence

from screener import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run Screener as the command line asks; returns the exit code."""
    return cli.main(argv, desktop=_desktop, self_test=_self_test)


def _desktop(db: str | None, demo: bool) -> int:
    from screener.ui.app import run_app  # only now: the command line never needs Qt

    return run_app(db=db, demo=demo)


def _self_test() -> int:
    from screener.selftest import run_self_test

    return run_self_test()
