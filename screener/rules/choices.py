"""Catch a misspelt choice value in a rule: `housing_status == 'unsheltred'` would otherwise be
silently false for every client. Values compared with a choice or multichoice field — as a
literal, in a literal list, in `any_of`/`all_of`/`none_of`, or in a list parameter — must be
among the values the form offers.

The expression text is only parsed (`ast.parse`), never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from screener.expr import Expression, Location
from screener.rules.catalog import FieldCatalog
from screener.rules.model import Parameter

_LIST_FUNCTIONS = frozenset({"any_of", "all_of", "none_of"})


def choice_problems(
    expr: Expression, catalog: FieldCatalog, params: Mapping[str, Parameter]
) -> list[tuple[Location | None, str]]:
    """(where, message) for each value that is not a choice of the field it is compared with."""
    try:
        tree = ast.parse(expr.source, mode="eval")
    except SyntaxError:  # compile_expression accepted it, so this cannot happen
        return []
    out: list[tuple[Location | None, str]] = []
    for node, field, values in _comparisons(tree, params):
        offered = catalog.choices(field)
        if offered is None:
            continue
        for value in values:
            if not _offered(value, offered):
                where = None
                if expr.location is not None:
                    where = expr.location.shifted(node.lineno, node.col_offset)
                shown = ", ".join(sorted(repr(v) for v in offered))
                out.append((where, f"{value!r} is not a choice of {field} (choices: {shown})"))
    return out


def _offered(value: object, offered: frozenset[object]) -> bool:
    return any(value == v and type(value) is type(v) for v in offered)


def _comparisons(
    tree: ast.AST, params: Mapping[str, Parameter]
) -> Iterator[tuple[ast.expr, str, list[object]]]:
    """(node, field, values) for each place a field is compared with known values."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = node.left, node.comparators[0]
            op = node.ops[0]
            if isinstance(op, ast.Eq | ast.NotEq):
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, ast.Name) and isinstance(b, ast.Constant):
                        yield b, a.id, [b.value]
            elif isinstance(op, ast.In | ast.NotIn):
                if isinstance(left, ast.Name):
                    values = _values(right, params)
                    if values is not None:
                        yield right, left.id, values
                elif isinstance(left, ast.Constant) and isinstance(right, ast.Name):
                    yield left, right.id, [left.value]  # 'x' in multichoice_field
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in _LIST_FUNCTIONS and len(node.args) == 2
              and isinstance(node.args[0], ast.Name)):
            values = _values(node.args[1], params)
            if values is not None:
                yield node.args[1], node.args[0].id, values


def _values(node: ast.expr, params: Mapping[str, Parameter]) -> list[object] | None:
    """The values of a literal list, or of every dated value of a list parameter."""
    if isinstance(node, ast.List | ast.Tuple):
        if all(isinstance(e, ast.Constant) for e in node.elts):
            return [e.value for e in node.elts if isinstance(e, ast.Constant)]
        return None
    name = None
    if isinstance(node, ast.Name):
        name = node.id
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
          and node.func.id == "param" and len(node.args) == 1
          and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        name = node.args[0].value
    param = params.get(name) if name is not None else None
    if param is None:
        return None
    found: list[object] = []
    for dated in param.values:
        found.extend(dated.value if isinstance(dated.value, tuple) else [dated.value])
    return found
