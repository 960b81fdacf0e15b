"""Core dumps, tracebacks, logs: every handler of the desktop app fails with client data in
its local variables and message (`children/crash_tour.py`), then the app dies by SIGSEGV.

Criterion: 0 core files; 0 markers in the log file, stderr, stdout or any dialog (the crash
dialog names no values, nor does the one-line report on stderr). The command line's report
of an unexpected error carries no values either.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.reliability.children.crash_tour import MARKERS
from tests.reliability.harness import child_command, child_env
from tests.reliability.leaks import hits
from tests.reliability.test_canary_scan import _allow_core_dumps, core_files, isolated_env


def test_failing_handlers_and_a_segfault_leave_no_values_anywhere(
        tmp_path: Path, figures: Callable[[str], None]) -> None:
    out, work = tmp_path / "out", tmp_path / "work"
    out.mkdir()
    work.mkdir()
    done = subprocess.run(child_command("crash_tour", str(out)), cwd=work,
                          env=isolated_env(tmp_path), capture_output=True, timeout=600,
                          preexec_fn=_allow_core_dumps)
    assert done.returncode == -signal.SIGSEGV, done.stderr.decode(errors="replace")[-3000:]
    counts = json.loads(done.stdout.decode().splitlines()[-1])
    dialogs = json.loads((out / "dialogs.json").read_text())
    log = (out / "app.log").read_bytes() if (out / "app.log").exists() else b""
    places = {"stdout": done.stdout, "stderr": done.stderr, "log": log,
              "dialogs": json.dumps(dialogs, ensure_ascii=False).encode()}
    found = {where: hits(data, MARKERS) for where, data in places.items() if hits(data, MARKERS)}
    cores = core_files(work)
    figures(f"{counts['handlers']} handlers made to fail twice (through the services they call, "
            f"and themselves): {counts['reports']} crash reports, {counts['crash_dialogs']} "
            f"crash dialogs, {counts['message_boxes']} message boxes; markers found in "
            f"{sorted(found) or 'nothing'}; {len(cores)} core files")
    assert found == {}
    assert cores == []
    assert counts["handlers"] >= 20 and counts["reports"] >= counts["handlers"]


def test_the_command_line_reports_unexpected_errors_without_values(tmp_path: Path) -> None:
    (tmp_path / "form.yaml").write_text("id: x\n")
    code = ("import sys, screener.forms\n"
            "def broken(files, root):\n"
            "    client_name = 'Brindlequix'\n"
            "    raise KeyError(client_name)\n"
            "screener.forms.check_files = broken\n"
            "from screener import cli\n"
            "sys.exit(cli.main(['forms', 'check', 'form.yaml']))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=child_env(),
                          capture_output=True, timeout=60)
    assert done.returncode == 1
    assert b"unexpected error (KeyError at" in done.stderr
    assert b"Brindlequix" not in done.stderr + done.stdout
