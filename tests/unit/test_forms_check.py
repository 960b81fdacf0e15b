"""`screener forms check`: the shipped forms pass; malformed forms give specific, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import paths
from screener.cli import main
from screener.errors import FormError
from screener.forms import Diagnostic, FormCatalog, check_files


def test_every_shipped_form_file_passes_check() -> None:
    files = sorted(paths.forms_dir().rglob("*.yaml"))
    assert len(files) >= 7
    for path in files:
        diagnostics = check_files([path], paths.forms_dir())
        assert diagnostics == [], f"{path}: {[str(d) for d in diagnostics]}"
    assert check_files() == []


def test_forms_check_command_exits_0_on_shipped_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check"]) == 0
    assert capsys.readouterr().out == ""


HEAD = """\
id: demo
version: 1
title: {en: Demo, es: Demostración}
sections:
  - id: main
    title: {en: Main, es: Principal}
    questions:
"""


def write(tmp_path: Path, body: str, name: str = "demo.yaml", head: str = HEAD) -> Path:
    path = tmp_path / "forms" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + body)
    return path


def errors_of(path: Path) -> list[Diagnostic]:
    return [d for d in check_files([path], path.parent) if d.is_error]


Q = "      "  # indentation of a question's keys under `questions:`

MALFORMED = [
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}lable: {{en: A, es: A}}\n",
        "unknown key 'lable'", 10, 7, id="unknown-key"),
    pytest.param(
        f"{Q[:-2]}- {{id: a, type: text, label: {{en: A, es: A}}}}\n"
        f"{Q[:-2]}- {{id: a, type: yesno, label: {{en: B, es: B}}}}\n",
        "duplicate id 'a' (first at line 8)", 9, 12, id="duplicate-id"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: {{en: A, es: A}}\n"
        f"{Q}visible_if: \"relase_date < today\"\n",
        "unknown name (not a field or parameter): 'relase_date'", 11, 20, id="undefined-field"),
    pytest.param(
        f"{Q[:-2]}- {{id: a, type: computed, compute: \"b + 1\", label: {{en: A, es: A}}}}\n"
        f"{Q[:-2]}- {{id: b, type: computed, compute: \"a + 1\", label: {{en: B, es: B}}}}\n",
        "a cycle among computed fields: a -> b -> a", 8, 7, id="computed-cycle"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: choice\n{Q}label: {{en: A, es: A}}\n{Q}choices:\n"
        f"{Q}  - {{value: x}}\n",
        "choice 'x' of 'a' has no label", 12, 11, id="choice-without-label"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: dropdown\n{Q}label: {{en: A, es: A}}\n",
        "bad type 'dropdown'", 9, 13, id="bad-type"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: {{en: A, es: A}}\n{Q}label: {{en: B}}\n",
        "duplicate key 'label' (first at line 10)", 11, 7, id="duplicate-yaml-key"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: !!python/object/apply:os.system [ls]\n",
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", 10, 14,
        id="python-tag"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: yesno\n{Q}label: {{en: A, es: A}}\n"
        f"{Q}required_if: \"a == and true\"\n",
        "cannot read the expression (invalid syntax) at 'and'", 11, 26, id="expression-syntax"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: choice\n{Q}label: {{en: A, es: A}}\n{Q}choices:\n"
        f"{Q}  - {{value: no, label: {{en: No, es: No}}}}\n",
        "choice value of 'a' must be a word or a whole number (quote yes/no/on/off)", 12, 19,
        id="unquoted-no"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: integer\n{Q}label: {{en: A, es: A}}\n{Q}min: 10\n{Q}max: 1\n",
        "min of 'a' is above its max", 8, 7, id="min-above-max"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: {{en: A, es: A}}\n{Q}pattern: \"[0-9\"\n",
        "pattern of 'a' is not a valid regular expression", 11, 16, id="bad-pattern"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: note\n{Q}label: {{en: A, es: A}}\n{Q}required: true\n",
        "unknown key 'required' in question 'a' (note)", 11, 7, id="required-on-note"),
    pytest.param(
        f"{Q[:-2]}- id: kids\n{Q}type: group\n{Q}repeat: true\n{Q}label: {{en: K, es: K}}\n"
        f"{Q}questions:\n{Q}  - {{id: n, type: computed, compute: \"1\", label: {{en: N, es: N}}}}\n",
        "computed question 'n' cannot sit in a repeat group", 13, 11, id="computed-in-repeat"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: {{en: A, es: A}}\n"
        f"{Q}validate:\n{Q}  - check: \"len(a) > 1\"\n",
        "a validate entry of 'a' has no 'message'", 12, 11, id="validate-without-message"),
    pytest.param(
        f"{Q[:-2]}- id: 2nd\n{Q}type: text\n{Q}label: {{en: A, es: A}}\n",
        "bad question id '2nd'", 8, 11, id="bad-id"),
    pytest.param(
        f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: {{en: A, es: A\n",
        "not valid YAML", 11, 1, id="invalid-yaml"),
]


@pytest.mark.parametrize(("body", "message", "line", "col"), MALFORMED)
def test_malformed_form_gives_specific_located_error(
    tmp_path: Path, body: str, message: str, line: int, col: int
) -> None:
    path = write(tmp_path, body)
    errors = errors_of(path)
    assert errors, "expected an error"
    found = [e for e in errors if message in e.message]
    assert found, [str(e) for e in errors]
    assert (found[0].line, found[0].col) == (line, col), str(found[0])
    assert str(found[0]).startswith(f"{found[0].file}:{line}:{col}: ")


INCLUDE_HEAD = HEAD.replace("    questions:\n", "    questions:\n      - {id: gender, type: text, label: {en: G, es: G}}\n")
INSTRUMENT = """\
id: tiny
version: 1
title: {en: Tiny, es: Pequeño}
uses: [gender]
questions:
  - {id: tiny_1, type: yesno, label: {en: One, es: Uno}}
