"""`screener` with no sub-command opens the desktop app, `--self-test` runs the self-test:
screener.launcher hands both to the command line, which itself never imports the app (the
launcher's own path is run by tests/installer/test_selftest.py and bench/startup_bench.py)."""

from __future__ import annotations

import pytest

from screener import cli


def test_no_sub_command_opens_the_desktop_app() -> None:
    opened: list[tuple[str | None, bool]] = []

    def desktop(db: str | None, demo: bool) -> int:
        opened.append((db, demo))
        return 0

    assert cli.main(["--demo"], desktop=desktop, self_test=lambda: 1) == 0
    assert opened == [(None, True)]


def test_self_test_flag_runs_the_self_test_not_the_app() -> None:
    def desktop(db: str | None, demo: bool) -> int:
        raise AssertionError("the app must not open")

    assert cli.main(["--self-test"], desktop=desktop, self_test=lambda: 7) == 7


def test_the_command_line_alone_cannot_open_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([])
    assert stopped.value.code == 2
    assert "screener" in capsys.readouterr().err

