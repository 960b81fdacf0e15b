"""The committed database fixtures (`tests/fixtures/*.json` describe them) and copying them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from screener.store.keyslots import keys_path_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def manifests() -> list[dict[str, Any]]:
    """Every committed database fixture's manifest, oldest schema first."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    return sorted(found, key=lambda m: (m["schema"], m["database"]))


def copy_fixture(manifest: dict[str, Any], folder: Path) -> Path:
    """A copy of the fixture's database and keys file in `folder` (fixtures stay untouched)."""
    source = FIXTURES / manifest["database"]
    target = folder / "screener.db"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(keys_path_for(source), keys_path_for(target))
    return target
