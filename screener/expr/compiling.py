"""What the compilers of calls and operators use of the expression compiler.

A Protocol, so `calls.py` and `operators.py` do not import `compiler.py`, which imports them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Protocol

from screener.errors import ExprError
from screener.expr.values import Fn


class Compiling(Protocol):
    """One expression being compiled: the names it may and does read, errors, sub-nodes."""

    known_names: frozenset[str] | None
    known_params: frozenset[str] | None
    known_instruments: frozenset[str] | None
    names: set[str]
    params: set[str]
    instruments: set[str]

    def error(self, node: ast.AST | None, message: str) -> ExprError:
        """An ExprError at the node's position."""
        ...

    def runtime(self, node: ast.AST) -> Callable[[str], ExprError]:
        """A factory for run-time errors at this node."""
        ...

    def compile(self, node: ast.AST, depth: int = 0) -> Fn:
        """The closure for a sub-expression."""
        ...

    def param_lookup(self, node: ast.AST, name: str) -> Fn:
        """A closure reading rule parameter `name`."""
        ...
