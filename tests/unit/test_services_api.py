"""`screener.services` loads its names on first use; the API stays the same for callers."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import screener.services as services


def test_every_public_name_resolves_to_the_object_of_its_module() -> None:
    for name in services.__all__:
        value = getattr(services, name)
        module = importlib.import_module(services._MODULE_OF[name])
        assert value is getattr(module, name), name
    assert sorted(services._MODULE_OF) == sorted(services.__all__)


def test_the_lazy_table_matches_the_imports_type_checkers_read() -> None:
    tree = ast.parse(Path(services.__file__).read_text("utf-8"))
    checked: dict[str, tuple[str, ...]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            if node.module.startswith("screener."):
                checked[node.module] = tuple(a.name for a in node.names)
    assert checked == services._SOURCES


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
