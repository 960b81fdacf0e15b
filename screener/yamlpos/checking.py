"""Checking located YAML values, recording every problem with its place.

`Checker` is the base of the form reader (`screener.forms.reader`) and the rule reader
(`screener.rules.readbase`): it does not stop at the first mistake, so `screener forms
check` and `screener rules check` can list them all, and it reads what every kind of file
shares: mappings with known keys, lists, ids and bilingual text `{en: ..., es: ...}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from screener.errors import ExprError
from screener.text import Text
from screener.yamlpos.loading import Dialect
from screener.yamlpos.nodes import Location, YMap, YNode, YScalar, YSeq

#: What an id looks like: lower-case letters, digits and _, starting with a letter.
ID = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file: an error, or a warning (e.g. no Spanish text)."""

    severity: str  # "error" or "warning"
    message: str
    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.col) if p is not None)
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Checker:
    """Reads the located values of one kind of file (`dialect`), collecting diagnostics.

    Each reading method records a problem and returns None (or a default) instead of
    raising, so one pass reports everything wrong with a file.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.diagnostics: list[Diagnostic] = []

    # -- recording ---------------------------------------------------------------------

    def error(self, where: YNode | Location, message: str) -> None:
        """Record an error at a value (or a location)."""
        self._record("error", where, message)

    def warn(self, where: YNode | Location, message: str) -> None:
        """Record a warning at a value (or a location)."""
        self._record("warning", where, message)

    def _record(self, severity: str, where: YNode | Location, message: str) -> None:
        loc = where if isinstance(where, Location) else where.loc
        self.diagnostics.append(Diagnostic(severity, message, loc.file, loc.line, loc.col))

    def expr_error(self, exc: ExprError, fallback: YNode | Location) -> None:
        """Record an expression's error at the token it names (else at `fallback`)."""
        if exc.file is None:
            self.error(fallback, exc.message)
        else:
            self.diagnostics.append(Diagnostic("error", exc.message, exc.file, exc.line, exc.col))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- shapes ------------------------------------------------------------------------

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        """`node` if it is a mapping; an error if it is something else (None: nothing)."""
        if isinstance(node, YMap):
            return node
        if node is not None:
            self.error(node, f"{what} must be a mapping (key: value lines)")
        return None

    def sequence(self, node: YNode | None, what: str) -> tuple[YNode, ...]:
        """The items of a list (none for a missing or empty value); an error otherwise."""
        if node is None or (isinstance(node, YScalar) and node.value is None):
            return ()
        if isinstance(node, YSeq):
            return node.items
        self.error(node, f"{what} must be a list (lines starting with '-')")
        return ()

    def keys(
        self, m: YMap, allowed: Iterable[str], what: str, required: Iterable[str] = ()
    ) -> bool:
        """Report unknown keys (at the key) and missing required keys (at the mapping)."""
        allowed_set = set(allowed)
        show = self.dialect.show_key
        ok = True
        for key in m.keys():
            if key.value not in allowed_set:
                expected = ", ".join(sorted(allowed_set))
                self.error(key, f"unknown key {show(key.value)} in {what} "
                                f"(expected one of: {expected})")
                ok = False
        for name in required:
            if m.get(name) is None:
                self.error(m, f"{what} has no {show(name)}")
                ok = False
        return ok

    # -- values ------------------------------------------------------------------------

    def text(self, node: YNode | None, what: str) -> Text | None:
        """Bilingual text: `{en: ..., es: ...}`, or a plain string (a warning: no Spanish).

        A one-line text has its runs of spaces folded; a text of several lines (a `|`
        block) keeps its line breaks.
        """
        if node is None:
            return None
        if isinstance(node, YScalar) and _filled(node.value):
            self.warn(node, f"{what} {self.dialect.no_spanish}")
            return Text(_tidy(node.value))
        if not isinstance(node, YMap):
            self.error(node, f"{what} must be text or {{en: ..., es: ...}}")
            return None
        parts: dict[str, str] = {}
        for key, value in node.entries:
            if key.value not in ("en", "es"):
                self.error(key, f"unknown language {self.dialect.show_key(key.value)} in "
                                f"{what} (expected en or es)")
            elif isinstance(value, YScalar) and _filled(value.value):
                parts[str(key.value)] = _tidy(value.value)
            else:
                self.error(value, f"{what} ({key.value}) must be non-empty text")
        keys = {k.value for k in node.keys()}
        if "en" not in keys:
            self.error(node, f"{what} has no English (en) text")
        if "en" not in parts:
            return None
        if "es" not in keys:
            self.warn(node, f"{what} {self.dialect.no_spanish}")
        return Text(parts["en"], parts.get("es"))


def _filled(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _tidy(text: str) -> str:
    return " ".join(text.split()) if "\n" not in text else text.strip()
