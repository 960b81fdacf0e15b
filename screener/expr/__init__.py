"""The one safe expression language of Screener (DESIGN §3), shared by forms and rules.

Public API (stable)::

    from screener.expr import (compile_expression, Expression, Result, Context, Location,
                               UNKNOWN, Unknown, unknown, is_unknown, is_answered)

    expr = compile_expression(
        "months_between(release_date, today) <= param('max_months')",
        known_names=frozenset({...}) | None,        # None: any bare name is a field id
        known_params=frozenset({...}) | None,       # rule parameters (bare or via param())
        known_instruments=frozenset({...}) | None,  # ids score(x) may name
        location=Location(file, line, col) | None,  # where the text starts in its YAML file
    )
    expr.names         # frozenset of field ids read (bare names and answered(x))
    expr.params        # frozenset of rule parameters read
    expr.instruments   # frozenset of instrument ids read by score(x)
    res = expr.evaluate(answers, today, params=None, scores=None)   # -> Result
    res.value          # bool / int / float / str / date / list / None, or UNKNOWN
    res.missing        # frozenset of field ids whose absence made the value unknown
    res.known, res.is_true, res.is_false
    expr.evaluate_in(Context(answers, today, params, scores))  # many expressions, one pass

Text is parsed with `ast.parse(mode="eval")` and compiled ONCE to closures over a whitelist
of node types; no text is ever given to eval/exec/compile.

Language
- Literals: numbers, 'text' / "text", true/false/null (also True/False/None), lists
  `[a, b]` (tuples read as lists), `date("2026-01-31")` (checked when compiled).
- Names: field ids (answers) or rule parameters; `today` is the evaluation date passed in.
  With `known_params` given, a name among them reads the parameter; otherwise a name present
  in `params` reads the parameter and any other name reads the answer.
- Operators: `and or not`, `== != < <= > >=` (chains allowed), `in`, `not in`, `+ - * /`,
  `x if c else y`, parentheses. `+` adds numbers or joins two texts or two lists;
  `- * /` take numbers only. `and`/`or`/`not`/`if` take true/false only.
- Functions: age(dob), years_between(a, b), months_between(a, b), days_between(a, b)
  (whole units from a to b, dateutil relativedelta: 2000-02-29 → 2025-02-28 is 25 years;
  the birthday itself counts the new year), add_months(d, n) (Jan 31 + 1 month = Feb 28/29),
  add_days(d, n), count(list) (items that are true) / count(list, value) (items equal to
  value), sum(list), any_of(answer, [values]) / all_of / none_of (the answer may be one value
  or a multichoice list), len(list or text), min(...)/max(...) (a list, or 2+ values),
  lower(text), answered(field) (never unknown), score(instrument), param('name').

Unknown (three-valued, Kleene) logic
- An unanswered field (absent, None, "" or []) is unknown. `unknown and false` is false,
  `unknown or true` is true; otherwise unknown propagates through comparisons, arithmetic,
  `if`, list literals and functions (except answered()). The reasons (missing field ids)
  travel with the unknown and end up in `Result.missing`.
- An answer may itself be an `Unknown` (a computed field that could not be computed): it
  propagates with its own reasons, so "age_years >= 18" with no dob is missing {"dob"}.
- `score(x)` reads `scores[x]`: a number, an `Unknown` (e.g. `unknown({"phq9_3"})`), or a
  `Result`; an instrument absent from `scores` is unknown with missing `{x}`.
- `bool(UNKNOWN)` raises ExprError: test `result.known` first.

Errors — everything raises `screener.errors.ExprError`, never another exception type:
- compile time: syntax, a node type not on the whitelist, an unknown function, wrong arity,
  an unknown name / parameter / instrument (when the known sets are given), a bad date
  literal. The message quotes the offending token and the error carries file:line:col.
- run time (decided: an error, not unknown): a value of the wrong kind (comparing a date with
  text, `and` on a number, len of a number), division by zero, calendar overflow, a
  parameter without a value. The message names the expression's location. The forms layer
  parses answers to their question's type, so these point at a form or rule mistake.
"""

from __future__ import annotations

from screener.expr.expression import Expression, compile_expression
from screener.expr.values import (
    UNKNOWN,
    Context,
    Result,
    Unknown,
    is_answered,
    is_unknown,
    unknown,
)
from screener.yamlpos import Location

__all__ = [
    "UNKNOWN",
    "Context",
    "Expression",
    "Location",
    "Result",
    "Unknown",
    "compile_expression",
    "is_answered",
    "is_unknown",
    "unknown",
]
