"""Used by bin\\screener.cmd and bin\\test.cmd (Windows): make .venv hold Screener and its test
tools, refreshed whenever pyproject.toml changes (bin/_bootstrap.sh does this on Linux and
macOS). Run with the Python that should create the environment."""

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
PYTHON = VENV / "Scripts" / "python.exe"
STAMP = VENV / ".screener-stamp"


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - the py launcher may pick an old one
        print(f"Screener needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
              "Install it (winget install Python.Python.3.11) and run this again.",
              file=sys.stderr)
        return 1
    want = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == want:
        return 0
    print(f"Setting up {VENV} (first run takes a few minutes) ...", file=sys.stderr)
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    for args in (["--upgrade", "pip"], ["-e", f"{REPO}[test]"]):
        subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", *args], check=True)
    STAMP.write_text(want + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
