"""Bilingual texts of rule files, with `{parameter}` placeholders filled on the day of use.

A criterion's text may name parameters of its file, e.g. "Released within the last
{max_months_since_release} months", so the words shown to the client follow the value in
force instead of going stale when an analyst changes the number. `{{` and `}}` are braces.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date

from screener.expr import Location
from screener.rules.yamlsrc import YMap, YNode, YScalar
from screener.text import Text

#: How a reader reports a problem: (where, message).
Report = Callable[[Location, str], None]

_FORMATTER = string.Formatter()


def read_text(
    node: YNode, what: str, params: frozenset[str], error: Report, warn: Report
) -> Text | None:
    """`{en: ..., es: ...}` or a plain string (English only: a warning) as a Text."""
    if isinstance(node, YScalar) and isinstance(node.value, str) and node.value.strip():
        warn(node.loc, f"{what} has no Spanish (es) text")
        en, es = node.value, None
    elif isinstance(node, YMap):
        parts: dict[str, str] = {}
        for key, value in node.entries:
            if key.value not in ("en", "es"):
                error(key.loc, f"unknown language {key.value!s} in {what} (en or es)")
            elif not (isinstance(value, YScalar) and isinstance(value.value, str)
                      and value.value.strip()):
                error(value.loc, f"{what} {key.value} must be non-empty text")
            else:
                parts[str(key.value)] = value.value
        if "en" not in parts:
            if not any(k.value == "en" for k, _ in node.entries):
                error(node.loc, f"{what} has no English (en) text")
            return None
        en, es = parts["en"], parts.get("es")
        if es is None and not any(k.value == "es" for k, _ in node.entries):
            warn(node.loc, f"{what} has no Spanish (es) text")
    else:
        error(node.loc, f"{what} must be text or {{en: ..., es: ...}}")
        return None
    ok = True
    for part in (en, es):
        if part is not None and not _placeholders_ok(part, params, node.loc, what, error):
            ok = False
    return Text(en, es) if ok else None


def _placeholders_ok(
    text: str, params: frozenset[str], loc: Location, what: str, error: Report
) -> bool:
    try:
        fields = [f for _, f, spec, conv in _FORMATTER.parse(text) if f is not None]
        specs = [(spec, conv) for _, f, spec, conv in _FORMATTER.parse(text) if f is not None]
    except ValueError as exc:
        error(loc, f"{what}: unbalanced braces ({exc}); write {{{{ and }}}} for a brace")
        return False
    ok = True
    for name, (spec, conv) in zip(fields, specs, strict=True):
        if name not in params:
            error(loc, f"{what} names {{{name}}}, which is not a parameter of this file")
            ok = False
        elif spec or conv:
            error(loc, f"{what}: write {{{name}}} without a format")
            ok = False
    return ok


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
