"""Every `tr()` string under screener/ui is in resources/i18n/screener_es.ts and translated,
and the compiled .qm matches the .ts. Fix with `python tools/update_translations.py`."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "screener_es.ts"
QM = TS.with_suffix(".qm")


def _tool_module():
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    module = _tool_module()
    if not Path(sys.executable).with_name("pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    return module


def test_every_ui_string_is_translated_to_spanish(tool) -> None:
    missing = tool.check(TS)
    assert not missing, ("untranslated or missing from screener_es.ts (run "
                         "tools/update_translations.py and translate): " + "; ".join(missing))


def test_compiled_translation_matches_the_ts(tool, tmp_path: Path) -> None:
    fresh = tmp_path / "screener_es.qm"
    tool.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run tools/update_translations.py"


def test_translations_keep_placeholders_and_mnemonics(tool) -> None:
    import xml.etree.ElementTree as ET

    problems = []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source", "")
        text = message.findtext("translation", "")
        if set(re.findall(r"\{\w+\}", source)) != set(re.findall(r"\{\w+\}", text)):
            problems.append(f"placeholders differ: {source!r} -> {text!r}")
        if ("&" in source.replace("&nbsp;", "")) != ("&" in text.replace("&nbsp;", "")):
            problems.append(f"mnemonic lost or added: {source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_lupdate_sees_strings_of_a_new_module(tool, tmp_path: Path) -> None:
    """The check really fails when someone adds a string (guards the guard)."""
    probe = tmp_path / "probe.py"
    probe.write_text("from PySide6.QtWidgets import QWidget\n\n\nclass Probe(QWidget):\n"
                     "    def f(self) -> str:\n        return self.tr('A string nobody translated')\n")
    missing = tool.check(TS, (probe,))
    assert missing == ["Probe: A string nobody translated"]
