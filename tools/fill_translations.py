#!/usr/bin/env python3
"""Fill untranslated messages of a .ts file from a Python dict {source: translation}.

    python tools/fill_translations.py resources/i18n/screener_es.ts MAPPING.py

MAPPING.py defines `ES = {...}`. Only messages still marked unfinished are filled; existing
translations are kept. Run tools/update_translations.py afterwards to compile the .qm.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(ts: Path, mapping: dict[str, str]) -> int:
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in mapping:
            translation.text = mapping[source]
            del translation.attrib["type"]
            filled += 1
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return filled


def main() -> int:
    ts, mapping_file = Path(sys.argv[1]), sys.argv[2]
    mapping = runpy.run_path(mapping_file)["ES"]
    print(f"filled {fill(ts, mapping)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
