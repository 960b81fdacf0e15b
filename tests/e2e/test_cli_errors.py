"""Bad paths and broken pipes on the command line: a clear `screener: ...` line, never a
Python traceback (DESIGN §6, §10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screener.cli import main
from tests.databases import ADMIN, ADMIN_PASSWORD
from tests.e2e.test_store_cli import run

REPO = Path(__file__).resolve().parents[2]


def test_screen_json_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("county_of_residence: los_angeles\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        f"'{sys.executable}' -m screener screen --answers '{answers}' --today 2026-11-25 --json"
        " | head -c 10", shell=True, capture_output=True, text=True, env=env, timeout=60,
        check=False)
    assert out.stdout == '{\n  "today'
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("where", ["folder", "missing-folder"])
def test_export_to_a_bad_place_says_so_before_asking_anything(db_path: Path, tmp_path: Path,
                                                              where: str) -> None:
    target = tmp_path if where == "folder" else tmp_path / "nowhere" / "x.screener-bundle"
    out = run("export", "-o", str(target), "--db", str(db_path), "--user", ADMIN, password=ADMIN_PASSWORD)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    expected = "is a folder" if where == "folder" else f"there is no folder {tmp_path / 'nowhere'}"
    assert out.stderr.startswith("screener: ") and expected in out.stderr


@pytest.mark.parametrize("command", [["user", "list"], ["init"]])
def test_db_given_the_data_folder_asks_for_the_database_file(db_path: Path, command: list[str]) -> None:
    out = run(*command, "--db", str(db_path.parent), "--user", ADMIN, password=ADMIN_PASSWORD)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr == (f"screener: {db_path.parent} is a folder: --db takes the database file, "
                          f"e.g. {db_path}.\n")


def test_batch_packets_into_a_file_says_it_is_a_file(db_path: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "packets.pdf"
    a_file.write_bytes(b"")
    out = run("packets", "--program", "interim_housing", "-o", str(a_file), "--db", str(db_path),
              "--user", ADMIN, password=ADMIN_PASSWORD)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "is a file: give the folder" in out.stderr


def test_an_unexpected_error_is_one_line_without_values(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    from screener.cli import rules_commands

    def broken(_args: Any) -> int:
        secret = {"ssn": "123-45-6789"}
        return int(secret["missing"])

    monkeypatch.setattr(rules_commands, "screen_command", broken)
    monkeypatch.delenv("SCREENER_DEBUG", raising=False)
    assert main(["screen", "--answers", str(tmp_path / "a.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("screener: unexpected error (KeyError at test_cli_errors.py:")
    assert "Traceback" not in err and "123-45-6789" not in err and "missing" not in err
    monkeypatch.setenv("SCREENER_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["screen", "--answers", str(tmp_path / "a.yaml")])


def test_an_unreadable_file_names_the_file(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    from screener.cli import rules_commands

    def unreadable(_args: Any) -> int:
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked.yaml"))

    monkeypatch.setattr(rules_commands, "screen_command", unreadable)
    assert main(["screen", "--answers", "x.yaml"]) == 1
    assert capsys.readouterr().err == f"screener: {tmp_path / 'locked.yaml'}: Permission denied\n"


def test_progress_bar_line_is_ended_before_an_error_and_drawn_complete_once() -> None:
    import io

    from screener.progress import TerminalProgress

    stream = io.StringIO()
    bar = TerminalProgress(stream, width=4)
    bar.report(1, 4, "Importing")
    TerminalProgress.end_line()
    assert stream.getvalue() == "\rImporting [#---] 1/4\n"
    TerminalProgress.end_line()  # nothing half-drawn any more: nothing written
    bar.report(4, 4, "Importing")
    bar.report(4, 4, "Importing")
    assert stream.getvalue().count("[####] 4/4\n") == 1


def test_progress_bar_stopped_short_is_finished_before_the_summary() -> None:
    """`import` of a bundle already imported reads only its first bytes: the bar is drawn
    complete and its line ended, so the summary (or an error) does not start on the bar's line."""
    import io

    from screener.progress import TerminalProgress

    stream = io.StringIO()
    bar = TerminalProgress(stream, width=4)
    bar.report(1, 4, "Importing")
    bar.finish()
    assert stream.getvalue() == "\rImporting [#---] 1/4\rImporting [####] 4/4\n"
    bar.finish()  # already finished: nothing written
    stream.seek(0)
    stream.truncate()
    done = TerminalProgress(stream, width=4)
    done.report(4, 4, "Importing")
    done.finish()  # drawn complete already: not drawn again
    assert stream.getvalue() == "\rImporting [####] 4/4\n"
