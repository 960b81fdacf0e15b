"""`compile_expression` and the compiled `Expression`."""

from __future__ import annotations

import ast
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from screener.errors import ExprError
from screener.expr.compiler import MAX_SOURCE, Compiler
from screener.expr.values import UNKNOWN, Context, Fn, Result, Unknown
from screener.yamlpos import Location


@dataclass(frozen=True)
class Expression:
    """A compiled expression. Immutable, thread-safe, cheap to evaluate many times."""

    source: str
    names: frozenset[str]
    params: frozenset[str]
    instruments: frozenset[str]
    location: Location | None
    _fn: Fn = field(repr=False, compare=False)

    def evaluate(
        self,
        answers: Mapping[str, object],
        today: date,
        params: Mapping[str, object] | None = None,
        scores: Mapping[str, object] | None = None,
    ) -> Result:
        """Evaluate against `answers` on `today`; see the package docstring for the rules."""
        return self.evaluate_in(Context(answers, today, params or {}, scores or {}))

    def evaluate_in(self, ctx: Context) -> Result:
        """Evaluate in a prepared Context (one Context serves many expressions)."""
        value = self._fn(ctx)
        if value is True:
            return _TRUE
        if value is False:
            return _FALSE
        if type(value) is Unknown:
            return Result(UNKNOWN, value.missing)
        if isinstance(value, list | tuple):
            value = list(value)  # a copy: constant lists are shared between evaluations
        return Result(value)


_TRUE = Result(True)
_FALSE = Result(False)


def compile_expression(
    source: str,
    *,
    known_names: frozenset[str] | None = None,
    known_params: frozenset[str] | None = None,
    known_instruments: frozenset[str] | None = None,
    location: Location | None = None,
) -> Expression:
    """Parse and compile `source` once. Raises ExprError (with file:line:col) on any problem.

    `known_names`: field ids (and parameter names) a bare name may refer to; any other name
    is an error. None: any name is accepted as a field id.
    `known_params`: rule parameter names; a bare name among them reads the parameter
    (never a field) and `param('x')` must name one of them. None: unchecked.
    `known_instruments`: instrument ids `score(x)` may name. None: unchecked.
    `location`: where the text starts in its YAML file, for error messages.
    """
    if not isinstance(source, str):
        raise _error(location, f"an expression must be text, not {type(source).__name__}")
    if not source.strip():
        raise _error(location, "empty expression")
    if len(source) > MAX_SOURCE:
        raise _error(location, f"expression longer than {MAX_SOURCE} characters")
    source = source.strip()
    names = known_names
    if names is not None and known_params is not None:
        names = names | known_params
    compiler = Compiler(source, location, names, known_params, known_instruments)
    tree = _parse(source, location)
    try:
        fn = compiler.compile(tree)
    except RecursionError:
        raise _error(location, "expression is nested too deeply") from None
    return Expression(
        source=source,
        names=frozenset(compiler.names),
        params=frozenset(compiler.params),
        instruments=frozenset(compiler.instruments),
        location=location,
        _fn=fn,
    )


def _parse(source: str, location: Location | None) -> ast.Expression:
    text = source
    try:
        with warnings.catch_warnings():
            # "1and x": Python warns and reads on; an expression this unclear is an error here.
            warnings.simplefilter("error", SyntaxWarning)
            return ast.parse(text, mode="eval")
    except SyntaxError as exc:
        lineno = exc.lineno or 1
        lines = text.splitlines() or [""]
        line = lines[min(lineno, len(lines)) - 1]
        col = (exc.offset or 0) - 1
        message = f"cannot read the expression ({exc.msg})"
        # str.split() and splitlines() also break at characters Python's reader does not
        # (\x1c-\x1f): the rest of the line may hold no word to quote.
        words = line[col:].split() if 0 <= col < len(line) else []
        if words:
            message += f" at {words[0]!r}"
        elif not 0 <= col < len(line):
            col = len(line)
            message += " at the end"
        raise _error(location, f"{message} in {text!r}", lineno, col) from None
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        raise _error(location, f"cannot read the expression ({exc})") from None


def _error(location: Location | None, message: str, lineno: int = 1, col: int = 0) -> ExprError:
    if location is None:
        return ExprError(message, line=lineno, col=col + 1)
    where = location.shifted(lineno, col)
    return ExprError(message, file=where.file, line=where.line, col=where.col)
