"""The long reliability run: `python -m tests.reliability [PYTEST ARGS...]`.

Runs tests/reliability with `--long` (500 kills, 200 power losses, every fill level and
every fault, 1,000 flips, 100,000 fuzz examples per parser...) on two workers and prints the
figures at the end. Takes a few hours; pass e.g. `-k sigkill` to run one part.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def main() -> int:
    here = Path(__file__).parent
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = [str(here), "--long", "-q", "-p", "no:cacheprovider", "-n", "2", *sys.argv[1:]]
    return int(pytest.main(args))


if __name__ == "__main__":
    raise SystemExit(main())
