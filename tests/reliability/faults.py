"""Running one operation with a system call made to fail: strace attaches to a forked
worker (`children/fault_server.py`) just before the operation and injects the error.

`FaultServer.run(op, db, inject)` returns the worker's outcome and the strace log; with
`inject=None` the log tells how often the operation makes each call, which is the range of
N the sweep injects at.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.harness import child_command, child_env

#: The calls the sweep makes fail (SQLite writes with pwrite64; folders are fsynced too).
FAULTED = ("write", "pwrite64", "fsync", "fdatasync", "rename", "renameat", "renameat2", "openat")
ERRORS = ("EIO", "ENOSPC")
_CALL = re.compile(r"^(?:\d+ +)?(\w+)\((.*)")
_TIMEOUT_S = 60
_CHANNEL = "screener-fault-"


@dataclass(frozen=True)
class Run:
    """One operation run: what the worker said, and what strace saw."""

    outcome: str
    log: str

    @property
    def ok(self) -> bool:
        """The operation reported success."""
        return self.outcome == "ok"

    def injected(self) -> list[str]:
        """The calls strace made fail."""
        return [line for line in self.log.splitlines() if "(INJECTED)" in line]


def operation_calls(log: str) -> Counter[str]:
    """How often the operation made each faultable call (the worker's own report of the
    outcome, through its channel, comes after them and is not counted)."""
    counts: Counter[str] = Counter()
    for line in log.splitlines():
        match = _CALL.match(line)
        if match and match.group(1) in FAULTED and _CHANNEL not in match.group(2):
            counts[match.group(1)] += 1
    return counts


def failed_write_in(line: str, folder: Path) -> bool:
    """Whether an injected failure hit a write to the data: a write, fsync or rename of a
    file in `folder` (or the folder), or opening one for writing."""
    match = _CALL.match(line)
    if match is None or str(folder) not in match.group(2):
        return False
    if match.group(1) == "openat":  # opening a file to write, or the folder to fsync it
        return (any(flag in match.group(2) for flag in ("O_WRONLY", "O_RDWR", "O_CREAT"))
                or f'"{folder}"' in match.group(2))
    return True


class FaultServer:
    """The fork server, started once per test."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(child_command("fault_server"), stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True, env=child_env(),
                                      start_new_session=True)
        assert self._proc.stdout is not None and self._proc.stdin is not None
        assert self._proc.stdout.readline().strip() == "server ready"

    def close(self) -> None:
        """Stop the server."""
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        self._proc.wait(timeout=_TIMEOUT_S)

    def run(self, op: str, db: Path, calls: str, inject: str | None) -> Run:
        """Run `op` on `db` once, tracing `calls` and injecting `inject` (strace syntax,
        e.g. `write:error=EIO:when=3`) from the moment the operation starts."""
        assert self._proc.stdin is not None
        with tempfile.TemporaryDirectory(prefix=_CHANNEL) as tmp:
            channel = Path(tmp)
            os.mkfifo(channel / "out")
            os.mkfifo(channel / "in")
            self._proc.stdin.write(f"{op} {db} {channel}\n")
            self._proc.stdin.flush()
            with (channel / "out").open("r") as out, (channel / "in").open("w") as inp:
                ready = _line(out)
                if not ready.startswith("ready"):
                    raise RuntimeError(f"the worker did not start: {ready}")
                pid = int(ready.split()[1])
                log = channel / "strace.log"
                command = ["strace", "-f", "-y", "-o", str(log), "-e", f"trace={calls}"]
                if inject:
                    command += ["-e", f"inject={inject}"]
                tracer = subprocess.Popen([*command, "-p", str(pid)], stderr=subprocess.PIPE,
                                          text=True)
                assert tracer.stderr is not None
                attached = tracer.stderr.readline()
                if "attached" not in attached:
                    os.kill(pid, signal.SIGKILL)
                    raise RuntimeError(f"strace did not attach: {attached}")
                inp.write("go\n")
                inp.flush()
                outcome = _line(out, pid)
                tracer.wait(timeout=_TIMEOUT_S)
                tracer.stderr.close()
            return Run(outcome.strip(), log.read_text(errors="replace"))


def _line(stream: object, pid: int | None = None) -> str:
    """The next line from a FIFO, or `died` if nothing comes within the time limit."""
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], _TIMEOUT_S)
    if not ready:
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
        return "died (hung)"
    line: str = stream.readline()  # type: ignore[attr-defined]
    return line or "died"
