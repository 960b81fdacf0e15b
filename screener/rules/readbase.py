"""The basic reading steps of a rule file: reporting problems, ids, texts, expressions.

`ReaderBase` records every problem (it does not stop at the first) so that
`screener rules check` can list them all; `schema.Reader` builds on it.
"""

from __future__ import annotations

import re

from screener.errors import ExprError, RuleError
from screener.expr import Expression, Location, compile_expression
from screener.rules.catalog import FieldCatalog
from screener.rules.choices import choice_problems
from screener.rules.model import AGENCIES, Parameter
from screener.rules.texts import read_text
from screener.rules.yamlsrc import YMap, YNode, YScalar, YSeq
from screener.text import Text

ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class ReaderBase:
    """Reads one rule file; `errors` and `warnings` collect what is wrong."""

    def __init__(
        self,
        file: str,
        catalog: FieldCatalog,
        providers: frozenset[str] | None,
        documents: frozenset[str] | None,
    ) -> None:
        self.file = file
        self.catalog = catalog
        self.providers = providers
        self.documents = documents
        self.errors: list[RuleError] = []
        self.warnings: list[RuleError] = []
        self.params: frozenset[str] = frozenset()
        self.parameter_specs: dict[str, Parameter] = {}

    # -- reporting -------------------------------------------------------------------------

    def error(self, loc: Location, message: str) -> None:
        self.errors.append(RuleError(message, file=loc.file, line=loc.line, col=loc.col))

    def warn(self, loc: Location, message: str) -> None:
        self.warnings.append(RuleError(message, file=loc.file, line=loc.line, col=loc.col))

    def keys(self, node: YMap, allowed: frozenset[str], what: str) -> None:
        for key, _ in node.entries:
            if key.value not in allowed:
                self.error(key.loc, f"unknown key {key.value!s} in {what} "
                                    f"(allowed: {', '.join(sorted(allowed))})")

    def mapping(self, node: YNode | None, where: Location, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.error(node.loc if node is not None else where, f"{what} must be a mapping")
        return None

    # -- small values ----------------------------------------------------------------------

    def ident(self, node: YMap, what: str, required: bool = True) -> str | None:
        value = node.get("id")
        if value is None:
            if required:
                self.error(node.loc, f"{what} has no id")
            return None
        if not (isinstance(value, YScalar) and isinstance(value.value, str)
                and ID.match(value.value)):
            self.error(value.loc, f"{what} id must be lower_case_words (letters, digits, _)")
            return None
        return value.value

    def text(self, node: YMap, key: str, what: str, required: bool = True) -> Text | None:
        value = node.get(key)
        if value is None:
            if required:
                self.error(node.loc, f"{what} has no {key}")
            return None
        return read_text(value, f"{what} {key}", self.params, self.error, self.warn)

    def string(self, node: YMap, key: str, what: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, YScalar) and isinstance(value.value, str) and value.value.strip():
            return value.value
        self.error(value.loc, f"{what} {key} must be text")
        return None

    def strings(self, node: YMap, key: str, what: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, YScalar) and isinstance(value.value, str):
            return (value.value,)
        if isinstance(value, YSeq) and all(
            isinstance(i, YScalar) and isinstance(i.value, str) for i in value.items
        ):
            return tuple(str(i.value) for i in value.items if isinstance(i, YScalar))
        self.error(value.loc, f"{what} {key} must be text or a list of texts")
        return ()

    def agency(self, node: YMap, what: str) -> str | None:
        value = self.string(node, "administering_agency", what)
        if value is not None and value not in AGENCIES:
            loc = node.get("administering_agency")
            assert loc is not None
            self.error(loc.loc, f"unknown administering_agency {value!r} "
                                f"(one of {', '.join(sorted(AGENCIES))})")
        return value

    def expression(self, node: YMap, key: str, what: str) -> Expression | None:
        value = node.get(key)
        if value is None:
            self.error(node.loc, f"{what} has no {key}")
            return None
        if isinstance(value, YScalar) and isinstance(value.value, bool):
            source = "true" if value.value else "false"
        elif isinstance(value, YScalar) and isinstance(value.value, str):
            source = value.value
        else:
            self.error(value.loc, f"{what} {key} must be an expression (text)")
            return None
        try:
            expr = compile_expression(
                source,
                known_names=self.catalog.field_ids,
                known_params=self.params,
                known_instruments=self.catalog.instrument_ids,
                location=value.text_location(),
            )
        except ExprError as exc:
            self.errors.append(RuleError(exc.message, file=exc.file, line=exc.line, col=exc.col))
            return None
        problems = choice_problems(expr, self.catalog, self.parameter_specs)
        for where, message in problems:
            self.error(where or value.loc, f"{message} (in {source.strip()!r})")
        return None if problems else expr