scoring:
  score: "count([tiny_1])"
  bands:
    - {id: low, min: 0, max: 1, label: {en: Low, es: Bajo}}
"""


@pytest.mark.parametrize(
    ("include", "message"),
    [
        ("instruments/missing.yaml", "bad include: no file 'instruments/missing.yaml'"),
        ("../outside.yaml", "bad include: '../outside.yaml' is outside the forms folder"),
        ("/etc/passwd", "must be relative to the forms folder"),
        ("other.yaml", "bad include: the included file has errors"),
    ],
)
def test_bad_include_is_located_at_the_include(tmp_path: Path, include: str, message: str) -> None:
    write(tmp_path, "id: other\nversion: 1\n", "other.yaml", head="")
    path = write(tmp_path, f"  - id: inst\n    include: {include}\n", head=INCLUDE_HEAD)
    found = [e for e in errors_of(path) if message in e.message]
    assert found and (found[0].line, found[0].col) == (10, 14), [str(e) for e in errors_of(path)]


def test_instrument_include_works_and_needs_its_used_fields(tmp_path: Path) -> None:
    write(tmp_path, INSTRUMENT, "instruments/tiny.yaml", head="")
    good = write(tmp_path, "  - id: tiny\n    include: instruments/tiny.yaml\n", head=INCLUDE_HEAD)
    assert check_files([good], good.parent) == []
    bad = write(tmp_path, "  - id: tiny\n    include: instruments/tiny.yaml\n", "bad.yaml",
                head=HEAD + "      - {id: x, type: text, label: {en: X, es: X}}\n")
    (err,) = errors_of(bad)
    assert "uses field 'gender', which this form does not define" in err.message


def test_overlapping_bands_are_an_error(tmp_path: Path) -> None:
    text = INSTRUMENT + "    - {id: high, min: 1, max: 2, label: {en: High, es: Alto}}\n"
    path = write(tmp_path, text, "instruments/tiny.yaml", head="")
    (err,) = errors_of(path)
    assert "band 'high' overlaps" in err.message and err.line == 11


def test_missing_spanish_is_a_warning_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f"{Q[:-2]}- id: a\n{Q}type: text\n{Q}label: Just English\n")
    (warning,) = check_files([path], path.parent)
    assert not warning.is_error and warning.message == "label of 'a' has no Spanish translation"
    assert (warning.line, warning.col) == (10, 14)
    assert main(["forms", "check", str(path)]) == 0
    assert "10:14: warning: label of 'a' has no Spanish translation" in capsys.readouterr().out


def test_forms_check_command_prints_located_errors_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, f"{Q[:-2]}- id: a\n{Q}type: dropdown\n{Q}label: {{en: A, es: A}}\n")
    assert main(["forms", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:9:13: bad type 'dropdown'" in out or ":9:13: bad type 'dropdown'" in out


def test_catalog_load_refuses_a_broken_forms_folder(tmp_path: Path) -> None:
    path = write(tmp_path, f"{Q[:-2]}- id: a\n{Q}type: dropdown\n{Q}label: {{en: A, es: A}}\n")
    with pytest.raises(FormError, match="bad type") as info:
        FormCatalog.load(path.parent)
    assert (info.value.line, info.value.col) == (9, 13)


def test_catalog_refuses_a_field_defined_by_two_forms(tmp_path: Path) -> None:
    body = f"{Q[:-2]}- {{id: a, type: text, label: {{en: A, es: A}}}}\n"
    write(tmp_path, body)
    write(tmp_path, body, "second.yaml", head=HEAD.replace("id: demo", "id: second"))
    with pytest.raises(FormError, match="field id 'a' is defined by form 'demo' too"):
        FormCatalog.load(tmp_path / "forms")
    assert any("defined by form" in d.message for d in check_files(None, tmp_path / "forms"))
