#!/usr/bin/env python3
"""Refresh the app's translations: `pyside6-lupdate` collects every `tr()` string under
screener/ui into resources/i18n/screener_es.ts (new strings arrive untranslated, strings that
are gone are dropped), then `pyside6-lrelease` compiles screener_es.qm.

    python tools/update_translations.py          # update the .ts and the .qm
    python tools/update_translations.py --check  # exit 1 if a string is missing or untranslated

Translate new strings by editing the .ts (or with `pyside6-linguist`), then run it again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "screener" / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def lupdate(ts: Path, extra: tuple[Path, ...] = ()) -> None:
    files = [*sources(), *(str(p) for p in extra)]
    subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations",
                    "none", "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   cwd=ROOT, check=True)


def untranslated(ts: Path) -> list[str]:
    """`context: source` of every current message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            if kind == "unfinished" or translation is None or not (translation.text or "").strip():
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def check(ts: Path, extra: tuple[Path, ...] = ()) -> list[str]:
    """Untranslated strings of `ts` once today's sources (and `extra` files) are scanned;
    `ts` itself is not changed."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy, extra)
        return untranslated(copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Refresh the app's translations.")
    parser.add_argument("--check", action="store_true",
                        help="do not write: fail if a string is missing or untranslated")
    args = parser.parse_args(argv)
    status = 0
    for lang in LANGUAGES:
        ts, qm = I18N / f"screener_{lang}.ts", I18N / f"screener_{lang}.qm"
        if args.check:
            missing = check(ts)
        else:
            I18N.mkdir(parents=True, exist_ok=True)
            lupdate(ts)
            lrelease(ts, qm)
            missing = untranslated(ts)
        for line in missing:
            print(f"{ts.name}: untranslated: {line}")
        print(f"{ts.name}: {len(missing)} untranslated", file=sys.stderr)
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
