"""Hypothesis strategies for the parser fuzzing: real files mutated, structured random
documents, and raw text, for forms, rules, answers files, bundle manifests and expressions.

Mutations splice in the constructs that break parsers: anchors, aliases and merge keys,
Python and binary tags, deep nesting, huge numbers and strings, odd Unicode, NUL bytes,
tabs, document markers, impossible dates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from hypothesis import strategies as st

from tests.reliability.harness import REPO

SPECIALS = [
    "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system", "!!python/object/new:dict {}", "!!binary aGk=", "!local x",
    "!!set {a}", "!!omap [a: 1]", "? ", "- ", ": ", "{", "}", "[", "]", "'", '"', "#", "|",
    ">", "\t", "\x00", "\ufeff", "~", "null", "2026-02-30", "2026-13-01", "1e400", "0x1F",
    "-.inf", ".nan", "yes", "on", "%YAML 1.1\n---", "---", "...", "@", "`", "\\", "é", "日本",
    "\u202e", "x" * 2000, "[" * 70, "{a: " * 70, "1" * 5000, "-" * 80, "&b [*a, *a, *a]",
    "'${HOME}'", "__import__('os')", "lambda: 1", "().__class__", "[x for x in y]",
]
_TOKEN = re.compile(r"(\s+|[:,\[\]{}\-])")


def seed_texts(*patterns: str) -> list[str]:
    """The text of the repository's files matching `patterns` (e.g. "forms/**/*.yaml")."""
    found: list[str] = []
    for pattern in patterns:
        found += [p.read_text("utf-8") for p in sorted(REPO.glob(pattern))]
    return found


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str], whole: bool = False) -> str:
    """A seed (or a slice of one) with a few lines or tokens changed."""
    lines = draw(st.sampled_from(seeds)).splitlines()
    if not whole:
        start = draw(st.integers(0, max(0, len(lines) - 1)))
        lines = lines[start:start + draw(st.integers(1, 60))]
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.integers(0, 5))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            lines.insert(i, " " * draw(st.integers(0, 8)) + draw(st.sampled_from(SPECIALS)))
        elif op == 3:
            parts = _TOKEN.split(lines[i])
            j = draw(st.integers(0, len(parts) - 1))
            parts[j] = draw(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=12)))
            lines[i] = "".join(parts)
        elif op == 4:
            lines[i] = " " * draw(st.integers(0, 12)) + lines[i].lstrip()
        else:
            lines[i] = lines[i][:draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.dates().map(str), st.sampled_from(SPECIALS),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=5),
    ),
    max_leaves=25,
)


def yaml_texts(seeds: list[str]) -> st.SearchStrategy[str]:
    """Mostly mutated seeds; some whole mutated files, random documents and random text."""
    return st.one_of(
        mutated(seeds), mutated(seeds), mutated(seeds), mutated(seeds, whole=True),
        documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
        st.text(max_size=400),
    )


def answer_files(field_ids: list[str], seeds: list[str]) -> st.SearchStrategy[str]:
    """Answers files: real field ids with values of any type, and mutated ones."""
    mapping = st.dictionaries(st.sampled_from(field_ids), st.one_of(scalars, documents),
                              max_size=12)
    dumped = mapping.map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    return st.one_of(dumped, dumped, dumped.flatmap(lambda text: mutated([text], whole=True)),
                     mutated(seeds), st.text(max_size=200))


MANIFEST_KEYS = [
    "format", "format_version", "bundle_id", "kind", "device_id", "device_name",
    "recipient_id", "created_at", "app_version", "schema_version", "forms", "rules", "counts",
    "since_seq", "until_seq", "full", "chunks", "payload_bytes", "payload_sha256",
]
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=40)),
    lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=8), c, max_size=4)),
    max_leaves=12,
)


def manifests(valid: bytes) -> st.SearchStrategy[bytes]:
    """A valid manifest with entries changed, dropped or added; random JSON; random bytes."""
    body = json.loads(valid)

    @st.composite
    def changed(draw: st.DrawFn) -> bytes:
        doc = dict(body)
        for _ in range(draw(st.integers(1, 4))):
            key = draw(st.sampled_from([*MANIFEST_KEYS, "extra"]))
            if draw(st.booleans()):
                doc[key] = draw(json_values)
            else:
                doc.pop(key, None)
        return json.dumps(doc).encode()

    return st.one_of(changed(), changed(), json_values.map(lambda v: json.dumps(v).encode()),
                     st.binary(max_size=300),
                     st.integers(0, len(valid)).map(lambda n: valid[:n]))


EXPR_TOKENS = [
    "a", "b", "today", "true", "false", "null", "None", "1", "0", "-1", "2.5", "'x'", '"y"',
    "(", ")", "[", "]", ",", " and ", " or ", "not ", " == ", " != ", " < ", " <= ", " in ",
    " not in ", " + ", " - ", " * ", " / ", " if ", " else ", "age(", "months_between(",
    "add_months(", "add_days(", "count(", "sum(", "any_of(", "len(", "min(", "max(", "lower(",
    "answered(", "score(", "param(", 'date("2026-01-31")', 'date("2026-02-30")', "9" * 5000,
    "1e999", "(" * 300, "lambda x: x", "__import__", ".real", "[x for x in a]", "{}", "**",
    "a.b", "a[0]", "f'{a}'", "\\", "\x00", "é", ";", ":=",
]


def expression_texts() -> st.SearchStrategy[str]:
    """Sequences of expression tokens (mostly near-valid) and raw text."""
    return st.one_of(
        st.lists(st.sampled_from(EXPR_TOKENS), max_size=30).map("".join),
        st.lists(st.sampled_from(EXPR_TOKENS), max_size=30).map("".join),
        st.text(max_size=120),
    )


def read(path: Path) -> str:
    """A file's text."""
    return path.read_text("utf-8")
