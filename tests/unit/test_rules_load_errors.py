"""Malformed rule files: each mistake gives its own message at file:line:col."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from screener import paths
from screener.forms import FormCatalog
from screener.rules import RuleErrors, RuleSet, StaticCatalog, catalog_from_forms, load_rules

VALID = """\
id: sample
version: 2026-01-01
title: {en: Sample, es: Muestra}
parameters:
  max_months:
    description: Window after release
    values: {2024-01-01: 12, 2026-06-01: 6}
programs:
  - id: sample_program
    title: {en: Sample program, es: Programa de muestra}
    provider: odr_interim_housing
    eligible_if:
      all:
        - id: la_resident
          text: {en: Lives in LA County, es: Vive en el Condado de Los Ángeles}
          when: "county_of_residence == 'los_angeles'"
        - id: recent
          text: {en: "Released within {max_months} months", es: "Liberado en {max_months} meses"}
          when: "release_date >= add_months(today, -max_months)"
    priority_if:
      - id: unsheltered
        text: {en: Unsheltered, es: Sin refugio}
        when: "housing_status == 'unsheltered'"
    documents: [photo_id]
"""


@functools.cache
def catalog() -> StaticCatalog:
    return catalog_from_forms(FormCatalog.load())


def load(tmp_path: Path, text: str, name: str = "sample.yaml") -> RuleSet:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    res = paths.resources_dir()
    return load_rules(folder, catalog(), providers=res / "programs.yaml",
                      documents=res / "documents.yaml")


def test_valid_sample_loads(tmp_path: Path) -> None:
    rules = load(tmp_path, VALID)
    assert [p.id for t in rules.tracks for p in t.programs] == ["sample_program"]


# (what is changed, into what, the message expected, the text marking the line of the error)
MISTAKES = [
    ("title: {en: Sample", "colour: red\ntitle: {en: Sample", "unknown key colour", "colour"),
    ("        - id: la_resident\n          text:", "        - text:", "a criterion has no id",
     "- text: {en: Lives"),
    ("          text: {en: Lives in LA County, es: Vive en el Condado de Los Ángeles}\n", "",
     "criterion la_resident has no text", "- id: la_resident"),
    ("        - id: recent", "        - id: la_resident", "duplicate criterion id 'la_resident'",
     "- id: la_resident\n          text: {en: \"Released"),
    ("values: {2024-01-01: 12,", "values: {2024-13-01: 12,", "'2024-13-01' is not a real date",
     "2024-13-01"),
    ("values: {2024-01-01: 12,", "values: {soon: 12,", "soon is not a date", "soon"),
    ("when: \"county_of_residence == 'los_angeles'\"", "when: \"county_of_residence ==\"",
     "cannot read the expression", "county_of_residence =="),
    ("county_of_residence == 'los_angeles'", "favourite_color == 'blue'",
     "unknown name (not a field or parameter): 'favourite_color'", "favourite_color"),
    ("'los_angeles'", "'los_angles'", "'los_angles' is not a choice of county_of_residence",
     "los_angles"),
    ("    description: Window after release\n",
     "    description: Window after release\n    description: again\n",
     "duplicate key description", "description: again"),
    ("provider: odr_interim_housing", "provider: !!python/object:os.system {}",
     "is not allowed", "provider: !!"),
    ("provider: odr_interim_housing", "provider: nobody_at_all",
     "provider 'nobody_at_all' is not in resources/programs.yaml", "nobody_at_all"),
    ("documents: [photo_id]", "documents: [photo_id, passport]",
     "document 'passport' is not in resources/documents.yaml", "passport"),
    ("Released within {max_months} months", "Released within {max_years} years",
     "names {max_years}, which is not a parameter of this file", "max_years"),
    ("id: sample\n", "id: other\n", "id 'other' must match the file name", "id: other"),
    ("title: {en: Sample", "administering_agency: NASA\ntitle: {en: Sample",
     "unknown administering_agency 'NASA'", "NASA"),
    ("{2024-01-01: 12, 2026-06-01: 6}", "{2024-01-01: 12, 2026-06-01: six}",
     "every value must be of one kind", "{2024-01-01: 12, 2026-06-01: six}"),
    ("      all:\n", "      unknown_when: \"true\"\n      all:\n",
     "unknown_when belongs on a criterion with when", "unknown_when"),
    ("          when: \"county_of_residence == 'los_angeles'\"\n",
     "          when: \"county_of_residence == 'los_angeles'\"\n          any: []\n",
     "exactly one of all, any, not or when (found any, when)", "- id: la_resident"),
    ("  max_months:\n", "  dob:\n    description: x\n    values: {2024-01-01: 1}\n  max_months:\n",
     "parameter 'dob' has the name of a field", "dob:"),
    ("-max_months)", "-max_monthz)", "unknown name (not a field or parameter): 'max_monthz'",
     "max_monthz"),
    ("  - id: sample_program", "  - id: sample_program\n    funding: probation\n    oops: 1",
     "unknown key oops in a program", "oops"),
]


def _line_col(text: str, marker: str) -> tuple[int, int]:
    index = text.index(marker)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize(("old", "new", "message", "marker"), MISTAKES,
                         ids=[m[2][:40] for m in MISTAKES])
def test_malformed_rule_file_reports_error_at_its_place(
    tmp_path: Path, old: str, new: str, message: str, marker: str
) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    with pytest.raises(RuleErrors) as info:
        load(tmp_path, text)
    errors = info.value.errors
    matching = [e for e in errors if message in e.message]
    assert matching, f"expected {message!r}, got {[str(e) for e in errors]}"
    error = matching[0]
    assert error.file is not None and error.file.endswith("sample.yaml")
    line, _ = _line_col(text, marker)
    assert error.line == line, str(error)
    assert str(error).startswith(f"{error.file}:{error.line}:{error.col}: ")


def test_expression_error_points_at_the_token(tmp_path: Path) -> None:
    text = VALID.replace("county_of_residence == 'los_angeles'", "favourite_color == 'blue'")
    with pytest.raises(RuleErrors) as info:
        load(tmp_path, text)
    line, col = _line_col(text, "favourite_color")
    assert (info.value.errors[0].line, info.value.errors[0].col) == (line, col)


def test_every_problem_of_a_file_is_listed(tmp_path: Path) -> None:
    text = VALID.replace("'los_angeles'", "'los_angles'").replace(
        "provider: odr_interim_housing", "provider: nobody")
    with pytest.raises(RuleErrors) as info:
        load(tmp_path, text)
    assert len(info.value.errors) == 2
    assert str(info.value).count("sample.yaml:") == 2


def test_duplicate_program_id_across_files(tmp_path: Path) -> None:
    load(tmp_path, VALID)
    with pytest.raises(RuleErrors, match="duplicate program id 'sample_program'"):
        load(tmp_path, VALID.replace("id: sample\n", "id: second\n"), "second.yaml")


def test_folder_without_rule_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleErrors, match="no rule files"):
        load_rules(tmp_path, catalog())


def test_plain_string_text_is_a_warning_not_an_error(tmp_path: Path) -> None:
    rules = load(tmp_path, VALID.replace("title: {en: Sample, es: Muestra}", "title: Sample"))
    assert any("no Spanish (es) text" in str(w) for w in rules.warnings)
