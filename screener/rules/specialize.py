"""Specialise an expression to one evaluation day: parameters and `today` become literals.

`release_date >= add_months(today, -reentry_window_months)` bound to 2026-11-25 with the
window at 12 becomes `release_date >= date('2025-11-25')`: the date arithmetic is done once
per day instead of once per client, and identical criteria of different files (the same
test with differently named parameters of equal value) fold to the same text and share a
slot. Parts that read no answer and no score are worked out with the expression language
itself (`compile_expression(...).evaluate`); nothing is ever given to eval.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from screener.expr import Expression, compile_expression
from screener.expr.functions import years_between

#: Calls that read the client's answers or scores: never constant.
_CLIENT_CALLS = frozenset({"answered", "score"})
_WORDS = frozenset({"true", "false", "null", "True", "False", "None", "today"})


def specialize(expr: Expression, today: date, params: Mapping[str, object]) -> Expression:
    """`expr` with every part that depends only on `today` and `params` replaced by its value.

    Returns `expr` itself when nothing can be folded. Raises ExprError (at the expression's
    location) when a constant part fails, e.g. date arithmetic out of the calendar.
    """
    tree = ast.parse(expr.source, mode="eval")
    folder = _Folder(expr, today, params)
    body = _AgeRewriter(today, folder).visit(folder.fold(tree.body))
    if not folder.changed:
        return expr
    source = ast.unparse(ast.fix_missing_locations(ast.Expression(body)))
    return compile_expression(source, known_params=frozenset(), location=expr.location)


class _Folder:
    def __init__(self, expr: Expression, today: date, params: Mapping[str, object]) -> None:
        self.expr = expr
        self.today = today
        self.params = params
        self.changed = False

    def constant(self, node: ast.AST) -> bool:
        """True if `node` reads no answer and no score (only literals, today, parameters)."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return node.id in _WORDS or node.id in self.params
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id in _CLIENT_CALLS:
                return False
            if node.func.id == "param":
                return True
            return all(self.constant(a) for a in node.args) and not node.keywords
        if isinstance(node, ast.expr_context | ast.operator | ast.boolop | ast.unaryop
                      | ast.cmpop):
            return True
        if isinstance(node, ast.BinOp | ast.UnaryOp | ast.BoolOp | ast.Compare | ast.IfExp
                      | ast.List | ast.Tuple):
            return all(self.constant(child) for child in ast.iter_child_nodes(node))
        return False

    def fold(self, node: ast.expr) -> ast.expr:
        """The node with its largest constant parts replaced by literals."""
        if self.constant(node):
            if isinstance(node, ast.Constant):
                return node
            if isinstance(node, ast.Name) and node.id in ("true", "false", "null", "True",
                                                           "False", "None"):
                return node
            literal = self.literal(node)
            if literal is not None:
                self.changed = True
                return literal
            return node
        for name, value in ast.iter_fields(node):
            if isinstance(node, ast.Call) and name == "func":
                continue  # a function's name, never a value
            if isinstance(value, ast.expr):
                setattr(node, name, self.fold(value))
            elif isinstance(value, list):
                setattr(node, name, [self.fold(v) if isinstance(v, ast.expr) else v
                                     for v in value])
        return node

    def literal(self, node: ast.expr) -> ast.expr | None:
        """The value of a constant part as a literal node (None if it cannot be written)."""
        source = ast.unparse(node)
        part = compile_expression(source, location=self.expr.location,
                                  known_params=frozenset(self.params))
        result = part.evaluate({}, self.today, self.params)
        return _as_node(result.value) if result.known else None


class _AgeRewriter(ast.NodeTransformer):
    """`age(dob) >= 18` → `dob <= date('2008-11-25')`: the same test without date arithmetic
    per client. Whole years (dateutil) only shrink as the birth date moves later, so the
    threshold is found once, with the very function the language uses; `years_between(x, D)`
    with a fixed D is rewritten the same way."""

    _FLIP = {ast.GtE: (0, ast.LtE), ast.Gt: (1, ast.LtE), ast.Lt: (0, ast.Gt),
             ast.LtE: (1, ast.Gt)}

    def __init__(self, today: date, folder: _Folder) -> None:
        self.today = today
        self.folder = folder

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        if len(node.ops) != 1 or type(node.ops[0]) not in self._FLIP:
            return node
        call, limit = node.left, node.comparators[0]
        if not (isinstance(limit, ast.Constant) and type(limit.value) is int
                and isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            return node
        ref = self.reference(call)
        if ref is None:
            return node
        shift, op = self._FLIP[type(node.ops[0])]
        years = limit.value + shift
        if not 0 <= years <= 200:
            return node
        self.folder.changed = True
        threshold = _latest_birth(ref, years)
        return ast.Compare(call.args[0], [op()], [_as_node(threshold) or ast.Constant(None)])

    def reference(self, call: ast.Call) -> date | None:
        """The date an `age(x)` / `years_between(x, D)` call counts up to, if fixed."""
        if call.func.id == "age" and len(call.args) == 1:  # type: ignore[attr-defined]
            return self.today
        if call.func.id == "years_between" and len(call.args) == 2:  # type: ignore[attr-defined]
            second = call.args[1]
            if (isinstance(second, ast.Call) and isinstance(second.func, ast.Name)
                    and second.func.id == "date" and len(second.args) == 1
                    and isinstance(second.args[0], ast.Constant)):
                return date.fromisoformat(str(second.args[0].value))
        return None


def _whole_years(birth: date, ref: date) -> int:
    return years_between(ref, birth, ref)


def _latest_birth(ref: date, years: int) -> date:
    """The latest birth date that is `years` old (or more) on `ref`, as the language counts."""
    try:
        guess = ref - relativedelta(years=years)
    except (ValueError, OverflowError):
        return date.min
    while _whole_years(guess, ref) < years:
        guess -= timedelta(days=1)
    while guess < date.max and _whole_years(guess + timedelta(days=1), ref) >= years:
        guess += timedelta(days=1)
    return guess


def _as_node(value: object) -> ast.expr | None:
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            return ast.UnaryOp(ast.USub(), ast.Constant(-value))
        return ast.Constant(value)
    if isinstance(value, date):
        return ast.Call(ast.Name("date", ast.Load()), [ast.Constant(value.isoformat())], [])
    if isinstance(value, list | tuple):
        items = [_as_node(v) for v in value]
        if any(i is None for i in items):
            return None
        return ast.List([i for i in items if i is not None], ast.Load())
    return None
