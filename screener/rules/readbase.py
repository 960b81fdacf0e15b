"""The basic reading steps of a rule file: reporting problems, ids, texts, expressions.

`ReaderBase` records every problem (it does not stop at the first) so that
`screener rules check` can list them all; `schema.Reader` builds on it. What every YAML file
shares (keys, mappings, bilingual text) comes from `screener.yamlpos.Checker`.
"""

from __future__ import annotations

from screener.errors import ExprError, RuleError
from screener.expr import Expression, compile_expression
from screener.rules.catalog import FieldCatalog
from screener.rules.choices import choice_problems
from screener.rules.model import AGENCIES, Parameter
from screener.rules.texts import placeholder_problems
from screener.text import Text
from screener.yamlpos import ID, RULE_FILES, Checker, Diagnostic, YMap, YNode, YScalar, YSeq


class ReaderBase(Checker):
    """Reads one rule file; `errors` and `warnings` list what is wrong."""

    def __init__(
        self,
        file: str,
        catalog: FieldCatalog,
        providers: frozenset[str] | None,
        documents: frozenset[str] | None,
    ) -> None:
        super().__init__(RULE_FILES)
        self.file = file
        self.catalog = catalog
        self.providers = providers
        self.documents = documents
        self.params: frozenset[str] = frozenset()
        self.parameter_specs: dict[str, Parameter] = {}

    @property
    def errors(self) -> list[RuleError]:
        """The errors found so far, each at file:line:col."""
        return [_rule_error(d) for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[RuleError]:
        """The warnings found so far (e.g. a text without Spanish)."""
        return [_rule_error(d) for d in self.diagnostics if not d.is_error]

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

    def text_at(self, node: YMap, key: str, what: str, required: bool = True) -> Text | None:
        """The bilingual text under `key`; it may name the file's parameters as {name}."""
        value = node.get(key)
        if value is None:
            if required:
                self.error(node.loc, f"{what} has no {key}")
            return None
        return self.filled_text(value, f"{what} {key}", self.params)

    def filled_text(self, node: YNode, what: str, names: frozenset[str]) -> Text | None:
        """Bilingual text whose `{name}` placeholders must be among `names`."""
        text = self.text(node, what)
        if text is None:
            return None
        problems = [p for part in (text.en, text.es) if part is not None
                    for p in placeholder_problems(part, names, what)]
        for problem in problems:
            self.error(node, problem)
        return None if problems else text

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
            self.expr_error(exc, value)
            return None
        problems = choice_problems(expr, self.catalog, self.parameter_specs)
        for where, message in problems:
            self.error(where or value.loc, f"{message} (in {source.strip()!r})")
        return None if problems else expr


def _rule_error(d: Diagnostic) -> RuleError:
    return RuleError(d.message, file=d.file, line=d.line, col=d.col)
