"""Reading the values of form and instrument files: ids, numbers, booleans, expressions."""

from __future__ import annotations

import keyword

from screener.errors import ExprError
from screener.expr import Expression, compile_expression
from screener.yamlpos import FORM_FILES, ID, Checker, YNode, YScalar

#: Words an id may not be: the expression language's own names.
RESERVED = frozenset({"today", "true", "false", "null", "date"})


class Reader(Checker):
    """What the form and instrument loaders read, on top of the shared YAML checks (keys,
    lists, bilingual text). Each reader records a Diagnostic and returns None (or a default)
    on a problem, so one pass reports everything wrong with a file.
    """

    def __init__(self) -> None:
        super().__init__(FORM_FILES)

    def ident(self, node: YNode | None, what: str) -> str | None:
        if not isinstance(node, YScalar) or not isinstance(node.value, str):
            if node is not None:
                self.error(node, f"{what} must be a word like 'release_date'")
            return None
        value = node.value
        if not ID.match(value) or keyword.iskeyword(value) or value in RESERVED:
            self.error(node, f"bad {what} {value!r}: use lower-case letters, digits and _, "
                       "starting with a letter (and not a reserved word)")
            return None
        return value

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
