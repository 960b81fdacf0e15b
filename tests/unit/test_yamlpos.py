"""The one YAML reader with positions (screener.yamlpos) that forms, rules and answers share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.errors import AnswerError, FormError, RuleError, ScreenerError
from screener.text import Text
from screener.yamlpos import (
    ANSWER_FILES,
    FORM_FILES,
    RULE_FILES,
    Checker,
    Dialect,
    Location,
    YMap,
    YNode,
    YScalar,
    YSeq,
    load_yaml,
    loading,
    parse_yaml,
    plain,
)
from screener.yamlpos.loading import MAX_BYTES, MAX_DEPTH, MAX_VALUES
from tests.reliability.fuzzing import seed_texts, yaml_texts

DIALECTS = [FORM_FILES, RULE_FILES, ANSWER_FILES]


def refused(text: str, dialect: Dialect) -> ScreenerError:
    with pytest.raises(dialect.error) as info:
        parse_yaml(text, "f.yaml", dialect)
    return info.value


# -- positions -----------------------------------------------------------------------------

WORDS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda w: w not in ("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
VALUES = st.recursive(
    st.integers(-10**6, 10**6) | WORDS,
    lambda inner: st.lists(inner, min_size=1, max_size=3)
    | st.dictionaries(WORDS, inner, min_size=1, max_size=3),
    max_leaves=12,
)


def _entries(node: YNode) -> list[tuple[YScalar | None, YNode]]:
    """Every (key, value) below `node`; list items have no key."""
    found: list[tuple[YScalar | None, YNode]] = []
    if isinstance(node, YMap):
        for key, value in node.entries:
            found += [(key, value), *_entries(value)]
    elif isinstance(node, YSeq):
        for item in node.items:
            found += [(None, item), *_entries(item)]
    return found


@settings(max_examples=60, deadline=None)
@given(document=st.dictionaries(WORDS, VALUES, min_size=1, max_size=4),
       flow=st.booleans())
def test_every_key_and_scalar_value_knows_where_it_is_written(
        document: dict[str, object], flow: bool) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, sort_keys=False, width=4096)
    lines = text.splitlines()
    root = parse_yaml(text, "f.yaml", FORM_FILES)
    assert plain(root) == document
    for key, value in _entries(root):
        for node in (key, value):
            if isinstance(node, YScalar):
                assert node.loc.file == "f.yaml"
                written = lines[node.loc.line - 1][node.loc.col - 1:]
                assert written.startswith(str(node.value)), (node, written)


def test_a_file_is_named_as_displayed_and_positions_count_from_one(tmp_path: Path) -> None:
    path = tmp_path / "intake.yaml"
    path.write_text("id: intake\nsections:\n  - id: main\n", encoding="utf-8")
    root = load_yaml(path, FORM_FILES, "forms/intake.yaml")
    assert isinstance(root, YMap)
    sections = root.get("sections")
    assert isinstance(sections, YSeq)
    assert root.loc == Location("forms/intake.yaml", 1, 1)
    assert sections.items[0].loc == Location("forms/intake.yaml", 3, 5)


def test_a_quoted_text_starts_after_its_quote() -> None:
    root = parse_yaml("a: 'x'\n", "f.yaml", FORM_FILES)
    assert isinstance(root, YMap)
    quoted = root.get("a")
    assert isinstance(quoted, YScalar)
    assert quoted.text_location() == Location("f.yaml", 1, 5)


# -- libyaml first, the careful loader for anything wrong ----------------------------------

SEEDS = seed_texts("forms/**/*.yaml", "rules/*.yaml", "rules/tests/*.yaml")


def _outcome(text: str, dialect: Dialect) -> str:
    try:
        return repr(parse_yaml(text, "f.yaml", dialect))
    except ScreenerError as exc:
        return f"{type(exc).__name__}: {exc}"


@settings(max_examples=150, deadline=None)
@given(text=yaml_texts(SEEDS), dialect=st.sampled_from(DIALECTS))
def test_libyaml_and_the_careful_loader_read_any_text_alike(text: str, dialect: Dialect) -> None:
    assert loading._FAST_LOADER is not None  # PyYAML's wheels bundle libyaml
    fast = _outcome(text, dialect)
    saved, loading._FAST_LOADER = loading._FAST_LOADER, None
    try:
        careful = _outcome(text, dialect)
    finally:
        loading._FAST_LOADER = saved
    assert fast == careful


# -- what every kind of file refuses -------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS, ids=["forms", "rules", "answers"])
@pytest.mark.parametrize(("text", "message", "line", "col"), [
    ("a: 1\nb: 2\na: 3\n", "duplicate key", 3, 1),
    ("a: !!python/object/apply:os.system [ls]\n", "tag 'tag:yaml.org,2002:python/object/apply:"
     "os.system' is not allowed", 1, 4),
    ("a: !!binary aGVsbG8=\n", "is not allowed", 1, 4),
    ("a: !local x\n", "is not allowed", 1, 4),
    ("a: 2026-02-30\n", "'2026-02-30' is not a real date", 1, 4),
    ("a: 2026-01-01 10:00:00\n", "a date (YYYY-MM-DD) is expected, not a time", 1, 4),
    ("? [x]\n: 1\n", "keys must be words, numbers or dates", 1, 3),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
     f"nested more than {MAX_DEPTH} levels deep", 1, MAX_DEPTH + 4),
    ("a: [1,\n", "not valid YAML", 2, 1),
    ("a: 1\n\ufeff\nb: 2\n", "not valid YAML", 3, 1),  # libyaml would skip the mark
    ("a: 0\t\n", "not valid YAML", 1, 5),  # libyaml would take the tab for a space
])
def test_unsafe_or_malformed_yaml_is_refused_at_its_place(
        dialect: Dialect, text: str, message: str, line: int, col: int) -> None:
    error = refused(text, dialect)
    assert message in error.message
    assert (error.file, error.line, error.col) == ("f.yaml", line, col)


@pytest.mark.parametrize(("dialect", "error"), [
    (FORM_FILES, FormError), (RULE_FILES, RuleError), (ANSWER_FILES, AnswerError)])
def test_each_kind_of_file_raises_its_own_error(dialect: Dialect, error: type) -> None:
    assert isinstance(refused("", dialect), error)


def test_duplicate_keys_are_named_as_each_kind_of_file_always_has() -> None:
    assert refused("label: 1\nlabel: 2\n", FORM_FILES).message == (
        "duplicate key 'label' (first at line 1)")
    assert refused("label: 1\nlabel: 2\n", RULE_FILES).message == (
        "duplicate key label (first at line 1)")
    assert refused("{2024-01-01: 1, 2024-01-01: 2}\n", RULE_FILES).message == (
        "duplicate key 2024-01-01 (first at line 1)")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: '" + b"z" * MAX_BYTES + b"'\n")
    with pytest.raises(RuleError, match="larger than"):
        load_yaml(path, RULE_FILES)


def test_a_file_that_is_not_utf8_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: Ángeles\n".encode("latin-1"))
    with pytest.raises(FormError, match="cannot read the file"):
        load_yaml(path, FORM_FILES)


# -- aliases: refused in forms, shared in rules and answers --------------------------------


def test_forms_refuse_aliases_and_merge_keys() -> None:
    assert refused("a: &x [1]\nb: *x\n", FORM_FILES).message == "aliases (*name) are not allowed"
    assert "is not allowed" in refused("a: &x {k: 1}\nb:\n  <<: *x\n", FORM_FILES).message


def test_rules_share_an_aliased_value_and_merge_keys_fill_what_is_not_given() -> None:
    root = parse_yaml("base: &b {x: 1, y: 2}\ncase:\n  <<: *b\n  y: 3\nagain: *b\n",
                      "f.yaml", RULE_FILES)
    assert plain(root) == {"base": {"x": 1, "y": 2}, "case": {"y": 3, "x": 1},
                           "again": {"x": 1, "y": 2}}
    assert isinstance(root, YMap) and root.get("again") is root.get("base")


def test_an_alias_that_contains_itself_is_refused() -> None:
    assert "contains itself" in refused("a: &x [1, *x]\n", RULE_FILES).message


def test_aliases_that_expand_past_the_limit_are_refused() -> None:
    levels = "abcdefghij"
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip(levels, levels[1:],
                                                                      strict=False))
    assert f"more than {MAX_VALUES:,} values" in refused(text, ANSWER_FILES).message


def test_date_and_number_keys_are_read_as_dates_and_numbers() -> None:
    root = parse_yaml("{2024-01-01: 12, 3: x}\n", "f.yaml", RULE_FILES)
    assert plain(root) == {date(2024, 1, 1): 12, 3: "x"}


# -- checks every reader shares: keys and bilingual text -----------------------------------


def checked(text: str, dialect: Dialect = FORM_FILES) -> tuple[Text | None, list[str]]:
    root = parse_yaml(f"label: {text}\n", "f.yaml", dialect)
    assert isinstance(root, YMap)
    checker = Checker(dialect)
    found = checker.text(root.get("label"), "label of 'a'")
    return found, [str(d) for d in checker.diagnostics]


@pytest.mark.parametrize(("text", "expected", "problems"), [
    ("{en: Release date, es: Fecha de salida}", Text("Release date", "Fecha de salida"), []),
    ("{en: '  Release   date ', es: x}", Text("Release date", "x"), []),
    ('{en: "Line one\\nline two", es: x}', Text("Line one\nline two", "x"), []),
    ("Release date", Text("Release date"),
     ["f.yaml:1:8: warning: label of 'a' has no Spanish translation"]),
    ("{en: Release date}", Text("Release date"),
     ["f.yaml:1:8: warning: label of 'a' has no Spanish translation"]),
    ("{es: Fecha}", None, ["f.yaml:1:8: label of 'a' has no English (en) text"]),
    ("{en: '', es: x}", None, ["f.yaml:1:13: label of 'a' (en) must be non-empty text"]),
    ("{en: A, es: B, fr: C}", Text("A", "B"),
     ["f.yaml:1:23: unknown language 'fr' in label of 'a' (expected en or es)"]),
    ("12", None, ["f.yaml:1:8: label of 'a' must be text or {en: ..., es: ...}"]),
    ("[A]", None, ["f.yaml:1:8: label of 'a' must be text or {en: ..., es: ...}"]),
])
def test_bilingual_text_is_checked_where_it_is_written(
        text: str, expected: Text | None, problems: list[str]) -> None:
    assert checked(text) == (expected, problems)


def test_missing_spanish_is_worded_as_each_kind_of_file_always_has() -> None:
    _, problems = checked("Release date", RULE_FILES)
    assert problems == ["f.yaml:1:8: warning: label of 'a' has no Spanish (es) text"]


def test_unknown_and_missing_keys_are_reported_at_the_key_and_at_the_mapping() -> None:
    root = parse_yaml("id: a\nlable: x\n", "f.yaml", FORM_FILES)
    assert isinstance(root, YMap)
    checker = Checker(FORM_FILES)
    assert not checker.keys(root, ("id", "label"), "question 'a'", required=("label",))
    assert [str(d) for d in checker.diagnostics] == [
        "f.yaml:2:1: unknown key 'lable' in question 'a' (expected one of: id, label)",
        "f.yaml:1:1: question 'a' has no 'label'",
    ]
    assert checker.has_errors
