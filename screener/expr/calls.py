"""Function calls: the whitelist of `functions.py`, plus `answered`, `score` and `param`."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from screener.errors import ExprError
from screener.expr.functions import FUNCTIONS, NAME_FUNCTIONS, Problem
from screener.expr.values import Context, Fn, Result, Unknown, is_answered, merge, unknown

if TYPE_CHECKING:
    from screener.expr.compiling import Compiling

Fail = Callable[[str], ExprError]


def compile_call(c: Compiling, node: ast.Call, depth: int) -> Fn:
    """Check the call against the whitelist and its arity; compile it."""
    if not isinstance(node.func, ast.Name):
        raise c.error(node.func, "only the listed functions can be called")
    name = node.func.id
    if node.keywords:
        raise c.error(node.keywords[0].value, f"{name}() takes no keyword arguments")
    if name in NAME_FUNCTIONS:
        return _compile_name_call(c, node, name)
    if name == "date":
        return _compile_date(c, node)
    function = FUNCTIONS.get(name)
    if function is None:
        raise c.error(node.func, "unknown function")
    n = len(node.args)
    if n < function.min_args or (function.max_args is not None and n > function.max_args):
        wanted = (
            str(function.min_args)
            if function.min_args == function.max_args
            else f"{function.min_args} or more"
            if function.max_args is None
            else f"{function.min_args} to {function.max_args}"
        )
        raise c.error(node, f"{name}() takes {wanted} argument(s), got {n}")
    args = [c.compile(a, depth) for a in node.args]
    impl = function.impl
    fail = c.runtime(node)

    if len(args) == 1:
        return _call_one(name, impl, args[0], fail)
    if len(args) == 2:
        return _call_two(name, impl, args[0], args[1], fail)

    def call(ctx: Context) -> object:
        values = [fn(ctx) for fn in args]
        for v in values:
            if type(v) is Unknown:
                return merge(*values)
        try:
            return impl(ctx.today, *values)
        except (Problem, ArithmeticError) as exc:
            raise fail(f"{name}: {exc}") from None

    return call


def _call_one(name: str, impl: Callable[..., object], arg: Fn, fail: Fail) -> Fn:
    def call(ctx: Context) -> object:
        a = arg(ctx)
        if type(a) is Unknown:
            return a
        try:
            return impl(ctx.today, a)
        except (Problem, ArithmeticError) as exc:
            raise fail(f"{name}: {exc}") from None

    return call


def _call_two(name: str, impl: Callable[..., object], first: Fn, second: Fn, fail: Fail) -> Fn:
    def call(ctx: Context) -> object:
        a = first(ctx)
        b = second(ctx)
        if type(a) is Unknown or type(b) is Unknown:
            return merge(a, b)
        try:
            return impl(ctx.today, a, b)
        except (Problem, ArithmeticError) as exc:
            raise fail(f"{name}: {exc}") from None

    return call


def _name_argument(c: Compiling, node: ast.Call, name: str) -> str:
    """The single name (bare or quoted) that answered/score/param take."""
    if len(node.args) != 1:
        raise c.error(node, f"{name}() takes 1 argument, got {len(node.args)}")
    arg = node.args[0]
    if isinstance(arg, ast.Name):
        return arg.id
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    raise c.error(arg, f"{name}() needs a name")


def _compile_name_call(c: Compiling, node: ast.Call, name: str) -> Fn:
    target = _name_argument(c, node, name)
    arg = node.args[0]
    if name == "answered":
        if c.known_names is not None and target not in c.known_names:
            raise c.error(arg, "unknown field")
        c.names.add(target)
        return lambda ctx: is_answered(ctx.answers.get(target))
    if name == "param":
        if c.known_params is not None and target not in c.known_params:
            raise c.error(arg, "unknown parameter")
        c.params.add(target)
        return c.param_lookup(arg, target)
    if c.known_instruments is not None and target not in c.known_instruments:
        raise c.error(arg, "unknown instrument")
    c.instruments.add(target)
    absent = unknown((target,))

    def score(ctx: Context) -> object:
        value = ctx.scores.get(target, absent)
        if isinstance(value, Result):
            return value.value if value.known else unknown(value.missing)
        return absent if value is None else value

    return score


def _compile_date(c: Compiling, node: ast.Call) -> Fn:
    """`date("2026-01-31")`: a date literal, checked once at compile time."""
    from datetime import date

    arg = node.args[0] if len(node.args) == 1 else None
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        raise c.error(node, 'date() takes one text argument like date("2026-01-31")')
    try:
        value = date.fromisoformat(arg.value)
    except ValueError:
        raise c.error(arg, "not a real date (YYYY-MM-DD)") from None
    if len(arg.value) != 10:
        raise c.error(arg, "not a real date (YYYY-MM-DD)")
    return lambda ctx: value
