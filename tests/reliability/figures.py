"""The reliability suite's figures: counts and times each test measured, printed at the end.

Tests call `record(name, text)` (through the `figures` fixture). Every pytest process (the
xdist controller and its workers) appends to files in one folder that the controller chooses
before the workers start and passes on in the environment; the controller prints them all
in the terminal summary, so both the short run (`.ci/run`) and the long run show them.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

_DIR_ENV = "SCREENER_RELIABILITY_FIGURES"
_MODE_ENV = "SCREENER_RELIABILITY"


def configure(config: pytest.Config) -> None:
    """Choose the mode and (in the controller) a fresh folder for the figures."""
    if config.getoption("--long", default=False):
        os.environ[_MODE_ENV] = "long"
    if not hasattr(config, "workerinput"):  # the controller, or a run without xdist
        os.environ[_DIR_ENV] = tempfile.mkdtemp(prefix="screener-figures-")


def is_long() -> bool:
    """True when the long reliability suite was asked for."""
    return os.environ.get(_MODE_ENV, "").lower() == "long"


def scale(short: int, long: int) -> int:
    """`long` in the long run, else `short`."""
    return long if is_long() else short


def record(test: str, text: str) -> None:
    """Note one figure (a line of text) measured by `test`."""
    folder = os.environ.get(_DIR_ENV)
    if not folder:
        return
    path = Path(folder) / f"figures-{os.getpid()}.jsonl"
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"test": test, "text": text}) + "\n")


def summary(reporter: pytest.TerminalReporter) -> None:
    """Print every figure recorded during the run (controller only)."""
    if hasattr(reporter.config, "workerinput"):
        return
    folder = os.environ.get(_DIR_ENV)
    if not folder or not Path(folder).is_dir():
        return
    lines = []
    for path in sorted(Path(folder).glob("figures-*.jsonl")):
        for raw in path.read_text("utf-8").splitlines():
            entry = json.loads(raw)
            lines.append(f"{entry['test']}: {entry['text']}")
    if lines:
        mode = "long" if is_long() else "short"
        reporter.write_sep("=", f"reliability figures ({mode} run)")
        for line in sorted(lines):
            reporter.write_line(line)
