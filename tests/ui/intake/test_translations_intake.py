"""Every `tr()` string of the intake wizard, eligibility view and packet dialog has a Spanish
translation in tools/translations_intake_es.py, keeping placeholders and mnemonics."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("intake", "eligibility", "packets")


def test_every_string_has_a_spanish_translation(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    files = sorted(str(p) for pkg in PACKAGES for p in (ROOT / "screener/ui" / pkg).glob("*.py"))
    ts = tmp_path / "mine.ts"
    subprocess.run([str(lupdate), *files, "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   check=True, capture_output=True)
    sources = {m.findtext("source", "") for m in ET.parse(ts).getroot().iter("message")}
    es: dict[str, str] = runpy.run_path(str(ROOT / "tools/translations_intake_es.py"))["ES"]
    assert sorted(sources - set(es)) == []
    for source in sources:
        text = es[source]
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", text)), source
        assert ("&" in source) == ("&" in text), source
