"""Bilingual texts of rule files, with `{parameter}` placeholders filled on the day of use.

A criterion's text may name parameters of its file, e.g. "Released within the last
{max_months_since_release} months", so the words shown to the client follow the value in
force instead of going stale when an analyst changes the number. `{{` and `}}` are braces.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from screener.text import Text

_FORMATTER = string.Formatter()


def placeholder_problems(text: str, names: frozenset[str], what: str) -> list[str]:
    """What is wrong with the `{name}` placeholders of `text` (an empty list: nothing).

    Each must be one of `names`, written without a format; a brace is written `{{`/`}}`.
    """
    try:
        fields = [(f, spec, conv) for _, f, spec, conv in _FORMATTER.parse(text) if f is not None]
    except ValueError as exc:
        return [f"{what}: unbalanced braces ({exc}); write {{{{ and }}}} for a brace"]
    problems: list[str] = []
    for name, spec, conv in fields:
        if name not in names:
            problems.append(f"{what} names {{{name}}}, which is not a parameter of this file")
        elif spec or conv:
            problems.append(f"{what}: write {{{name}}} without a format")
    return problems


def has_placeholders(text: Text) -> bool:
    """True if the text names a parameter (and must be filled in per day)."""
    return any("{" in p for p in (text.en, text.es) if p is not None)


class _KeepUnknown(dict[str, str]):
    """Leaves a placeholder that is not a parameter (a field of a "because" phrase) as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: Text, values: Mapping[str, object]) -> Text:
    """The text with each `{parameter}` replaced by its value in force (other names kept)."""
    shown = _KeepUnknown({k: show(v) for k, v in values.items()})
    return Text(text.en.format_map(shown), text.es.format_map(shown) if text.es else text.es)


def show(value: object) -> str:
    """A parameter value as a person reads it (dates ISO, lists comma-separated)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)
