"""Arithmetic and comparison operators, with unknowns propagating and type errors named."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from screener.expr.functions import kind
from screener.expr.values import Context, Fn, Unknown, merge

if TYPE_CHECKING:
    from screener.expr.compiling import Compiling

Op = Callable[[object, object], object]

_SYMBOL: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.In: "in", ast.NotIn: "not in",
}
_ORDER: dict[type[ast.AST], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}
_NUMBER = (int, float)


def _is_number(v: object) -> bool:
    return isinstance(v, _NUMBER)


def compile_binop(c: Compiling, node: ast.BinOp, depth: int) -> Fn:
    """`+ - * /`: numbers; `+` also joins two texts or two lists."""
    symbol = _SYMBOL.get(type(node.op))
    if symbol is None:
        raise c.error(node, "not allowed in an expression (operator)")
    left = c.compile(node.left, depth)
    right = c.compile(node.right, depth)
    fail = c.runtime(node)
    is_add = symbol == "+"
    is_div = symbol == "/"
    op: Op = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}[
        symbol
    ]

    def arith(ctx: Context) -> object:
        a = left(ctx)
        b = right(ctx)
        if type(a) is Unknown or type(b) is Unknown:
            return merge(a, b)
        if not (_is_number(a) and _is_number(b)):
            joinable = type(a) is type(b) and isinstance(a, str | list)
            if not (is_add and joinable):
                raise fail(f"cannot use '{symbol}' with {kind(a)} and {kind(b)}")
        if is_div and b == 0:
            raise fail("division by zero")
        try:
            return op(a, b)
        except (ArithmeticError, TypeError) as exc:
            raise fail(f"'{symbol}' failed ({exc})") from None

    return arith


def _compare_one(c: Compiling, node: ast.AST, op_node: ast.cmpop, right_node: ast.expr) -> Op:
    """A function (a, b) -> bool for one comparison operator, raising ExprError on bad kinds."""
    symbol = _SYMBOL.get(type(op_node))
    if symbol is None:
        raise c.error(node, "not allowed in an expression ('is'; use == or answered())")
    fail = c.runtime(node)
    if symbol in ("==", "!="):
        return operator.eq if symbol == "==" else operator.ne
    if symbol in ("in", "not in"):
        negate = symbol == "not in"
        constant = _constant_members(right_node)

        def member(a: object, b: object) -> bool:
            if constant is not None:
                try:
                    found = a in constant
                except TypeError:  # unhashable left side: fall back to a scan
                    found = any(a == x for x in constant)
            elif isinstance(b, list | tuple):
                found = any(a == x for x in b)
            elif isinstance(b, str) and isinstance(a, str):
                found = a in b
            else:
                raise fail(f"cannot test {kind(a)} 'in' {kind(b)}")
            return found != negate

        return member
    order = _ORDER[type(op_node)]

    def ordered(a: object, b: object) -> bool:
        try:
            return bool(order(a, b))
        except TypeError:
            raise fail(f"cannot compare {kind(a)} with {kind(b)} using '{symbol}'") from None

    return ordered


def _constant_members(node: ast.expr) -> frozenset[object] | None:
    """The members of a literal list of plain hashable constants, for fast `in`."""
    if not isinstance(node, ast.List | ast.Tuple):
        return None
    values: list[object] = []
    for e in node.elts:
        if not isinstance(e, ast.Constant) or not isinstance(e.value, str | int | float):
            return None
        values.append(e.value)
    return frozenset(values)


def compile_compare(c: Compiling, node: ast.Compare, depth: int) -> Fn:
    """`== != < <= > >= in not in`, chains joined by Kleene `and`."""
    first = c.compile(node.left, depth)
    rest = [c.compile(r, depth) for r in node.comparators]
    ops = [_compare_one(c, node, o, r) for o, r in zip(node.ops, node.comparators, strict=True)]
    if len(ops) == 1 and isinstance(node.comparators[0], ast.Constant):
        return _compare_constant(c, node, first)
    if len(ops) == 1 and isinstance(node.ops[0], ast.In | ast.NotIn):
        members = _constant_members(node.comparators[0])
        if members is not None:
            return _member_of_constant(first, members, isinstance(node.ops[0], ast.NotIn))
    if len(ops) == 1:
        test, second = ops[0], rest[0]

        def compare(ctx: Context) -> object:
            a = first(ctx)
            b = second(ctx)
            if type(a) is Unknown or type(b) is Unknown:
                return merge(a, b)
            return test(a, b)

        return compare

    def chain(ctx: Context) -> object:
        a = first(ctx)
        pending: list[object] = []
        for test, fn in zip(ops, rest, strict=True):
            b = fn(ctx)
            if type(a) is Unknown or type(b) is Unknown:
                pending += [a, b]
            elif not test(a, b):
                return False
            a = b
        return merge(*pending) if pending else True

    return chain


def _compare_constant(c: Compiling, node: ast.Compare, first: Fn) -> Fn:
    """`x OP constant`, the commonest shape, without evaluating the constant each time."""
    const = c.compile(node.comparators[0])(Context({}, date.min))
    op = node.ops[0]
    if isinstance(op, ast.Eq | ast.NotEq):
        negate = isinstance(op, ast.NotEq)

        def equals(ctx: Context) -> object:
            a = first(ctx)
            if type(a) is Unknown:
                return a
            return (a == const) != negate

        return equals
    test = _compare_one(c, node, op, node.comparators[0])

    def compare(ctx: Context) -> object:
        a = first(ctx)
        if type(a) is Unknown:
            return a
        return test(a, const)

    return compare


def _member_of_constant(first: Fn, members: frozenset[object], negate: bool) -> Fn:
    """`x in ['a', 'b']` with a literal list of plain constants: a set lookup."""
    scan = tuple(members)

    def member(ctx: Context) -> object:
        a = first(ctx)
        if type(a) is Unknown:
            return a
        try:
            found = a in members
        except TypeError:  # an unhashable answer (a list): compare one by one
            found = any(a == x for x in scan)
        return found != negate

    return member
