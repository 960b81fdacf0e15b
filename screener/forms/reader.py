"""Reading located YAML into checked values, collecting every problem with its position."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

from screener.errors import ExprError
from screener.expr import Expression, Location, compile_expression
from screener.forms.model import Diagnostic
from screener.forms.yamlsrc import YMap, YNode, YScalar, YSeq
from screener.text import Text

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
#: Words an id may not be: the expression language's own names.
RESERVED = frozenset({"today", "true", "false", "null", "date"})


class Reader:
    """Primitive readers shared by the form and instrument loaders.

    Each reader records a Diagnostic and returns None (or a default) on a problem, so one
    pass reports everything wrong with a file.
    """

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    # -- recording ---------------------------------------------------------------------

    def error(self, where: YNode | Location, message: str) -> None:
        loc = where if isinstance(where, Location) else where.loc
        self.diagnostics.append(Diagnostic("error", message, loc.file, loc.line, loc.col))

    def warn(self, where: YNode | Location, message: str) -> None:
        loc = where if isinstance(where, Location) else where.loc
        self.diagnostics.append(Diagnostic("warning", message, loc.file, loc.line, loc.col))

    def expr_error(self, exc: ExprError, fallback: YNode) -> None:
        if exc.file is None:
            self.error(fallback, exc.message)
        else:
            self.diagnostics.append(Diagnostic("error", exc.message, exc.file, exc.line, exc.col))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- shapes ------------------------------------------------------------------------

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        if node is not None:
            self.error(node, f"{what} must be a mapping (key: value lines)")
        return None

    def sequence(self, node: YNode | None, what: str) -> tuple[YNode, ...]:
        if node is None or (isinstance(node, YScalar) and node.value is None):
            return ()
        if isinstance(node, YSeq):
            return node.items
        self.error(node, f"{what} must be a list (lines starting with '-')")
        return ()

    def keys(
        self, m: YMap, allowed: Iterable[str], required: Iterable[str], what: str
    ) -> bool:
        """Report unknown keys (at the key) and missing required keys (at the mapping)."""
        allowed_set = set(allowed)
        ok = True
        for key in m.keys():
            if key.value not in allowed_set:
                expected = ", ".join(sorted(allowed_set))
                self.error(key, f"unknown key {key.value!r} in {what} (expected one of: {expected})")
                ok = False
        for name in required:
            if m.get(name) is None:
                self.error(m, f"{what} has no {name!r}")
                ok = False
        return ok

    # -- values ------------------------------------------------------------------------

    def ident(self, node: YNode | None, what: str) -> str | None:
        if not isinstance(node, YScalar) or not isinstance(node.value, str):
            if node is not None:
                self.error(node, f"{what} must be a word like 'release_date'")
            return None
        value = node.value
        if not _ID.match(value) or keyword.iskeyword(value) or value in RESERVED:
            self.error(node, f"bad {what} {value!r}: use lower-case letters, digits and _, "
                       "starting with a letter (and not a reserved word)")
            return None
        return value

    def text(self, node: YNode | None, what: str) -> Text | None:
        """Bilingual text: `{en: ..., es: ...}`, or a plain string (warning: no Spanish)."""
        if node is None:
            return None
        if isinstance(node, YScalar):
            if isinstance(node.value, str) and node.value.strip():
                self.warn(node, f"{what} has no Spanish translation")
                return Text(node.value.strip())
            self.error(node, f"{what} must be text or {{en: ..., es: ...}}")
            return None
        m = self.mapping(node, what)
        if m is None:
            return None
        self.keys(m, ("en", "es"), ("en",), what)
        en, es = m.get("en"), m.get("es")
        english = self._string(en, f"{what} (en)")
        spanish = self._string(es, f"{what} (es)") if es is not None else None
        if english is None:
            return None
        if spanish is None and es is None:
            self.warn(m, f"{what} has no Spanish translation")
        return Text(english, spanish)

    def _string(self, node: YNode | None, what: str) -> str | None:
        if isinstance(node, YScalar) and isinstance(node.value, str) and node.value.strip():
            return " ".join(node.value.split()) if "\n" not in node.value else node.value.strip()
        if node is not None:
            self.error(node, f"{what} must be non-empty text")
        return None

    def boolean(self, node: YNode | None, what: str, default: bool = False) -> bool:
        if node is None:
            return default
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        self.error(node, f"{what} must be true or false")
        return default

    def positive_int(self, node: YNode | None, what: str) -> int | None:
        if isinstance(node, YScalar) and type(node.value) is int and node.value > 0:
            return node.value
        if node is not None:
            self.error(node, f"{what} must be a whole number above 0")
        return None

    def number(self, node: YNode | None, what: str) -> int | float | None:
        if isinstance(node, YScalar) and type(node.value) in (int, float):
            value: int | float = node.value  # type: ignore[assignment]
            return value
        if node is not None:
            self.error(node, f"{what} must be a number")
        return None

    def expression(
        self,
        node: YNode | None,
        what: str,
        known_names: frozenset[str],
        known_instruments: frozenset[str] | None = None,
        known_params: frozenset[str] | None = None,
    ) -> Expression | None:
        """Compile an expression value (`true`/`false` are allowed as constants)."""
        if node is None or (isinstance(node, YScalar) and node.value is None):
            return None
        if not isinstance(node, YScalar) or not isinstance(node.value, str | bool):
            self.error(node, f"{what} must be an expression (text)")
            return None
        source = node.value if isinstance(node.value, str) else str(node.value).lower()
        try:
            return compile_expression(
                source,
                known_names=known_names,
                known_params=known_params,
                known_instruments=known_instruments,
                location=node.text_location(),
            )
        except ExprError as exc:
            self.expr_error(exc, node)
            return None
