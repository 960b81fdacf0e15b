"""Compile expression text once into a tree of Python closures.

The text is parsed with `ast.parse(mode="eval")`; every node type is checked against a
whitelist and turned into a closure `fn(ctx) -> value`. Nothing of the text is ever passed to
`eval`, `exec` or `compile`. Unknown values (`Unknown`) carry the field ids that made them
unknown, so the closures return a single value and the reasons travel with it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date

from screener.errors import ExprError
from screener.expr.calls import compile_call
from screener.expr.functions import kind
from screener.expr.operators import compile_binop, compile_compare
from screener.expr.values import (
    Context,
    Fn,
    Unknown,
    merge,
    same,
    unknown,
)
from screener.yamlpos import Location

#: Names that are language words, not fields.
CONSTANTS: dict[str, object] = {
    "true": True, "false": False, "null": None,
    "True": True, "False": False, "None": None,
}
MAX_SOURCE = 5000
MAX_DEPTH = 60


class Compiler:
    """Turns one parsed expression into closures, recording the names it reads."""

    def __init__(
        self,
        source: str,
        location: Location | None,
        known_names: frozenset[str] | None,
        known_params: frozenset[str] | None,
        known_instruments: frozenset[str] | None,
    ) -> None:
        self.source = source
        self.location = location
        self.known_names = known_names
        self.known_params = known_params
        self.known_instruments = known_instruments
        self.names: set[str] = set()
        self.params: set[str] = set()
        self.instruments: set[str] = set()

    # -- errors ------------------------------------------------------------------------

    def error(self, node: ast.AST | None, message: str) -> ExprError:
        """An ExprError at the node's position, quoting the offending token."""
        lineno = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        token = ast.get_source_segment(self.source, node) if node is not None else None
        text = f"{message}: {token!r}" if token else message
        text = f"{text} (in {self.source.strip()!r})" if token != self.source.strip() else text
        if self.location is None:
            return ExprError(text, line=lineno, col=col + 1)
        where = self.location.shifted(lineno, col)
        return ExprError(text, file=where.file, line=where.line, col=where.col)

    def runtime(self, node: ast.AST) -> Callable[[str], ExprError]:
        """A factory for run-time errors at this node (built once, at compile time)."""
        return lambda message: self.error(node, message)

    # -- dispatch ------------------------------------------------------------------------

    def compile(self, node: ast.AST, depth: int = 0) -> Fn:
        if depth > MAX_DEPTH:
            raise self.error(node, "expression is nested too deeply")
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.error(node, f"not allowed in an expression ({describe(node)})")
        fn: Fn = method(node, depth + 1)
        return fn

    def _Expression(self, node: ast.Expression, depth: int) -> Fn:
        return self.compile(node.body, depth)

    def _Constant(self, node: ast.Constant, depth: int) -> Fn:
        value = node.value
        if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
            return lambda ctx: value
        raise self.error(node, f"not allowed in an expression ({type(value).__name__} literal)")

    def _Name(self, node: ast.Name, depth: int) -> Fn:
        name = node.id
        if name in CONSTANTS:
            value = CONSTANTS[name]
            return lambda ctx: value
        if name == "today":
            return lambda ctx: ctx.today
        if self.known_params is not None and name in self.known_params:
            self.params.add(name)
            return self.param_lookup(node, name)
        if self.known_names is not None and name not in self.known_names:
            raise self.error(node, "unknown name (not a field or parameter)")
        self.names.add(name)
        absent = unknown((name,))

        if self.known_params is not None:  # parameters are declared: a name is a field

            def field(ctx: Context) -> object:
                value = ctx.answers.get(name)
                if value is None or value == "" or value == []:
                    return absent
                return value

            return field

        def lookup(ctx: Context) -> object:
            params = ctx.params
            if name in params:
                return params[name]
            value = ctx.answers.get(name)
            if value is None or value == "" or value == []:
                return absent
            return value  # may be an Unknown from a computed field: it keeps its reasons

        return lookup

    def param_lookup(self, node: ast.AST, name: str) -> Fn:
        """A closure reading rule parameter `name` (absent at run time → ExprError)."""
        fail = self.runtime(node)

        def param(ctx: Context) -> object:
            try:
                return ctx.params[name]
            except KeyError:
                raise fail(f"parameter {name!r} has no value") from None

        return param

    def _List(self, node: ast.List | ast.Tuple, depth: int) -> Fn:
        items = [self.compile(e, depth) for e in node.elts]
        if all(isinstance(e, ast.Constant) for e in node.elts):
            constant = [fn(Context({}, date.min)) for fn in items]
            return lambda ctx: constant  # never mutated; evaluate_in hands out a copy

        def build(ctx: Context) -> object:
            values = [fn(ctx) for fn in items]
            for v in values:
                if type(v) is Unknown:
                    return merge(*values)
            return values

        return build

    _Tuple = _List

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Fn:
        parts = [self.compile(v, depth) for v in node.values]
        fail = self.runtime(node)
        is_and = isinstance(node.op, ast.And)
        decisive = not is_and  # `and` stops at false, `or` stops at true

        word = "and" if is_and else "or"

        def kleene(ctx: Context) -> object:
            pending: Unknown | None = None
            for fn in parts:
                v = fn(ctx)
                if v is decisive:
                    return decisive
                if type(v) is Unknown:
                    pending = v if pending is None else merge(pending, v)
                elif type(v) is not bool:
                    raise fail(f"'{word}' needs true/false, not {kind(v)}")
            return not decisive if pending is None else pending

        return kleene

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Fn:
        inner = self.compile(node.operand, depth)
        fail = self.runtime(node)
        if isinstance(node.op, ast.Not):
            def negate(ctx: Context) -> object:
                v = inner(ctx)
                if type(v) is bool:
                    return not v
                if type(v) is Unknown:
                    return v
                raise fail(f"'not' needs true/false, not {kind(v)}")
            return negate
        if isinstance(node.op, ast.USub | ast.UAdd):
            sign = -1 if isinstance(node.op, ast.USub) else 1

            def signed(ctx: Context) -> object:
                v = inner(ctx)
                if type(v) is Unknown:
                    return v
                if isinstance(v, int | float):
                    return sign * v
                raise fail(f"a sign needs a number, not {kind(v)}")
            return signed
        raise self.error(node, "not allowed in an expression (operator)")

    def _IfExp(self, node: ast.IfExp, depth: int) -> Fn:
        test = self.compile(node.test, depth)
        yes = self.compile(node.body, depth)
        no = self.compile(node.orelse, depth)
        fail = self.runtime(node.test)

        def choose(ctx: Context) -> object:
            c = test(ctx)
            if c is True:
                return yes(ctx)
            if c is False:
                return no(ctx)
            if type(c) is not Unknown:
                raise fail(f"the condition of 'if' needs true/false, not {kind(c)}")
            a, b = yes(ctx), no(ctx)
            if type(a) is not Unknown and type(b) is not Unknown and same(a, b):
                return a
            return merge(c, a, b)

        return choose

    def _Call(self, node: ast.Call, depth: int) -> Fn:
        return compile_call(self, node, depth)

    def _BinOp(self, node: ast.BinOp, depth: int) -> Fn:
        return compile_binop(self, node, depth)

    def _Compare(self, node: ast.Compare, depth: int) -> Fn:
        return compile_compare(self, node, depth)


def describe(node: ast.AST) -> str:
    """A reader's name for a node type the language refuses."""
    names = {
        "Attribute": "attribute access", "Subscript": "indexing", "Lambda": "lambda",
        "ListComp": "comprehension", "GeneratorExp": "comprehension", "SetComp": "comprehension",
        "DictComp": "comprehension", "Dict": "dictionary", "Set": "set", "JoinedStr": "f-string",
        "NamedExpr": "assignment", "Starred": "star argument", "Await": "await",
    }
    return names.get(type(node).__name__, type(node).__name__)

