"""`screener.services` loads its names on first use (lazy_loader and `__init__.pyi`); the API
stays the same for callers."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import screener.services as services


def test_every_name_of_the_stub_loads() -> None:
    # lazy_loader's EAGER_IMPORT imports every name of the stub at once
    code = "import screener.services as s; print(len(s.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "EAGER_IMPORT": "1"})
    assert int(out.stdout) == len(services.__all__) > 100


def test_no_submodule_shares_a_name_with_a_public_name() -> None:
    # Importing a submodule sets the package attribute of its name, which would then hide
    # a function of the same name from `services.<name>`.
    submodules = {m.name for m in pkgutil.iter_modules(services.__path__)}
    assert not submodules & set(services.__all__)


def test_signing_in_needs_none_of_rules_forms_packets_or_sync() -> None:
    code = ("import sys, screener.services as s\n"
            "s.open_session\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('screener.rules', "
            "'screener.forms', 'screener.packets', 'screener.sync', 'reportlab', 'faker')))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
