"""Only screener/ui imports PySide6 (DESIGN §2), also at run time.

The layers themselves are import-linter contracts (pyproject.toml, `.venv/bin/lint-imports`).
They read import statements; this test also catches what they cannot see: modules loaded by
name (`importlib.import_module`, as the command line loads its sub-commands).
"""

from __future__ import annotations

import subprocess
import sys


def test_importing_services_does_not_import_qt() -> None:
    code = (
        "import sys, screener.services, screener.cli\n"
        "import pkgutil, importlib, screener\n"
        # walk_packages imports every package it recurses into, so never let it enter ui/
        "for m in pkgutil.iter_modules(screener.__path__, 'screener.'):\n"
        "    if m.name in ('screener.ui', 'screener.__main__'):\n"
        "        continue\n"
        "    mod = importlib.import_module(m.name)\n"
        "    if m.ispkg:\n"
        "        for sub in pkgutil.walk_packages(mod.__path__, m.name + '.'):\n"
        "            importlib.import_module(sub.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"PySide6 imported outside screener.ui: {out.stdout}"
