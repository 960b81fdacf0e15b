"""What to do when an urgent flag is raised: the steps of `resources/urgent_protocols.yaml`.

The red banner (intake, eligibility) shows them under the flag, in the language of the
questions, so the worker with the person in front of them is told what to do, not only that
something is urgent.
"""

from __future__ import annotations

from functools import cache

import yaml

from screener.errors import InputError
from screener.paths import resource
from screener.text import Text

FILE = "urgent_protocols.yaml"


@cache
def _protocols() -> dict[str, tuple[Text, ...]]:
    path = resource(FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot be read ({type(exc).__name__}).") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected flag ids with their steps.")
    out: dict[str, tuple[Text, ...]] = {}
    for flag_id, entry in data.items():
        steps = entry.get("steps") if isinstance(entry, dict) else None
        if not isinstance(steps, list) or not all(
                isinstance(s, dict) and isinstance(s.get("en"), str) for s in steps):
            raise InputError(f"{path}: {flag_id}: expected steps, each {{en: ..., es: ...}}.")
        out[str(flag_id)] = tuple(Text(s["en"], s.get("es") or s["en"]) for s in steps)
    return out


def urgent_protocol(flag_id: str) -> tuple[Text, ...]:
    """The steps to take for an urgent flag, in order (empty when none are written down)."""
    return _protocols().get(flag_id, ())
